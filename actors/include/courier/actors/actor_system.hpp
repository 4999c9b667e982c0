// actor_system.hpp: the actor system, which runs actors on a fiber runtime.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "courier/actors/actor.hpp"
#include "courier/actors/actor_ref.hpp"
#include "courier/actors/context.hpp"
#include "courier/actors/dead_letters.hpp"
#include "courier/actors/spawn_options.hpp"
#include "courier/actors/spawned_cell.hpp"
#include "courier/actors/supervision.hpp"
#include "courier/actors/timer_delivery.hpp"
#include "courier/scheduler/runtime.hpp"

namespace courier {

// SystemOptions configures an ActorSystem and the runtime it owns.
struct SystemOptions {
  std::size_t workers = 0;             // worker threads; 0: one per core
  std::size_t stack_size = 64 * 1024;  // bytes per fiber stack
  std::uint32_t budget = 128;          // messages per activation, and the runtime's coop budget
  Supervision root{};                  // how the root guardian supervises top-level actors
  bool log_dead_letters = false;       // print each dead letter to stderr
};

namespace detail {
class RootCell;
}  // namespace detail

// ActorSystem runs actors on its own fiber runtime. Top-level actors (spawn()) are children of
// a root guardian that supervises them with SystemOptions::root; a failure that escalates past it
// stops the whole system (failure() then tells why).
// Shutdown stops every actor children-first: each actor's children stop, then its on_stop runs,
// then what is left in its mailbox goes to dead letters. The destructor shuts down.
// Thread-safety: every method is safe from any thread; shutdown() not from an actor.
class ActorSystem {
 public:
  explicit ActorSystem(SystemOptions options = {});
  ActorSystem(const ActorSystem&) = delete;
  ActorSystem& operator=(const ActorSystem&) = delete;
  ~ActorSystem();

  // spawn() starts a top-level actor A constructed from `args`. Throws std::runtime_error once
  // the system is shutting down, and whatever A's constructor throws.
  template <class A, class... Args>
  ActorRef<typename A::Message> spawn(SpawnOptions options, Args&&... args) {
    auto cell =
        detail::make_cell<A>(*core_, root(), std::move(options), std::forward<Args>(args)...);
    adopt_top_level(cell);
    return ActorRef<typename A::Message>(std::move(cell));
  }
  template <class A, class... Args>
  ActorRef<typename A::Message> spawn(Args&&... args) {
    return spawn<A>(SpawnOptions{}, std::forward<Args>(args)...);
  }

  // spawn_under() starts an actor A as a child of `parent`, from outside any actor: `parent`
  // supervises it with its own SpawnOptions::supervision, as if it had spawned it itself. The
  // child is adopted (and starts) when `parent` next handles its control lane, so not while one
  // of its handlers runs, and never before `parent`'s on_start has returned. Throws
  // std::runtime_error if `parent` has stopped or is an empty ref, and whatever A's constructor
  // throws.
  template <class A, class P, class... Args>
  ActorRef<typename A::Message> spawn_under(const ActorRef<P>& parent, SpawnOptions options,
                                            Args&&... args) {
    if (!parent) throw std::runtime_error("courier: spawn under an empty ActorRef");
    auto cell = detail::make_cell<A>(*core_, parent.cell().get(), std::move(options),
                                     std::forward<Args>(args)...);
    adopt_under(*parent.cell(), cell);
    return ActorRef<typename A::Message>(std::move(cell));
  }

  // wait_all_stopped() waits until every actor has stopped (a pipeline that ends by itself), or
  // the timeout (courier::forever: no limit); true if they all have.
  bool wait_all_stopped(Clock::duration timeout);

  // shutdown() stops every actor as described above and then the runtime. If the actors have not
  // all stopped within `timeout`, the runtime cancels every wait (handlers throw Cancelled) and
  // what remains is stopped without running more handlers. Returns true if all stopped in time.
  bool shutdown(Clock::duration timeout = std::chrono::seconds(5));

  DeadLetters& dead_letters() noexcept;
  Runtime& runtime() noexcept;
  // live_actors() counts actors spawned and not yet stopped.
  std::uint64_t live_actors() const noexcept;
  // restarts() counts restarts made by supervisors.
  std::uint64_t restarts() const noexcept;
  // failure() is the failure that escalated to the root and stopped the system, if any.
  std::exception_ptr failure() const;

