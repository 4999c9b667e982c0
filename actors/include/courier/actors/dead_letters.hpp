// dead_letters.hpp: where messages go that no handler will take, so none is lost unseen.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <typeinfo>
#include <vector>

#include "courier/mailbox/status.hpp"

namespace courier {

using ActorId = std::uint64_t;

// Why a message became a dead letter.
enum class DeadLetterReason : std::uint8_t {
  stopped,         // still queued (or arriving) when its actor stopped
  dropped,         // refused by a full mailbox whose overflow policy is drop_newest
  handler_failed,  // its handler threw; the actor's supervisor decides what happens next
  late_reply,      // a reply to an ask that had already timed out
  cancelled,       // a timer's message, waiting for room, when its timer was cancelled
  count_           // (the number of reasons)
};

// reason_name() spells a reason ("stopped", "dropped", ...).
const char* reason_name(DeadLetterReason reason) noexcept;

// DeadLetter describes one dead letter. `message` points at the message (of type `type`) for
// the duration of the subscriber call only; it is null for a handler_failed letter, whose message
// the handler consumed.
struct DeadLetter {
  ActorId to;
  const std::string& to_name;
  const std::type_info& type;
  const void* message;
  DeadLetterReason reason;
};

namespace detail {

// FailedSendCounts counts the failed sends to one system's actors, by status. A ref may be used
// after its system is gone, and its failed send still counts here: so a block is never freed.
// Each is linked into a process-wide list when made (once per system, 40 bytes each, kept for
// the rest of the process), which keeps it reachable for leak checkers.
// Thread-safety: count() and load() from any thread, at any time.
class FailedSendCounts {
 public:
  // make() gives a new block of zero counts, valid for the rest of the process.
  static FailedSendCounts& make();

  // Indexed by Status (success and empty stay zero). Counts only: relaxed.
  void count(mailbox::Status status) noexcept {
    by_status_[static_cast<std::size_t>(status)].fetch_add(1, std::memory_order_relaxed);
  }
  std::uint64_t load(mailbox::Status status) const noexcept {
    return by_status_[static_cast<std::size_t>(status)].load(std::memory_order_relaxed);
  }

 private:
  FailedSendCounts() = default;
  std::array<std::atomic<std::uint64_t>, static_cast<std::size_t>(mailbox::Status::timeout) + 1>
      by_status_{};
  FailedSendCounts* next_ = nullptr;  // the process-wide list (dead_letters.cpp)
};

}  // namespace detail

// DeadLetters counts every dead letter of an actor system by reason, optionally logs each to
// stderr, and calls its subscribers. Subscribers run on the thread that made the dead letter and
// must not block. It also counts the sends that failed, by status: a failed send hands its
// message back to its sender and is not a dead letter, but a sender that ignores it loses the
// message, and the count shows that it happened.
// Thread-safety: every method is safe from any thread.
class DeadLetters {
 public:
  using Subscriber = std::function<void(const DeadLetter&)>;

  explicit DeadLetters(bool log = false) noexcept : log_(log) {}

  // record() counts `letter`, logs it if logging is on, and calls the subscribers.
  void record(const DeadLetter& letter);

  // count() is the number of dead letters so far, of one reason or of all.
  std::uint64_t count() const noexcept;
  std::uint64_t count(DeadLetterReason reason) const noexcept;

  // count_failed_send() counts a send that handed its message back: Status::full, closed (the
  // target has stopped) or timeout.
  void count_failed_send(mailbox::Status status) noexcept { failed_.count(status); }
  // failed_sends() is the number of failed sends so far, of one status or of all.
  std::uint64_t failed_sends() const noexcept;
  std::uint64_t failed_sends(mailbox::Status status) const noexcept;
  // failed_send_counts() is where failed sends are counted; it outlives this object.
  detail::FailedSendCounts& failed_send_counts() const noexcept { return failed_; }

  // subscribe() adds a subscriber and returns its id for unsubscribe().
  std::size_t subscribe(Subscriber subscriber);
  void unsubscribe(std::size_t id);

 private:
  std::array<std::atomic<std::uint64_t>, static_cast<std::size_t>(DeadLetterReason::count_)>
      counts_{};
  detail::FailedSendCounts& failed_ = detail::FailedSendCounts::make();
  std::atomic<bool> has_subscribers_{false};
  std::mutex mutex_;
  std::vector<std::pair<std::size_t, Subscriber>> subscribers_;
  std::size_t next_id_ = 0;
  bool log_;
};

}  // namespace courier
