#include "timer_service.hpp"

#include <utility>

namespace courier::detail {

TimerService::TimerService() : thread_([this] { loop(); }) {}

TimerService::~TimerService() {
  stop();
}

void TimerService::add(Deadline when, Clock::duration period, std::shared_ptr<TimerState> state,
                       Fire fire) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    heap_.push({when, period, std::move(state), std::move(fire)});
  }
  changed_.notify_one();
}

void TimerService::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    heap_ = {};
  }
  changed_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void TimerService::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (heap_.empty()) {
      changed_.wait(lock);
      continue;
    }
    if (const Deadline next = heap_.top().when; Clock::now() < next) {
      // A copy: wait_until() keeps reading its deadline by reference while the lock is released,
      // and an add() meanwhile may reallocate the heap under heap_.top().
      changed_.wait_until(lock, next);
      continue;
    }
    Entry due = heap_.top();
    heap_.pop();
    if (due.state->cancelled.load(std::memory_order_acquire)) continue;
    lock.unlock();
    due.fire();  // outside the lock: it may add timers
    lock.lock();
    if (due.period != Clock::duration::zero() && !stopping_ &&
        !due.state->cancelled.load(std::memory_order_acquire)) {
      due.when += due.period;
      heap_.push(std::move(due));
    }
  }
}

}  // namespace courier::detail
