// mailbox_kind.hpp: how an actor's mailbox is made, and what a send does when it is full.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>

namespace courier {

// Overflow is what a send to a full bounded mailbox does.
enum class Overflow : std::uint8_t {
  wait,         // the sender waits for room (a fiber suspends, a thread blocks); the default
  fail,         // the send fails with Status::full and hands the message back
  drop_newest,  // the message goes to dead letters (counted) and the send reports success
};

// Mailbox describes an actor's mailbox: bounded (with a capacity and an overflow policy) or
// unbounded. Choose it at spawn (SpawnOptions::mailbox) or in a topology file.
struct Mailbox {
  enum class Kind : std::uint8_t { bounded, unbounded };

  Kind kind = Kind::unbounded;
  Overflow overflow = Overflow::wait;  // bounded only
  std::uint32_t reserved = 0;          // room for this many messages is made at spawn
  std::size_t capacity = 0;            // bounded only (32 bits for `reserved` keep this 16 bytes)

  // reserve() is this mailbox with room for `n` messages made at spawn, so that a known burst
  // allocates nothing while it arrives (as Go's buffered channel is made whole). It adds memory,
  // not capacity.
  [[nodiscard]] Mailbox reserve(std::uint32_t n) const noexcept {
    Mailbox m = *this;
    m.reserved = n;
    return m;
  }

  // bounded() is a mailbox of `capacity` messages (at least 1).
  static Mailbox bounded(std::size_t capacity, Overflow overflow = Overflow::wait) {
    if (capacity == 0)
      throw std::invalid_argument("courier: a bounded mailbox needs capacity >= 1");
    return {.kind = Kind::bounded, .overflow = overflow, .capacity = capacity};
  }
  // unbounded() is a mailbox that never makes a sender wait.
  static Mailbox unbounded() noexcept { return {}; }
};
static_assert(sizeof(Mailbox) == 16, "every actor's cell keeps its Mailbox");

}  // namespace courier
