#include "courier/scheduler/runtime.hpp"

#include <stdexcept>
#include <thread>

#include "fiber.hpp"
#include "runtime_core.hpp"
#include "worker.hpp"

namespace courier {
namespace {

RuntimeOptions with_defaults(RuntimeOptions o) {
  if (o.workers == 0) o.workers = std::max(1u, std::thread::hardware_concurrency());
  return o;
}

}  // namespace

Runtime::Runtime(RuntimeOptions options)
    : core_(std::make_unique<detail::RuntimeCore>(with_defaults(options))) {
  core_->owner = this;
}

Runtime::~Runtime() {
  shutdown();
}

void Runtime::shutdown() {
  if (detail::Worker* w = detail::Worker::current(); w != nullptr && &w->core() == core_.get()) {
    throw std::logic_error("courier: Runtime::shutdown() called from one of its own fibers");
  }
  core_->shutdown();
}

std::size_t Runtime::worker_count() const noexcept {
  return core_->workers().size();
}

WorkerCounters Runtime::counters(std::size_t i) const {
  return core_->workers().at(i)->counters();
}

std::size_t Runtime::live_fibers() const {
  return core_->live_fibers();
}

Runtime* Runtime::current() noexcept {
  detail::Worker* w = detail::Worker::current();
  return w ? w->core().owner : nullptr;
}

void Runtime::schedule(Task& task) noexcept {
  core_->schedule(task, /*lifo=*/true);
}

void Runtime::requeue(Task& task) noexcept {
  core_->schedule(task, /*lifo=*/false);
}

void Runtime::spawn_fiber(std::move_only_function<void()> body) {
  core_->spawn(std::move(body));
}

void yield_now() {
  if (detail::Fiber* f = detail::Fiber::current()) {
    f->yield_now();
  } else {
    std::this_thread::yield();
  }
}

void sleep_until(Deadline deadline) {
  Parker& parker = Parker::current();
  while (Clock::now() < deadline) parker.park_until(deadline);
}

}  // namespace courier
