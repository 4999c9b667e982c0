// runtime_core.hpp: what a Runtime's workers and fibers share.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "courier/scheduler/runtime.hpp"
#include "fiber.hpp"
#include "idle.hpp"
#include "injector.hpp"
#include "stack_pool.hpp"
#include "timer_queue.hpp"
#include "worker.hpp"

namespace courier::detail {

// RuntimeCore owns the workers, the global queue, the stacks, the timers, the count of live fibers
// and the list of the fibers that have ever parked (what lets shutdown cancel their waits).
// A fiber enters the list when it first parks, not at its spawn (nor a carrier when it detaches):
// most fibers never park, and a spawn, a yield or an end that takes no lock is what lets two
// workers spawn and retire a million fibers without queueing on one mutex. Shutdown sets
// `stopping_` and cancels the listed fibers; an unlisted fiber that parks later enlists, sees
// `stopping_` and is cancelled there.
// Thread-safety: every method is safe from any thread.
class RuntimeCore {
 public:
  explicit RuntimeCore(const RuntimeOptions& options);
  ~RuntimeCore();

  // spawn() starts a fiber running `body`; throws std::runtime_error after shutdown began.
  void spawn(std::move_only_function<void()> body);
  // adopt() counts a carrier that detached (its task waits or yields) as a live fiber.
  void adopt(Fiber* f);
  // enlist() puts a live fiber that is about to park for the first time in the list that
  // shutdown cancels (and cancels it at once if shutdown has begun).
  void enlist(Fiber* f);
  // schedule() makes a task ready on the calling worker (in its LIFO slot if `lifo`), or, from
  // outside the workers, through the injector.
  void schedule(Task& task, bool lifo) noexcept;
  // inject() makes a fiber or task ready from outside the workers.
  void inject(Runnable* r) noexcept;
  // retire() frees a finished fiber.
  void retire(Fiber* f) noexcept;
  // shutdown() cancels waiting fibers, waits for all fibers to end, and stops the workers.
  void shutdown();

  StackPool& stacks() noexcept { return stacks_; }
  TimerQueue& timers() noexcept { return timers_; }
  Injector<Runnable>& injector() noexcept { return injector_; }
  Idle& idle() noexcept { return idle_; }
  std::vector<std::unique_ptr<Worker>>& workers() noexcept { return workers_; }
  std::uint32_t budget() const noexcept { return options_.budget; }
  bool workers_stopping() const noexcept {
    return workers_stopping_.load(std::memory_order_acquire);
  }
  // live_fibers() acquires: a caller that sees a fiber gone also sees everything it did.
  std::size_t live_fibers() const noexcept { return live_count_.load(std::memory_order_acquire); }
  Runtime* owner = nullptr;

 private:
  RuntimeOptions options_;
  StackPool stacks_;
  TimerQueue timers_;
  Injector<Runnable> injector_;
  Idle idle_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::atomic<bool> workers_stopping_{false};

  // uncount() ends a fiber's count, and tells a shutdown that waits when it was the last.
  void uncount() noexcept;

  std::mutex shutdown_mutex_;  // held through a whole shutdown: concurrent callers wait it out
  std::mutex registry_mutex_;  // guards listed_ and stopped_, and the wait on all_retired_
  std::condition_variable all_retired_;
  Fiber* listed_ = nullptr;  // fibers that have parked: an intrusive list through registry_*
  // live_count_ and stopping_ pair up Dekker-style (both seq_cst): a spawn adds before it reads
  // stopping_, and shutdown sets stopping_ before it reads the count, so either the spawn is
  // refused or shutdown waits for its fiber; an end subtracts before it reads stopping_, so
  // either it sees shutdown and notifies, or shutdown's read of the count already sees it gone.
  std::atomic<std::size_t> live_count_{0};
  std::atomic<bool> stopping_{false};
  bool stopped_ = false;
};

}  // namespace courier::detail
