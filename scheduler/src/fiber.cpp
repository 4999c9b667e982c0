#include "fiber.hpp"

#include <memory>

#include "courier/mailbox/coop.hpp"
#include "runtime_core.hpp"
#include "worker.hpp"

namespace courier::detail {
namespace {

// Accessed only through the out-of-line functions below: a fiber may move to another thread
// across a switch, and a compiler may otherwise keep one thread's TLS address in a register.
thread_local Fiber* running_fiber = nullptr;

// PooledAllocator is the Boost.Context stack allocator: it draws a stack from the pool, tells the
// sanitizers where it is, and remembers it (Boost keeps the allocator beside the fiber and hands
// the stack back through it when the fiber ends).
struct PooledAllocator {
  StackPool* pool;
  sanitizer::FiberIdentity* identity;
  StackPool::Stack stack{};
  boost::context::stack_context allocate() {
    stack = pool->allocate();
    *identity = sanitizer::FiberIdentity::for_stack(stack.context.sp, stack.context.size);
    return stack.context;
  }
  void deallocate(boost::context::stack_context&) noexcept { pool->deallocate(stack); }
};

}  // namespace

[[gnu::noinline]] Fiber* Fiber::current() noexcept {
  return running_fiber;
}

Fiber::Fiber(RuntimeCore& core, std::move_only_function<void()> body)
    : core_(core), body_(std::move(body)) {
  context_ = boost::context::fiber(std::allocator_arg, PooledAllocator{&core.stacks(), &identity_},
                                   [this](boost::context::fiber&& sink) {
                                     run_body(std::move(sink));
                                     return std::move(sink_);
                                   });
}

Fiber::~Fiber() {
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
  if (cancelled_.load(std::memory_order_acquire)) throw Cancelled{};
  std::uint8_t s = kNotified;
  // Acquire: whatever the waker wrote before wake() is visible once we take its token.
  if (wake_.compare_exchange_strong(s, kIdle, std::memory_order_acquire)) return true;
  TimerQueue::Entry timer{deadline, this};
  const bool timed = deadline != Deadline::max();
  if (timed) core_.timers().add(timer);
  s = kIdle;
  if (wake_.compare_exchange_strong(s, kParking, std::memory_order_relaxed)) {
    switch_out(Exit::kPark);
  } else {
    wake_.exchange(kIdle, std::memory_order_acquire);  // a wake slipped in: take its token
  }
  const bool fired = timed && !core_.timers().cancel(timer);
  if (cancelled_.load(std::memory_order_acquire)) throw Cancelled{};
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
  switch_out(Exit::kYield);
}

}  // namespace courier::detail
