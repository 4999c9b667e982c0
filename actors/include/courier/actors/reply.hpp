// reply.hpp: the answer to an ask, and the error an ask ends with when there is none.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>

#include "courier/actors/dead_letters.hpp"
#include "courier/scheduler/event.hpp"

namespace courier {

// AskError is why an ask got no reply. `message` says who was asked, with what, and how long
// the ask waited, e.g. "ask to actor 'bank' (#3) with Deposit timed out after 100 ms".
struct AskError {
  enum class Kind : std::uint8_t {
    timeout,           // no reply within the timeout
    dead_target,       // the actor had stopped, or stopped before it handled the message
    mailbox_full,      // the actor's mailbox was full and its overflow policy is fail or drop
    handler_failed,    // the handler threw
    no_reply,          // the handler returned (or dropped its ReplyPromise) without replying
    wrong_reply_type,  // the handler replied with another type than the ask expects
  };
  Kind kind;
  std::string message;
};

namespace detail {

// SlotRef is an owning pointer to a reply slot with the count inside the slot: one word, not a
// shared_ptr's two, because every envelope in every mailbox carries one (null for a tell).
// Thread-safety: as shared_ptr: copies may be used and dropped concurrently.
template <class S>
class SlotRef {
 public:
  SlotRef() = default;
  SlotRef(std::nullptr_t) noexcept {}  // NOLINT: null converts implicitly, as for a pointer
  explicit SlotRef(S* adopted) noexcept : slot_(adopted) {}
  SlotRef(const SlotRef& other) noexcept : slot_(other.slot_) {
    if (slot_) slot_->add_ref();
  }
  SlotRef(SlotRef&& other) noexcept : slot_(std::exchange(other.slot_, nullptr)) {}
  template <class U>
  requires std::is_convertible_v<U*, S*> SlotRef(const SlotRef<U>& other)
  noexcept : slot_(other.get()) {  // NOLINT: as a pointer
    if (slot_) slot_->add_ref();
  }
  SlotRef& operator=(SlotRef other) noexcept {
    std::swap(slot_, other.slot_);
    return *this;
  }
  ~SlotRef() {
    if (slot_) slot_->drop_ref();
  }

  S* get() const noexcept { return slot_; }
  S* operator->() const noexcept { return slot_; }
  S& operator*() const noexcept { return *slot_; }
  explicit operator bool() const noexcept { return slot_ != nullptr; }
  // release() gives up ownership without dropping the count.
  S* release() noexcept { return std::exchange(slot_, nullptr); }

 private:
  S* slot_ = nullptr;
};

// ReplySlot is where the reply to one ask goes. The asker and the message's envelope share it;
// whichever side finishes first decides: a reply that comes after the asker gave up (timeout) is
// counted as a late_reply dead letter, in the replier's system, and never delivered anywhere. The
// slot holds nothing of any system: the asker makes it without touching the target's system,
// which may be gone (a ref kept after its system was destroyed).
// Thread-safety: fulfill/fail from the replying side, wait/abandon from the asker, concurrently.
class ReplySlotBase {
 public:
  explicit ReplySlotBase(const std::type_info& type) noexcept : type_(type) {}
  virtual ~ReplySlotBase() = default;

  void add_ref() noexcept { refs_.fetch_add(1, std::memory_order_relaxed); }
  // drop_ref() frees the slot with its last reference; acq_rel so the last one sees every write.
  void drop_ref() noexcept {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }

  // type() is the reply type the asker expects.
  const std::type_info& type() const noexcept { return type_; }

  // fail() ends the ask with an error; false if the asker had already given up.
  bool fail(AskError::Kind kind, std::string detail) noexcept {
    if (!begin_completing()) return false;
    error_kind_ = kind;
    error_detail_ = std::move(detail);
    end_completing();
    return true;
  }

  // pending() is true until the ask has a reply or an error, or was abandoned.
  bool pending() const noexcept { return state_.load(std::memory_order_acquire) == kPending; }

  // wait_until() waits for the reply or error; false at the deadline.
  bool wait_until(Deadline deadline) { return done_.wait_until(deadline); }

