// block.hpp: 32 message slots, the unit in which a channel stores and recycles memory.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>

namespace courier::mailbox {

// A Block holds 32 consecutive slots of a channel's message sequence, starting at start(). Each
// slot has its own ready flag beside its value, set (with release) by the one sender that claimed
// the slot once the value is written, so the receiver reads a value only after its bytes are
// complete. A flag per slot, rather than one ready word per block, means a send writes one cache
// line the receiver reads anyway, and concurrent senders do not contend on a shared word.
// Blocks form a singly linked list through next(); a drained block is reset and appended again.
// Thread-safety: write() by the sender that claimed the slot; take() by the receiver after
// is_ready(); the rest as each method says.
template <class T>
class Block {
 public:
  static constexpr std::size_t kSlots = 32;

  explicit Block(std::uint64_t start) noexcept : start_(start) {}
  Block(const Block&) = delete;
  Block& operator=(const Block&) = delete;

  // start() is the sequence index of slot 0. Written only while no other thread can see the block.
  std::uint64_t start() const noexcept { return start_; }
  void set_start(std::uint64_t start) noexcept { start_ = start; }

  std::atomic<Block*>& next() noexcept { return next_; }

  // previous() is the block this one was linked after (none for a channel's first block); set
  // with set_start(), while no other thread can see the block, and read only by a sender that
  // walks back from the frontier to its own block (see TxList::find_block).
  Block* previous() const noexcept { return previous_; }
  void set_previous(Block* previous) noexcept { previous_ = previous; }

  // write() puts a value in slot `offset` and publishes it. Release is enough for the value's
  // bytes. The wake-up handshake does not rely on this store but on the sender's claim of the
  // slot (a seq_cst RMW on the tail position), which a receiver that has armed its waker checks
  // (Chan::poll_recv); the sender even wakes the receiver before it writes (Chan::push). That
  // saves a locked instruction per send.
  void write(std::size_t offset, T&& value) noexcept {
    ::new (static_cast<void*>(slots_[offset].bytes)) T(std::move(value));
    slots_[offset].ready.store(true, std::memory_order_release);
  }

  // is_ready() says whether slot `offset` holds a published value (acquire: its bytes are
  // visible).
  bool is_ready(std::size_t offset) const noexcept {
    return slots_[offset].ready.load(std::memory_order_acquire);
  }

  // take() moves the value out of a ready slot and destroys the slot's copy.
  T take(std::size_t offset) noexcept {
    T* p = std::launder(reinterpret_cast<T*>(slots_[offset].bytes));
    T value(std::move(*p));
    std::destroy_at(p);
    return value;
  }

  // release() records that the receiver left this block when the tail position was
  // `observed_tail`: any sender still walking through the block claimed a slot below it.
  void release(std::uint64_t observed_tail) noexcept {
    observed_tail_ = observed_tail;
    released_.store(true, std::memory_order_release);  // publishes observed_tail_
  }

  // released_at() gives the tail position recorded by release(), or false if not yet released.
  bool released_at(std::uint64_t& observed_tail) const noexcept {
    if (!released_.load(std::memory_order_acquire)) return false;
    observed_tail = observed_tail_;
    return true;
  }

  // reset() makes a drained block new again, before it is appended to the list once more.
  void reset() noexcept {
    next_.store(nullptr, std::memory_order_relaxed);
    released_.store(false, std::memory_order_relaxed);
    for (Slot& s : slots_) s.ready.store(false, std::memory_order_relaxed);
  }

 private:
  struct Slot {
    alignas(T) std::byte bytes[sizeof(T)];
    std::atomic<bool> ready{false};
  };

  std::uint64_t start_;
  Block* previous_ = nullptr;
  std::atomic<Block*> next_{nullptr};
  std::atomic<bool> released_{false};
  std::uint64_t observed_tail_ = 0;
  Slot slots_[kSlots];
};

}  // namespace courier::mailbox
