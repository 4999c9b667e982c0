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

// RuntimeCore owns the workers, the global queue, the stacks, the timers and the list of live
// fibers (the list is what lets shutdown cancel the fibers that wait).
// Thread-safety: every method is safe from any thread.
class RuntimeCore {
 public:
  explicit RuntimeCore(const RuntimeOptions& options);
  ~RuntimeCore();

  // spawn() starts a fiber running `body`; throws std::runtime_error after shutdown began.
  void spawn(std::move_only_function<void()> body);
  // adopt() adds a carrier that detached to the live fibers (cancelled at once during shutdown).
  void adopt(Fiber* f);
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
  std::size_t live_fibers() const;
  Runtime* owner = nullptr;

 private:
  RuntimeOptions options_;
  StackPool stacks_;
  TimerQueue timers_;
  Injector<Runnable> injector_;
  Idle idle_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::atomic<bool> workers_stopping_{false};

  void register_fiber(Fiber* f);  // with registry_mutex_ held

  std::mutex shutdown_mutex_;  // held through a whole shutdown: concurrent callers wait it out
  mutable std::mutex registry_mutex_;
  std::condition_variable all_retired_;
  Fiber* live_ = nullptr;  // intrusive list through registry_prev/next
  std::size_t live_count_ = 0;
  bool stopping_ = false;
  bool stopped_ = false;
};

}  // namespace courier::detail
