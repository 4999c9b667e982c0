// task.hpp: work that runs on a worker's fiber without owning one.
#pragma once

#include <atomic>
#include <cstdint>

namespace courier {
namespace detail {

class Fiber;

// Runnable is what the workers' queues hold: a fiber to resume, or a task to run.
struct Runnable {
  enum class Kind : std::uint8_t { kFiber, kTask };
  explicit Runnable(Kind k) noexcept : kind(k) {}
  Runnable* next = nullptr;  // link in the injector
  const Kind kind;

 protected:
  ~Runnable() = default;
};

}  // namespace detail

// A Task is work the runtime runs without giving it a fiber of its own: run() starts on the fiber
// its worker keeps at hand (the carrier), so a task that is not running costs no stack. If run()
// waits (a receive, a send to a full mailbox, a sleep), the task keeps that fiber until run()
// returns and the worker takes a fresh carrier for the tasks after it. An actor is a Task.
//
// Lifetime: the runtime touches a task from Runtime::schedule() until run() returns, and never
// after. schedule() a task only when it is not queued or running (the owner keeps that state).
// Thread-safety: cancel_wait() and clear_cancel() from any thread.
class Task : public detail::Runnable {
 public:
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;

  // run() does the task's work on a worker's fiber. It must not throw.
  virtual void run() noexcept = 0;

  // cancel_wait() makes the wait that run() is in now, or the next one it starts, throw
  // Cancelled; every later wait throws too, until clear_cancel().
  void cancel_wait() noexcept;

  // clear_cancel() lets run()'s waits wait again.
  void clear_cancel() noexcept { cancelled_.store(false, std::memory_order_relaxed); }

  // cancel_requested() is true between cancel_wait() and clear_cancel().
  bool cancel_requested() const noexcept { return cancelled_.load(std::memory_order_acquire); }

  // current() is the task whose run() is calling (on whichever worker it is now), or nullptr.
  static Task* current() noexcept;

 protected:
  Task() noexcept : Runnable(Kind::kTask) {}
  virtual ~Task() = default;

 private:
  friend class detail::Fiber;

  // suspending() and resumed() bracket a wait of run(): in between, cancel_wait() wakes `fiber`.
  void suspending(detail::Fiber* fiber) noexcept;
  void resumed() noexcept;
  void lock() noexcept;
  void unlock() noexcept { locked_.store(false, std::memory_order_release); }

  std::atomic<bool> cancelled_{false};
  std::atomic<bool> locked_{false};  // guards fiber_: held for a few instructions only
  detail::Fiber* fiber_ = nullptr;   // the fiber run() waits on, while it waits
};

}  // namespace courier