  // abandon() gives up on the reply; false if one is being delivered (then wait for it).
  bool abandon() noexcept {
    std::uint8_t s = kPending;
    return state_.compare_exchange_strong(s, kAbandoned, std::memory_order_acq_rel);
  }

  const std::optional<AskError::Kind>& error_kind() const noexcept { return error_kind_; }
  const std::string& error_detail() const noexcept { return error_detail_; }

 protected:
  // begin_completing() claims the slot for a reply or error; false (and the reply counted as a
  // late dead letter) if the asker has given up.
  bool begin_completing() noexcept {
    std::uint8_t s = kPending;
    // Acquire/release: the asker's abandon and our claim are ordered; exactly one wins.
    return state_.compare_exchange_strong(s, kCompleting, std::memory_order_acq_rel);
  }
  void end_completing() noexcept {
    state_.store(kDone, std::memory_order_release);
    done_.set();  // the Event publishes the value written before it to the waiter
  }
  void count_late_reply(const void* reply, DeadLetters& letters) {
    static const std::string kAsker = "(an ask that timed out)";
    letters.record({0, kAsker, type_, reply, DeadLetterReason::late_reply});
  }

 private:
  enum : std::uint8_t { kPending, kCompleting, kDone, kAbandoned };
  const std::type_info& type_;
  std::atomic<std::uint32_t> refs_{1};
  std::atomic<std::uint8_t> state_{kPending};
  Event done_;
  std::optional<AskError::Kind> error_kind_;
  std::string error_detail_;
};

// ReplySlot<R> carries a reply of type R.
template <class R>
class ReplySlot final : public ReplySlotBase {
 public:
  ReplySlot() noexcept : ReplySlotBase(typeid(R)) {}

  // fulfill() delivers the reply; false (and counted in `letters` as a late reply) if the asker
  // gave up.
  bool fulfill(R value, DeadLetters& letters) {
    if (!begin_completing()) {
      count_late_reply(&value, letters);
      return false;
    }
    value_.emplace(std::move(value));
    end_completing();
    return true;
  }

  // take() moves the reply out (after the wait saw it done without error).
  R take() { return std::move(*value_); }

 private:
  std::optional<R> value_;
};

}  // namespace detail

// A ReplyPromise answers an ask later, from anywhere: a handler takes it with
// Context::defer_reply<R>() and may move it to another actor, a timer or a thread. Dropping it
// unanswered ends the ask with no_reply. It may outlive its actor and its system: it keeps the
// system's dead letters, where a late reply is counted. An empty promise (default, moved from,
// or already answered) answers nothing: fulfill() and fail() return false.
// Thread-safety: one thread at a time.
template <class R>
class ReplyPromise {
 public:
  ReplyPromise() = default;
  ReplyPromise(detail::SlotRef<detail::ReplySlot<R>> slot,
               std::shared_ptr<DeadLetters> letters) noexcept
      : slot_(std::move(slot)), letters_(std::move(letters)) {}
  ReplyPromise(ReplyPromise&&) noexcept = default;
  ReplyPromise& operator=(ReplyPromise&& other) noexcept {
    if (this != &other) {
      drop();
      slot_ = std::move(other.slot_);
      letters_ = std::move(other.letters_);
    }
    return *this;
  }
  ~ReplyPromise() { drop(); }

  // fulfill() answers the ask; false if the asker had given up (the reply is a late dead letter)
  // or if this promise is empty (the message was told, not asked).
  bool fulfill(R value) {
    if (!slot_) return false;
    return std::exchange(slot_, nullptr)->fulfill(std::move(value), *letters_);
  }

  // fail() ends the ask with handler_failed and `why`.
  bool fail(std::string why) {
    if (!slot_) return false;
    return std::exchange(slot_, nullptr)->fail(AskError::Kind::handler_failed, std::move(why));
  }

  // valid() is true while there is an ask to answer.
  bool valid() const noexcept { return static_cast<bool>(slot_); }

 private:
  void drop() noexcept {
    if (slot_) {
      std::exchange(slot_, nullptr)
          ->fail(AskError::Kind::no_reply, "the ReplyPromise was dropped without a reply");
    }
  }
  detail::SlotRef<detail::ReplySlot<R>> slot_;
  std::shared_ptr<DeadLetters> letters_;  // set with slot_
};

}  // namespace courier
