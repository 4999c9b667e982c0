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
  live_.fetch_add(1, std::memory_order_relaxed);
}

void SystemCore::actor_stopped() noexcept {
  // Release: a waiter that sees the count drop also sees the stopped actor's last writes.
  if (live_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    std::lock_guard lock(mutex_);  // so a waiter between its check and its wait is not missed
    all_stopped_.notify_all();
  }
}

bool SystemCore::wait_all_stopped(Deadline deadline) {
  std::unique_lock lock(mutex_);
  return all_stopped_.wait_until(lock, deadline, [this] { return live_actors() == 0; });
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
