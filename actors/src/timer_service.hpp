// timer_service.hpp: the thread that fires an actor system's timers.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "courier/actors/timer.hpp"
#include "courier/mailbox/deadline.hpp"
#include "courier/mailbox/waker.hpp"

namespace courier::detail {

// TimerService keeps timers in a heap ordered by deadline and fires each on its own thread when
// due (again every `period` if it has one), unless its state was cancelled. A timer due at
// Deadline::max() never fires. A cancelled timer
// stays in the heap until it is due or until the heap has doubled since it was last swept, so
// an actor that sets and cancels long timers in a loop cannot grow it without bound. A fire
// function must not block: it hands its message over without waiting (see
// timer_delivery.hpp).
// Thread-safety: add() from any thread; stop() once, by the owner.
class TimerService {
 public:
  using Fire = std::function<void()>;

  TimerService();
  TimerService(const TimerService&) = delete;
  TimerService& operator=(const TimerService&) = delete;
  ~TimerService();

  // add() schedules `fire` at `when`, then every `period` if it is not zero.
  void add(Deadline when, Clock::duration period, std::shared_ptr<TimerState> state, Fire fire);

  // stop() ends the thread and drops every timer not yet fired: no fire runs after it returns.
  void stop();

 private:
  struct Entry {
    Deadline when;
    Clock::duration period;
    std::shared_ptr<TimerState> state;
    Fire fire;
    bool operator>(const Entry& other) const noexcept { return when > other.when; }
  };
  void loop();
  void push(Entry entry);
  Entry pop();
  void sweep_cancelled();

  static constexpr std::size_t kFirstSweep = 64;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Entry> heap_;  // a min-heap on `when` (std::greater)
  std::size_t sweep_at_ = kFirstSweep;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace courier::detail
