#include "fiber.hpp"

#include <cstdint>
#include <memory>
#include <new>

#include "courier/mailbox/coop.hpp"
#include "courier/mailbox/spin.hpp"
#include "runtime_core.hpp"
#include "worker.hpp"

namespace courier::detail {
namespace {

// Accessed only through the out-of-line functions below: a fiber may move to another thread
// across a switch, and a compiler may otherwise keep one thread's TLS address in a register.
thread_local Fiber* running_fiber = nullptr;

// KeptStack is the Boost.Context stack allocator of a fiber whose stack its Fiber frees: Boost
// ends its record before the Fiber (which sits above it on the same stack) is done.
struct KeptStack {
  void deallocate(boost::context::stack_context&) noexcept {}
};

// stack_cache() is the calling worker's stack cache if it is one of `core`'s workers.
std::size_t stack_cache(const RuntimeCore& core) noexcept {
  const Worker* w = Worker::current();
  return w != nullptr && &w->core() == &core ? w->id() : StackPool::kNoCache;
}

}  // namespace

[[gnu::noinline]] Fiber* Fiber::current() noexcept {
  return running_fiber;
}

Fiber* Fiber::make(RuntimeCore& core, std::move_only_function<void()> body) {
  const StackPool::Stack stack = core.stacks().allocate(stack_cache(core));
  // The Fiber takes the top of the stack, on a cache line of its own.
  const auto top = reinterpret_cast<std::uintptr_t>(stack.context.sp);
  void* at = reinterpret_cast<void*>((top - sizeof(Fiber)) & ~std::uintptr_t{63});
  try {
    return new (at) Fiber(core, std::move(body), stack);
  } catch (...) {
    core.stacks().deallocate(stack, stack_cache(core));
    throw;
  }
}

Fiber* Fiber::make(RuntimeCore& core, Carrier) {
  Fiber* f = make(core, nullptr);
  f->body_ = [f] { f->run_tasks(); };
  f->attached_ = true;
  return f;
}

void Fiber::destroy(Fiber* f) noexcept {
  RuntimeCore& core = f->core_;
  const StackPool::Stack stack = f->stack_;
  f->~Fiber();
  core.stacks().deallocate(stack, stack_cache(core));
}

Fiber::Fiber(RuntimeCore& core, std::move_only_function<void()> body, const StackPool::Stack& stack)
    : Runnable(Kind::kFiber), core_(core), stack_(stack), body_(std::move(body)) {
  // Boost's record and the fiber's frames go below the Fiber.
  const std::size_t below = static_cast<std::size_t>(
      reinterpret_cast<char*>(this) - (static_cast<char*>(stack.context.sp) - stack.context.size));
  identity_ = sanitizer::FiberIdentity::for_stack(this, below);
  context_ = boost::context::fiber(std::allocator_arg,
                                   boost::context::preallocated(this, below, stack.context),
                                   KeptStack{}, [this](boost::context::fiber&& sink) {
                                     run_body(std::move(sink));
                                     return std::move(sink_);
                                   });
}

Fiber::~Fiber() {
  context_ = {};  // a fiber that never started unwinds on its stack, below this object
  identity_.release();
}

void Fiber::run_body(boost::context::fiber&& sink) {
  sanitizer::after_switch(identity_, worker_->identity());
  sink_ = std::move(sink);
  body_();          // the spawn wrapper catches everything the function throws
  body_ = nullptr;  // what the function captured dies on its own fiber
  exit_ = Exit::kDone;
  sanitizer::before_switch(identity_, worker_->identity(), /*from_finishes=*/true);
}

void Fiber::run_tasks() {
  while (task_ != nullptr) {
    task_->run();
    task_ = nullptr;         // run() returned: the task may already run elsewhere, or be gone
    if (!attached_) return;  // a carrier that detached ends with its task
    // If the worker's next pick is a task too, run it right here: a message ping-pong between
    // actors then costs no context switch at all.
    task_ = worker_->next_task();
    if (task_ != nullptr) {
      coop::start_slice(core_.budget());
      continue;
    }
    switch_out(Exit::kIdle);
  }
}

void Fiber::detach() {
  attached_ = false;
  worker_->release_carrier();
  core_.adopt(this);
}

bool Fiber::cancelled() const noexcept {
  return cancelled_.load(std::memory_order_acquire) ||
         (task_ != nullptr && task_->cancel_requested());
}

Fiber::Exit Fiber::resume(Worker& worker) {
  worker_ = &worker;
  running_fiber = this;
  Parker::set_current(this);
  coop::start_slice(core_.budget());
  sanitizer::before_switch(worker.identity(), identity_);
  context_ = std::move(context_).resume();
  sanitizer::after_switch(worker.identity(), identity_);
  Parker::set_current(nullptr);
  running_fiber = nullptr;
  return exit_;
}

void Fiber::switch_out(Exit why) {
  exit_ = why;
  sanitizer::before_switch(identity_, worker_->identity());
  sink_ = std::move(sink_).resume();
  // Possibly on another worker now: resume() updated worker_ before switching in.
  sanitizer::after_switch(identity_, worker_->identity());
}

bool Fiber::park_until(Deadline deadline) {
  // While a task waits, its cancel_wait() must be able to find and wake this fiber.
  struct TaskWait {
    Task* task;
    TaskWait(Task* t, Fiber* f) noexcept : task(t) {
      if (task) task->suspending(f);
    }
    ~TaskWait() {
      if (task) task->resumed();
    }
  } task_wait(task_, this);
  if (cancelled()) throw Cancelled{};
  std::uint8_t s = kNotified;
  // Acquire: whatever the waker wrote before wake() is visible once we take its token.
  if (wake_.compare_exchange_strong(s, kIdle, std::memory_order_acquire)) return true;
  TimerQueue::Entry timer{deadline, this};
  const bool timed = deadline != Deadline::max();
  if (timed) core_.timers().add(timer);
  s = kIdle;
  if (wake_.compare_exchange_strong(s, kParking, std::memory_order_relaxed)) {
    if (attached_) detach();  // the task keeps this fiber; the worker needs another carrier
    // From its first park on, a shutdown must find this fiber to cancel it. If shutdown has
    // begun already, enlist() cancels it, which wakes it: the switch comes straight back.
    if (!listed) core_.enlist(this);
    switch_out(Exit::kPark);
  } else {
    wake_.exchange(kIdle, std::memory_order_acquire);  // a wake slipped in: take its token
  }
  const bool fired = timed && !core_.timers().cancel(timer);
  if (cancelled()) throw Cancelled{};
  return !fired;
}

bool Fiber::complete_park() noexcept {
  std::uint8_t s = kParking;
  // Release: the saved context is complete before a waker can see kParked and resume us.
  if (wake_.compare_exchange_strong(s, kParked, std::memory_order_acq_rel)) return true;
  wake_.exchange(kIdle, std::memory_order_acquire);  // kNotified: the wake came during the switch
  return false;
}

void Fiber::wake() noexcept {
  std::uint8_t s = wake_.load(std::memory_order_relaxed);
  while (true) {
    if (s == kNotified) return;
    if (s == kParked) {
      // Acquire: the parked fiber's saved context is visible to whoever resumes it.
      if (wake_.compare_exchange_weak(s, kIdle, std::memory_order_acq_rel)) break;
    } else if (wake_.compare_exchange_weak(s, kNotified, std::memory_order_release)) {
      return;  // running, queued or switching out: it will see the token
    }
  }
  // We moved it out of kParked, so we alone schedule it.
  Worker* w = Worker::current();
  if (w != nullptr && &w->core() == &core_) {
    w->schedule(this, /*lifo=*/true);
  } else {
    core_.inject(this);
  }
}

void Fiber::cancel() noexcept {
  cancelled_.store(true, std::memory_order_release);
  wake();
}

void Fiber::yield_now() {
  if (attached_) detach();
  switch_out(Exit::kYield);
}

}  // namespace courier::detail

namespace courier {

Task* Task::current() noexcept {
  detail::Fiber* f = detail::Fiber::current();
  return f != nullptr ? f->task() : nullptr;
}

void Task::lock() noexcept {
  // Acquire: pairs with unlock()'s release, so fiber_ is read as the last holder left it.
  while (locked_.exchange(true, std::memory_order_acquire)) cpu_relax();
}

void Task::suspending(detail::Fiber* fiber) noexcept {
  lock();
  fiber_ = fiber;
  unlock();
}

void Task::resumed() noexcept {
  lock();
  fiber_ = nullptr;
  unlock();
}

void Task::cancel_wait() noexcept {
  // The flag is set before the lock, and the waiting fiber publishes itself under the lock before
  // it reads the flag: either it sees the flag, or this sees the fiber and wakes it. The lock
  // also keeps the fiber from ending while it is woken (it clears fiber_ first).
  cancelled_.store(true, std::memory_order_release);
  lock();
  if (fiber_ != nullptr) fiber_->wake();
  unlock();
}

}  // namespace courier
