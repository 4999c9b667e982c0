#include "timer_queue.hpp"

namespace courier::detail {

TimerQueue::TimerQueue() : thread_([this] { run(); }) {}

TimerQueue::~TimerQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_one();
  thread_.join();
}

void TimerQueue::add(Entry& e) {
  bool earliest;
  {
    std::lock_guard lock(mutex_);
    e.fired = false;
    e.index = heap_.size();
    heap_.push_back(&e);
    sift_up(e.index);
    earliest = e.index == 0;
  }
  if (earliest) changed_.notify_one();  // the thread sleeps until a later deadline
}

bool TimerQueue::cancel(Entry& e) noexcept {
  std::lock_guard lock(mutex_);
  if (e.index == kNotQueued) return !e.fired;
  remove_at(e.index);
  return true;
}

void TimerQueue::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (heap_.empty()) {
      changed_.wait(lock);
      continue;
    }
    const Deadline next = heap_.front()->when;
    if (Clock::now() < next) {
      changed_.wait_until(lock, next);
      continue;
    }
    Entry* e = heap_.front();
    remove_at(0);
    e->fired = true;
    e->target->wake();  // under the lock: cancel() cannot return while this runs
  }
}

void TimerQueue::remove_at(std::size_t i) noexcept {
  Entry* e = heap_[i];
  const std::size_t last = heap_.size() - 1;
  if (i != last) {
    swap_entries(i, last);
    heap_.pop_back();
    sift_down(i);
    sift_up(i);
  } else {
    heap_.pop_back();
  }
  e->index = kNotQueued;
}

void TimerQueue::swap_entries(std::size_t a, std::size_t b) noexcept {
  std::swap(heap_[a], heap_[b]);
  heap_[a]->index = a;
  heap_[b]->index = b;
}

void TimerQueue::sift_up(std::size_t i) noexcept {
  while (i > 0) {
    const std::size_t parent = (i - 1) / 2;
    if (!(heap_[i]->when < heap_[parent]->when)) break;
    swap_entries(i, parent);
    i = parent;
  }
}

void TimerQueue::sift_down(std::size_t i) noexcept {
  const std::size_t n = heap_.size();
  while (true) {
    std::size_t smallest = i;
    const std::size_t l = 2 * i + 1, r = l + 1;
    if (l < n && heap_[l]->when < heap_[smallest]->when) smallest = l;
    if (r < n && heap_[r]->when < heap_[smallest]->when) smallest = r;
    if (smallest == i) break;
    swap_entries(i, smallest);
    i = smallest;
  }
}

}  // namespace courier::detail
