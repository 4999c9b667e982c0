#include "courier/actors/system_core.hpp"

#include "timer_service.hpp"

namespace courier::detail {

SystemCore::SystemCore(ActorSystem& owner, RuntimeOptions runtime, bool log_dead_letters)
    : owner_(owner),
      runtime_(runtime),
      timers_(std::make_unique<TimerService>()),
      dead_letters_(std::make_shared<DeadLetters>(log_dead_letters)),
      budget_(runtime.budget) {}

SystemCore::~SystemCore() = default;

void SystemCore::actor_started() noexcept {
  started_.fetch_add(1, std::memory_order_relaxed);
}

void SystemCore::actor_stopped() noexcept {
  // The increment and the load of waiters_ are seq_cst, as are a waiter's increment of waiters_
  // and its reads of the counts (Dekker): either this actor sees the waiter and notifies it, or
  // the waiter's check sees this actor stopped. The increment also releases the actor's last
  // writes to whoever sees the count.
  stopped_.fetch_add(1, std::memory_order_seq_cst);
  if (waiters_.load(std::memory_order_seq_cst) != 0 && live_actors() == 0) {
    std::lock_guard lock(mutex_);  // so a waiter between its check and its wait is not missed
    all_stopped_.notify_all();
  }
}

std::uint64_t SystemCore::live_actors() const noexcept {
  // stopped_ first: every actor it counts was counted in started_ before (its spawn happened
  // before its end), so the later read of started_ is never the smaller one.
  const std::uint64_t stopped = stopped_.load(std::memory_order_seq_cst);
  return started_.load(std::memory_order_seq_cst) - stopped;
}

bool SystemCore::wait_all_stopped(Deadline deadline) {
  waiters_.fetch_add(1, std::memory_order_seq_cst);
  bool all_stopped;
  {
    std::unique_lock lock(mutex_);
    const auto none_alive = [this] { return live_actors() == 0; };
    if (deadline == Deadline::max()) {  // forever: no timed wait, whose clock arithmetic may wrap
      all_stopped_.wait(lock, none_alive);
      all_stopped = true;
    } else {
      all_stopped = all_stopped_.wait_until(lock, deadline, none_alive);
    }
  }
  waiters_.fetch_sub(1, std::memory_order_relaxed);
  return all_stopped;
}

void SystemCore::escalated(std::exception_ptr cause) {
  std::lock_guard lock(mutex_);
  if (!failure_) failure_ = std::move(cause);
}

std::exception_ptr SystemCore::failure() const {
  std::lock_guard lock(mutex_);
  return failure_;
}

}  // namespace courier::detail
