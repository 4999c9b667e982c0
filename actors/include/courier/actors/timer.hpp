// timer.hpp: a handle to a message scheduled with Context::send_after or send_every.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "courier/scheduler/task.hpp"

namespace courier {
namespace detail {

// TimerState is shared by a timer's handle, its owner actor, the timer thread and the timer's
// message while it waits for room in a full mailbox (a Task on the runtime, see TimerDelivery).
// It holds no pointer into the actor system but that Task, which it names only while the Task
// waits; the system ends every such wait before it is destroyed, so a handle that outlives the
// system finds none.
// Thread-safety: every method from any thread.
class TimerState {
 public:
  // cancel() ends the timer: it fires no more, and the wait of its message, if one waits, is
  // cancelled (that message becomes a dead letter).
  void cancel() noexcept {
    // Release: pairs with cancelled()'s acquire, so a fire that sees the flag sees the cancel's
    // cause; the lock below orders it with begin_wait() and end_wait().
    cancelled_.store(true, std::memory_order_release);
    std::lock_guard lock(mutex_);
    if (waiting_ != nullptr) waiting_->cancel_wait();
  }
  bool cancelled() const noexcept { return cancelled_.load(std::memory_order_acquire); }

  // waiting() is true while the timer's message waits for room.
  [[nodiscard]] bool waiting() const {
    std::lock_guard lock(mutex_);
    return waiting_ != nullptr;
  }
  // begin_wait() records that `delivery` now waits with the timer's message; false if the timer
  // was cancelled (then nothing waits).
  [[nodiscard]] bool begin_wait(Task& delivery) {
    std::lock_guard lock(mutex_);
    if (cancelled()) return false;
    waiting_ = &delivery;
    return true;
  }
  // end_wait() records that the message no longer waits (delivered, failed or cancelled).
  void end_wait() {
    std::lock_guard lock(mutex_);
    waiting_ = nullptr;
  }

  // skip() counts a tick that found the previous message still waiting, and sent nothing.
  void skip() noexcept { skipped_.fetch_add(1, std::memory_order_relaxed); }
  std::uint64_t skipped() const noexcept { return skipped_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> cancelled_{false};
  std::atomic<std::uint64_t> skipped_{0};  // a statistic: relaxed
  mutable std::mutex mutex_;               // guards waiting_
  Task* waiting_ = nullptr;
};

}  // namespace detail

// A TimerHandle cancels a scheduled message. Timers also end by themselves when the actor that
// made them stops or restarts. An empty handle cancels nothing. A timer holds at most one message
// in flight: a tick that finds its previous message still waiting for room in a full mailbox
// sends nothing and is counted (skipped_ticks()). A handle may outlive its actor system: then
// cancel() does nothing.
// Thread-safety: every method from any thread.
class TimerHandle {
 public:
  TimerHandle() = default;
  explicit TimerHandle(std::shared_ptr<detail::TimerState> state) noexcept
      : state_(std::move(state)) {}

  // cancel() stops the timer: no message is sent after it returns (one being sent right now may
  // still arrive), and a message waiting for room becomes a dead letter.
  void cancel() const noexcept {
    if (state_) state_->cancel();
  }

  // cancelled() is true once cancel() ran (here or by the owner's stop).
  [[nodiscard]] bool cancelled() const noexcept { return state_ && state_->cancelled(); }

  // skipped_ticks() counts the ticks that sent nothing because the previous message still waited.
  [[nodiscard]] std::uint64_t skipped_ticks() const noexcept {
    return state_ ? state_->skipped() : 0;
  }

 private:
  std::shared_ptr<detail::TimerState> state_;
};

}  // namespace courier
