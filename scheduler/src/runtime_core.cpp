#include "runtime_core.hpp"

#include <stdexcept>
#include <thread>

namespace courier::detail {

RuntimeCore::RuntimeCore(const RuntimeOptions& options)
    : options_(options), stacks_(options.stack_size, options.guard_page), idle_(options.workers) {
  if (options_.workers == 0) throw std::invalid_argument("courier: a runtime needs a worker");
  if (options_.budget == 0) throw std::invalid_argument("courier: the budget must be at least 1");
  workers_.reserve(options_.workers);
  for (std::size_t i = 0; i < options_.workers; ++i) {
    workers_.push_back(std::make_unique<Worker>(*this, i));
  }
  for (auto& w : workers_) w->start();
}

RuntimeCore::~RuntimeCore() {
  shutdown();
}

void RuntimeCore::spawn(std::move_only_function<void()> body) {
  auto* f = new Fiber(*this, std::move(body));
  {
    std::lock_guard lock(registry_mutex_);
    if (stopping_) {
      delete f;  // never started: its stack goes straight back
      throw std::runtime_error("courier: spawn on a runtime that is shutting down");
    }
    register_fiber(f);
  }
  Worker* w = Worker::current();
  if (w != nullptr && &w->core() == this) {
    w->schedule(f, /*lifo=*/false);
  } else {
    inject(f);
  }
}

void RuntimeCore::register_fiber(Fiber* f) {
  f->registered = true;
  f->registry_next = live_;
  if (live_) live_->registry_prev = f;
  live_ = f;
  ++live_count_;
}

void RuntimeCore::adopt(Fiber* f) {
  std::lock_guard lock(registry_mutex_);
  register_fiber(f);
  // A shutdown already cancelled the fibers it found; this one's wait must end too.
  if (stopping_) f->cancel();
}

void RuntimeCore::schedule(Task& task, bool lifo) noexcept {
  Worker* w = Worker::current();
  if (w != nullptr && &w->core() == this) {
    w->schedule(&task, lifo);
  } else {
    inject(&task);
  }
}

void RuntimeCore::inject(Runnable* r) noexcept {
  injector_.push(r);
  idle_.notify_one();
}

void RuntimeCore::retire(Fiber* f) noexcept {
  if (f->registered) {
    std::lock_guard lock(registry_mutex_);
    if (f->registry_prev) f->registry_prev->registry_next = f->registry_next;
    if (f->registry_next) f->registry_next->registry_prev = f->registry_prev;
    if (live_ == f) live_ = f->registry_next;
    if (--live_count_ == 0 && stopping_) all_retired_.notify_all();
  }
  delete f;
}

std::size_t RuntimeCore::live_fibers() const {
  std::lock_guard lock(registry_mutex_);
  return live_count_;
}

void RuntimeCore::shutdown() {
  std::lock_guard serial(shutdown_mutex_);
  {
    std::unique_lock lock(registry_mutex_);
    if (stopped_) return;
    stopping_ = true;
    // Cancel every fiber's waits, the present one and any later one; the fibers unwind.
    for (Fiber* f = live_; f != nullptr; f = f->registry_next) f->cancel();
    all_retired_.wait(lock, [this] { return live_count_ == 0; });
    stopped_ = true;
  }
  // Only the first caller gets here (later ones find stopped_ set, after it has finished).
  workers_stopping_.store(true, std::memory_order_release);
  idle_.notify_all();
  for (auto& w : workers_) w->wake();
  for (auto& w : workers_) w->join();
}

}  // namespace courier::detail
