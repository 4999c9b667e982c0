// fiber.hpp: a fiber, the unit the runtime schedules, and the Parker of the code it runs.
#pragma once

#include <atomic>
#include <boost/context/fiber.hpp>
#include <cstdint>
#include <functional>

#include "courier/mailbox/waker.hpp"
#include "courier/scheduler/task.hpp"
#include "sanitizer.hpp"
#include "stack_pool.hpp"

namespace courier::detail {

class RuntimeCore;
class Worker;

// Fiber runs one spawned function on its own stack. It is also that function's Parker: park
// suspends the fiber (its worker runs others) and wake() makes it ready again, from any thread.
// A carrier fiber instead runs tasks, one after another, for the worker that made it; when a task
// waits, the carrier detaches (becomes an ordinary fiber that ends with that task's run()) and
// the worker makes a new carrier when it next needs one. Carriers count as live fibers, and can
// be cancelled by a shutdown, only while detached.
//
// Wake-up state (`wake_`), the only part shared between threads:
//   kIdle     running or queued, no wake pending;
//   kNotified a wake arrived while running, queued or switching out: the next park returns at once;
//   kParking  switching out to park: not yet resumable (its context is being saved);
//   kParked   suspended and in no queue: the wake() that moves it to kIdle must schedule it.
// The worker completes a park after the switch: kParking -> kParked, or, if a wake came in the
// meantime (kNotified), it re-queues the fiber itself. So exactly one party schedules a fiber.
// Memory: a Fiber lives at the top of its own stack (Boost.Context's record lies just below it),
// so a spawn costs no allocation beyond what its function captures: make() builds it there and
// destroy() hands the stack back to the pool once the Fiber is gone.
// Thread-safety: wake() and cancel() from any thread; everything else from the fiber itself or
// from the worker that is resuming it.
class Fiber final : public Runnable, public Parker {
 public:
  // Why a fiber handed control back to its worker; kIdle: a carrier finished its task.
  enum class Exit : std::uint8_t { kPark, kYield, kDone, kIdle };
  struct Carrier {};

  // make() builds a fiber that runs `body`, or a carrier; throws std::bad_alloc without a stack.
  static Fiber* make(RuntimeCore& core, std::move_only_function<void()> body);
  static Fiber* make(RuntimeCore& core, Carrier);
  // destroy() ends a fiber that has finished or never started, and frees its stack.
  static void destroy(Fiber* f) noexcept;

  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;

  bool park_until(Deadline deadline) override;
  void wake() noexcept override;

  // cancel() makes every wait of this fiber, the current one and all later ones, throw Cancelled.
  void cancel() noexcept;

  // yield_now() puts the running fiber at the back of its worker's queue.
  void yield_now() override;

  // resume() runs the fiber on `worker` until it parks, yields or finishes; returns why.
  Exit resume(Worker& worker);

  // carry() makes an attached carrier run `task` at its next resume(); nullptr makes it end.
  void carry(Task* task) noexcept { task_ = task; }

  // task() is the task a carrier runs now, or nullptr.
  Task* task() const noexcept { return task_; }

  // counted is true while the fiber counts as live (spawned, or a carrier that detached); listed
  // while it is in the runtime's list of fibers that shutdown cancels (from its first park on).
  bool counted = false;
  bool listed = false;

  // complete_park() is the worker's half of a park, run right after the fiber switched out.
  // It returns true if the fiber is now parked, false if a wake came and the fiber is ready.
  bool complete_park() noexcept;

  // current() is the fiber running on this thread, or nullptr.
  static Fiber* current() noexcept;

  RuntimeCore& core() const noexcept { return core_; }

  Fiber* registry_prev = nullptr;  // links in the runtime's list of live fibers
  Fiber* registry_next = nullptr;

 private:
  enum : std::uint8_t { kIdle, kNotified, kParking, kParked };

  Fiber(RuntimeCore& core, std::move_only_function<void()> body, const StackPool::Stack& stack);
  ~Fiber();

  void switch_out(Exit why);
  void run_body(boost::context::fiber&& sink);
  void run_tasks();
  void detach();
  bool cancelled() const noexcept;

  RuntimeCore& core_;
  StackPool::Stack stack_;  // the stack this Fiber sits on
  std::move_only_function<void()> body_;
  boost::context::fiber context_;  // the fiber's own continuation while it is suspended
  boost::context::fiber sink_;     // the worker's continuation while the fiber runs
  Worker* worker_ = nullptr;       // the worker running it now
  Task* task_ = nullptr;           // the task a carrier runs
  bool attached_ = false;          // a carrier that its worker holds
  sanitizer::FiberIdentity identity_;
  Exit exit_ = Exit::kDone;
  std::atomic<std::uint8_t> wake_{kIdle};
  std::atomic<bool> cancelled_{false};
};

}  // namespace courier::detail