 private:
  detail::CellBase* root() const noexcept;
  void adopt_top_level(std::shared_ptr<detail::CellBase> cell);
  void adopt_under(detail::CellBase& parent, std::shared_ptr<detail::CellBase> cell);

  std::unique_ptr<detail::SystemCore> core_;
  std::shared_ptr<detail::RootCell> root_;
  bool shut_down_ = false;
};

// ---- Context's templates, which need the whole system -------------------------------------------

template <class M>
ActorRef<M> Context::self() const {
  if (cell_.message_type() != typeid(M)) {
    throw std::logic_error("courier: self<" + demangle(typeid(M)) + ">() on actor '" + name() +
                           "', whose message type is " + demangle(cell_.message_type()));
  }
  return ActorRef<M>(std::static_pointer_cast<detail::ActorCell<M>>(cell_.shared_from_this()));
}

template <class A, class... Args>
ActorRef<typename A::Message> Context::spawn(SpawnOptions options, Args&&... args) {
  auto cell =
      detail::make_cell<A>(cell_.system(), &cell_, std::move(options), std::forward<Args>(args)...);
  cell_.system().actor_started();  // alive from its spawn on (see ActorSystem::adopt_top_level)
  cell_.adopt(*cell);
  return ActorRef<typename A::Message>(std::move(cell));
}

namespace detail {

void add_timer(CellBase& owner, Clock::duration delay, Clock::duration period,
               std::shared_ptr<TimerState> state, std::function<void()> fire);

}  // namespace detail

template <class M>
TimerHandle Context::send_after(Clock::duration delay, const ActorRef<M>& to, M message) {
  auto state = std::make_shared<detail::TimerState>();
  detail::add_timer(cell_, delay, Clock::duration::zero(), state,
                    [d = detail::TimerDelivery<M>(state, to, std::move(message))] { d.fire(); });
  return TimerHandle(std::move(state));
}

template <class M>
TimerHandle Context::send_every(Clock::duration period, const ActorRef<M>& to, M message) {
  if (period <= Clock::duration::zero()) {
    throw std::invalid_argument("courier: send_every needs a positive period");
  }
  auto state = std::make_shared<detail::TimerState>();
  detail::add_timer(cell_, period, period, state,
                    [d = detail::TimerDelivery<M>(state, to, std::move(message))] { d.fire(); });
  return TimerHandle(std::move(state));
}

template <class M>
void Context::watch(const ActorRef<M>& target) {
  if (!target) throw std::logic_error("courier: watch of an empty ActorRef, which names no actor");
  if (!target.cell()->add_watcher(cell_.weak_from_this())) {
    const auto& t = *target.cell();
    cell_.signal(Terminated{t.id(), t.name(), t.stop_reason()});
  }
}

template <class M>
void Context::unwatch(const ActorRef<M>& target) {
  if (target) target.cell()->remove_watcher(&cell_);
}

template <class R>
detail::SlotRef<detail::ReplySlot<R>> Context::take_reply_slot() {
  auto& slot = cell_.current_reply();
  if (!slot) return nullptr;
  if (slot->type() != typeid(R)) {
    // The asker's mistake or ours, it is the asker's error to report: failing this handler would
    // restart an actor that did nothing wrong and lose its state.
    std::string why = "actor '" + name() + "' (#" + std::to_string(id()) + ") replied with " +
                      demangle(typeid(R)) + " to an ask that expects " + demangle(slot->type());
    std::exchange(slot, nullptr)->fail(AskError::Kind::wrong_reply_type, std::move(why));
    return nullptr;
  }
  return detail::SlotRef<detail::ReplySlot<R>>(
      static_cast<detail::ReplySlot<R>*>(std::exchange(slot, nullptr).release()));
}

template <class R>
bool Context::reply(R value) {
  auto slot = take_reply_slot<R>();
  return slot && slot->fulfill(std::move(value), cell_.dead_letters());
}

template <class R>
ReplyPromise<R> Context::defer_reply() {
  auto slot = take_reply_slot<R>();
  if (!slot) return {};
  return ReplyPromise<R>(std::move(slot), cell_.system().dead_letters());
}

}  // namespace courier
