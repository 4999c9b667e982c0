// timer.hpp: a handle to a message scheduled with Context::send_after or send_every.
#pragma once

#include <atomic>
#include <memory>

namespace courier {
namespace detail {

// TimerState is shared by a timer's handle, its owner actor and the timer thread.
struct TimerState {
  std::atomic<bool> cancelled{false};
};

}  // namespace detail

// A TimerHandle cancels a scheduled message. Timers also end by themselves when the actor that
// made them stops or restarts. An empty handle cancels nothing.
// Thread-safety: cancel() from any thread.
class TimerHandle {
 public:
  TimerHandle() = default;
  explicit TimerHandle(std::shared_ptr<detail::TimerState> state) noexcept
      : state_(std::move(state)) {}

  // cancel() stops the timer: no message is sent after it returns (one being sent right now may
  // still arrive).
  void cancel() const noexcept {
    if (state_) state_->cancelled.store(true, std::memory_order_release);
  }

  // cancelled() is true once cancel() ran (here or by the owner's stop).
  bool cancelled() const noexcept {
    return state_ && state_->cancelled.load(std::memory_order_acquire);
  }

 private:
  std::shared_ptr<detail::TimerState> state_;
};

}  // namespace courier
