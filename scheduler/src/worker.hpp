// worker.hpp: one worker thread and the fibers it runs.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <thread>
#include <vector>

#include "courier/mailbox/thread_parker.hpp"
#include "courier/scheduler/counters.hpp"
#include "courier/scheduler/task.hpp"
#include "local_queue.hpp"
#include "sanitizer.hpp"

namespace courier::detail {

class Fiber;
class RuntimeCore;
struct Runnable;

// Worker is a thread that runs ready fibers and tasks (a task runs on the worker's carrier fiber):
// first the LIFO slot (what the code running here woke last, so a message ping-pong stays on one
// core), then its local queue, then the runtime's injector, then work stolen from the other
// workers; with nothing to do it parks.
// Every 61st pick, and the pick after a yield, looks at the injector first, so outside work is
// never starved.
// Thread-safety: schedule() only on the worker's own thread; steal_from()/counters() from any.
class Worker {
 public:
  // How long an idle worker spins before it sleeps on its futex (in pauses, tens of
  // microseconds): waking a sleeping worker costs a system call on each side, so a worker that
  // is about to get work (a spawn storm, a fiber woken by another worker) should still be awake.
  static constexpr unsigned kIdleSpins = 2048;

  // A worker steals from another's local queue only if that queue is longer than kShortQueue or
  // its owner has resumed nothing for kBusyFor (it is in a long slice, or stuck). A worker that
  // keeps switching serves a short queue itself within a few slices; taking it moves those fibers,
  // and the cache lines they share (a channel's slots and counters), to another core for no gain.
  static constexpr std::uint32_t kShortQueue = 8;
  static constexpr std::chrono::microseconds kBusyFor{20};

  Worker(RuntimeCore& core, std::size_t id);
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  void start();
  void join();

  // schedule() makes a fiber or task ready on this worker: in the LIFO slot (`lifo`), or at the
  // back.
  void schedule(Runnable* r, bool lifo) noexcept;

  // next_task() is called by the carrier between two tasks: it makes the worker's next pick and
  // returns it if it is a task (the carrier runs it at once); a fiber it keeps for the worker to
  // resume once the carrier has switched out. nullptr: no task next.
  Task* next_task() noexcept;

  // release_carrier() forgets the carrier fiber, which its task now keeps (it waits).
  void release_carrier() noexcept { carrier_ = nullptr; }

  // wake() unparks this worker if it sleeps (shutdown).
  void wake() noexcept { parker_.wake(); }

  WorkerCounters counters() const noexcept;
  std::size_t id() const noexcept { return id_; }
  RuntimeCore& core() const noexcept { return core_; }
  sanitizer::FiberIdentity& identity() noexcept { return identity_; }

  // current() is the worker running on this thread, or nullptr.
  static Worker* current() noexcept;

 private:
  void run();
  Runnable* next_runnable() noexcept;
  Runnable* steal() noexcept;
  Runnable* steal_lifo_of_stuck_worker() noexcept;
  void push_back(Runnable* r) noexcept;
  void run(Runnable* r);
  void count_resume() noexcept;
  void run_fiber(Fiber* f);
  void retire_carrier();
  void park();
  bool worth_stealing_from(const Worker& victim, Clock::time_point& now) noexcept;
  bool work_visible() noexcept;
  void found_work() noexcept;

  RuntimeCore& core_;
  std::size_t id_;
  std::thread thread_;
  LocalQueue local_;
  // Filled only by this worker; emptied by an exchange, by this worker or by one that finds it
  // stuck (steal_lifo_of_stuck_worker()).
  std::atomic<Runnable*> lifo_{nullptr};
  Fiber* carrier_ = nullptr;    // runs tasks; made on demand, given up when its task waits
  Runnable* picked_ = nullptr;  // a fiber next_task() picked, to resume first
  ThreadParker parker_{kIdleSpins};
  sanitizer::FiberIdentity identity_;
  std::uint32_t tick_ = 0;
  std::uint32_t lifo_streak_ = 0;
  bool searching_ = false;
  bool injector_first_ = false;  // a yield happened: the injector comes before the local queue
  // What each other worker had resumed when this one last looked (for the stuck-LIFO check).
  std::vector<std::uint64_t> seen_resumes_;
  // What each other worker had resumed, and when this one first saw that count (for
  // worth_stealing_from()).
  struct Switches {
    std::uint64_t resumes = 0;
    Clock::time_point since{};
  };
  std::vector<Switches> switches_seen_;

  // Counters: written by this worker only, read by anyone (relaxed).
  std::atomic<std::uint64_t> resumes_{0};
  std::atomic<std::uint64_t> steals_{0};
  std::atomic<std::uint64_t> parks_{0};
};

}  // namespace courier::detail
