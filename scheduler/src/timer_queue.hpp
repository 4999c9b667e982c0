// timer_queue.hpp: the runtime's timers, one heap and one thread that fires them.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

#include "courier/mailbox/waker.hpp"

namespace courier::detail {

// TimerQueue wakes a Waker at a deadline. Timers are entries the waiting code keeps on its own
// stack, in a binary heap ordered by deadline. One thread sleeps until the earliest deadline and
// fires due timers, calling wake() under the lock, so cancel() returning means the timer will
// never touch its entry again. Idle, the thread sleeps on a condition variable (no CPU).
// Thread-safety: every method is safe from any thread.
class TimerQueue {
 public:
  struct Entry {
    Deadline when;
    Waker* target;
    std::size_t index = kNotQueued;  // position in the heap; kNotQueued once fired or cancelled
    bool fired = false;
  };

  TimerQueue();
  TimerQueue(const TimerQueue&) = delete;
  TimerQueue& operator=(const TimerQueue&) = delete;
  ~TimerQueue();

  // add() arms an entry; its target is woken at `when` unless cancelled first.
  void add(Entry& e);
  // cancel() disarms an entry. Returns true if it had not fired (and now never will).
  bool cancel(Entry& e) noexcept;

 private:
  static constexpr std::size_t kNotQueued = std::numeric_limits<std::size_t>::max();

  void run();
  void sift_up(std::size_t i) noexcept;
  void sift_down(std::size_t i) noexcept;
  void swap_entries(std::size_t a, std::size_t b) noexcept;
  void remove_at(std::size_t i) noexcept;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Entry*> heap_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace courier::detail
