// runtime.hpp: the fiber runtime actors run on.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

#include "courier/mailbox/deadline.hpp"
#include "courier/mailbox/waker.hpp"
#include "courier/scheduler/counters.hpp"
#include "courier/scheduler/join_handle.hpp"
#include "courier/scheduler/task.hpp"

namespace courier {
namespace detail {
class RuntimeCore;
}

// RuntimeOptions configures a Runtime.
struct RuntimeOptions {
  std::size_t workers = 0;             // worker threads; 0 means one per core
  std::size_t stack_size = 64 * 1024;  // bytes per fiber stack, rounded up to pages
  bool guard_page = true;              // an inaccessible page below each stack
  std::uint32_t budget = 128;          // channel operations per time slice before a fiber yields
};

// Runtime runs fibers on N worker threads with work stealing. A fiber that waits (a mailbox
// receive or send, a permit, a sleep, a join) suspends and its worker runs other fibers; the same
// calls from a plain thread block that thread. Idle workers sleep and use no CPU.
// Shutdown rule: shutdown() (or the destructor) refuses new spawns, cancels every wait — the
// waiting call throws Cancelled, the fiber unwinds — and waits for every fiber to end. A fiber
// that catches Cancelled and keeps computing without waiting again delays shutdown until it ends.
// Thread-safety: every method is safe from any thread; shutdown() not from one of its fibers.
class Runtime {
 public:
  explicit Runtime(RuntimeOptions options = {});
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;
  ~Runtime();

  // spawn() starts `f` on a new fiber and returns a handle to join it. Throws
  // std::runtime_error once shutdown has begun.
  template <class F>
  JoinHandle<std::invoke_result_t<std::decay_t<F>>> spawn(F&& f) {
    using T = std::invoke_result_t<std::decay_t<F>>;
    auto state = std::make_shared<detail::JoinState<T>>();
    spawn_fiber([state, fn = std::forward<F>(f)]() mutable {
      try {
        if constexpr (std::is_void_v<T>) {
          fn();
          state->value.emplace(true);
        } else {
          state->value.emplace(fn());
        }
      } catch (...) {
        state->error = std::current_exception();
      }
      state->done.set();
    });
    return JoinHandle<T>(std::move(state));
  }

  // block_on() runs `f` on the runtime and waits for its result (or rethrows its exception).
  template <class F>
  std::invoke_result_t<std::decay_t<F>> block_on(F&& f) {
    return spawn(std::forward<F>(f)).join();
  }

  // schedule() makes `task` ready to run. Called from one of this runtime's workers, the task runs
  // next on that worker (its LIFO slot), so a message and its handler stay on one core. A task
  // scheduled once shutdown() has stopped the workers never runs: its owner must finish its
  // tasks first (the actor system does).
  void schedule(Task& task) noexcept;

  // requeue() makes `task` ready behind the work already queued: for a task that used up its
  // budget and must let others run before it goes on.
  void requeue(Task& task) noexcept;

  // shutdown() stops the runtime as described above, joins its threads and frees its stacks.
  void shutdown();

  std::size_t worker_count() const noexcept;
  // counters() reads worker `i`'s counters.
  WorkerCounters counters(std::size_t i) const;
  // live_fibers() counts fibers spawned and not yet ended.
  std::size_t live_fibers() const;

  // current() is the runtime whose fiber or worker is calling, or nullptr.
  static Runtime* current() noexcept;

 private:
  void spawn_fiber(std::move_only_function<void()> body);
  std::unique_ptr<detail::RuntimeCore> core_;
};

// yield_now() lets the other ready fibers of this worker run; on a plain thread it yields the
// thread.
void yield_now();

// sleep_until() suspends the calling fiber (or blocks the thread) until the deadline.
void sleep_until(Deadline deadline);

// sleep_for() suspends the calling fiber (or blocks the thread) for a duration; one too long to
// reach (courier::forever) sleeps until the wait is cancelled.
template <class Rep, class Period>
void sleep_for(std::chrono::duration<Rep, Period> d) {
  sleep_until(deadline_after(d));
}

}  // namespace courier
