#include "runtime_core.hpp"

#include <stdexcept>
#include <thread>

namespace courier::detail {

RuntimeCore::RuntimeCore(const RuntimeOptions& options)
    : options_(options),
      stacks_(options.stack_size, options.guard_page, options.workers),
      idle_(options.workers) {
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
  Fiber* f = Fiber::make(*this, std::move(body));
  f->counted = true;
  live_count_.fetch_add(1, std::memory_order_seq_cst);
  if (stopping_.load(std::memory_order_seq_cst)) {
    retire(f);  // never started: its stack goes straight back
    throw std::runtime_error("courier: spawn on a runtime that is shutting down");
  }
  Worker* w = Worker::current();
  if (w != nullptr && &w->core() == this) {
    w->schedule(f, /*lifo=*/false);
  } else {
    inject(f);
  }
}

void RuntimeCore::enlist(Fiber* f) {
  std::lock_guard lock(registry_mutex_);
  f->listed = true;
  f->registry_next = listed_;
  if (listed_) listed_->registry_prev = f;
  listed_ = f;
  // A shutdown has already cancelled the fibers it found; this one's wait must end too.
  if (stopping_.load(std::memory_order_relaxed)) f->cancel();
}

void RuntimeCore::adopt(Fiber* f) {
  f->counted = true;
  live_count_.fetch_add(1, std::memory_order_seq_cst);
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
  if (f->listed) {
    std::lock_guard lock(registry_mutex_);
    if (f->registry_prev) f->registry_prev->registry_next = f->registry_next;
    if (f->registry_next) f->registry_next->registry_prev = f->registry_prev;
    if (listed_ == f) listed_ = f->registry_next;
  }
  const bool counted = f->counted;
  Fiber::destroy(f);
  if (counted) uncount();
}

void RuntimeCore::uncount() noexcept {
  if (live_count_.fetch_sub(1, std::memory_order_seq_cst) == 1 &&
      stopping_.load(std::memory_order_seq_cst)) {
    // Under the lock, so the notify cannot fall between shutdown's check and its wait.
    std::lock_guard lock(registry_mutex_);
    all_retired_.notify_all();
  }
}

void RuntimeCore::shutdown() {
  std::lock_guard serial(shutdown_mutex_);
  {
    std::unique_lock lock(registry_mutex_);
    if (stopped_) return;
    stopping_.store(true, std::memory_order_seq_cst);
    // Cancel every listed fiber's waits, the present one and any later one; the fibers unwind.
    for (Fiber* f = listed_; f != nullptr; f = f->registry_next) f->cancel();
    all_retired_.wait(lock, [this] { return live_count_.load(std::memory_order_seq_cst) == 0; });
    stopped_ = true;
  }
  // Only the first caller gets here (later ones find stopped_ set, after it has finished).
  workers_stopping_.store(true, std::memory_order_release);
  idle_.notify_all();
  for (auto& w : workers_) w->wake();
  for (auto& w : workers_) w->join();
}

}  // namespace courier::detail
