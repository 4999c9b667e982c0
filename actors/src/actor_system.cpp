#include "courier/actors/actor_system.hpp"

#include "root_cell.hpp"
#include "timer_service.hpp"

namespace courier {

ActorSystem::ActorSystem(SystemOptions options)
    : core_(std::make_unique<detail::SystemCore>(*this,
                                                 RuntimeOptions{.workers = options.workers,
                                                                .stack_size = options.stack_size,
                                                                .budget = options.budget},
                                                 options.log_dead_letters)),
      root_(std::make_shared<detail::RootCell>(*core_, options.root)) {}

ActorSystem::~ActorSystem() {
  shutdown();
}

detail::CellBase* ActorSystem::root() const noexcept {
  return root_.get();
}

void ActorSystem::adopt_top_level(std::shared_ptr<detail::CellBase> cell) {
  // Counted alive now, before the root guardian adopts and starts it: a wait_all_stopped() right
  // after the spawn must wait for this actor.
  core_->actor_started();
  if (!root_->signal(detail::signal::AdoptChild{std::move(cell)})) {
    core_->actor_stopped();
    throw std::runtime_error("courier: spawn on an actor system that has shut down");
  }
}

void ActorSystem::adopt_under(detail::CellBase& parent, std::shared_ptr<detail::CellBase> cell) {
  core_->actor_started();  // alive from its spawn on, as in adopt_top_level()
  if (!parent.signal(detail::signal::AdoptChild{std::move(cell)})) {
    core_->actor_stopped();
    throw std::runtime_error("courier: spawn under actor '" + parent.name() +
                             "', which has stopped");
  }
}

bool ActorSystem::wait_all_stopped(Clock::duration timeout) {
  return core_->wait_all_stopped(deadline_after(timeout));
}

bool ActorSystem::shutdown(Clock::duration timeout) {
  if (std::exchange(shut_down_, true)) return true;
  root_->signal(detail::signal::Stop{StopReason::shutdown});
  const bool in_time = core_->wait_all_stopped(deadline_after(timeout));
  // No timer fires after this, so none schedules a Task on the runtime once it has stopped.
  core_->timers().stop();
  // The runtime's shutdown cancels the waits of handlers that did not finish in time (and of
  // timers' messages waiting for room), and runs until every fiber has ended; after it no actor
  // code runs, so what is left can be torn down from here.
  core_->runtime().shutdown();
  root_->force_stop();
  return in_time;
}

DeadLetters& ActorSystem::dead_letters() noexcept {
  return *core_->dead_letters();
}

Runtime& ActorSystem::runtime() noexcept {
  return core_->runtime();
}

std::uint64_t ActorSystem::live_actors() const noexcept {
  return core_->live_actors();
}

std::uint64_t ActorSystem::restarts() const noexcept {
  return core_->restarts();
}

std::exception_ptr ActorSystem::failure() const {
  return core_->failure();
}

// ---- Context ------------------------------------------------------------------------------------

ActorId Context::id() const noexcept {
  return cell_.id();
}

std::string Context::name() const {
  return cell_.name();
}

void Context::stop() noexcept {
  cell_.stop_self();
}

ActorSystem& Context::system() const noexcept {
  return cell_.system().owner();
}

namespace detail {

void add_timer(CellBase& owner, Clock::duration delay, Clock::duration period,
               std::shared_ptr<TimerState> state, std::function<void()> fire) {
  owner.add_timer(state);
  owner.system().timers().add(deadline_after(delay), period, std::move(state), std::move(fire));
}

}  // namespace detail
}  // namespace courier
