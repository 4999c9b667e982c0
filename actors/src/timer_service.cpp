#include "timer_service.hpp"

#include <algorithm>
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
    push({when, period, std::move(state), std::move(fire)});
    if (heap_.size() >= sweep_at_) sweep_cancelled();
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
    if (heap_.front().when == Deadline::max()) {
      changed_.wait(lock);  // due never: wait for a sooner timer
      continue;
    }
    if (const Deadline next = heap_.front().when; Clock::now() < next) {
      // A copy: wait_until() keeps reading its deadline by reference while the lock is released,
      // and an add() meanwhile may reallocate the heap under heap_.front().
      changed_.wait_until(lock, next);
      continue;
    }
    Entry due = pop();
    if (due.state->cancelled()) continue;
    lock.unlock();
    due.fire();  // outside the lock: it may add timers
    lock.lock();
    if (due.period != Clock::duration::zero() && !stopping_ && !due.state->cancelled()) {
      due.when = deadline_after(due.when, due.period);
      push(std::move(due));
    }
  }
}

void TimerService::push(Entry entry) {
  heap_.push_back(std::move(entry));
  std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
}

TimerService::Entry TimerService::pop() {
  std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
  Entry top = std::move(heap_.back());
  heap_.pop_back();
  return top;
}

void TimerService::sweep_cancelled() {
  // Amortised O(1) per add(): a sweep costs O(n) and the next one waits for n more entries.
  std::erase_if(heap_, [](const Entry& e) { return e.state->cancelled(); });
  std::make_heap(heap_.begin(), heap_.end(), std::greater<>());
  sweep_at_ = std::max(kFirstSweep, 2 * heap_.size());
}

}  // namespace courier::detail
