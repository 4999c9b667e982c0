// actor.hpp: the base class users derive their actors from.
#pragma once

#include <exception>

#include "courier/actors/terminated.hpp"

namespace courier {

class Context;

// ActorBase holds the lifecycle hooks every actor has, whatever its message type. Every hook and
// handler of one actor runs one at a time, on a worker of the actor system, never concurrently.
// A hook that throws counts as a failure of the actor (on_stop's exception is only reported).
class ActorBase {
 public:
  ActorBase() = default;
  ActorBase(const ActorBase&) = delete;
  ActorBase& operator=(const ActorBase&) = delete;
  virtual ~ActorBase() = default;

  // on_start() runs before the first message.
  virtual void on_start(Context& ctx) { (void)ctx; }
  // on_stop() runs once when the actor stops for good (after its children have stopped), and on
  // the old instance before a restart.
  virtual void on_stop(Context& ctx) { (void)ctx; }
  // on_restart() runs on the new instance after a supervisor restarted the actor, instead of
  // on_start(); `cause` is what the failed handler threw. By default it calls on_start().
  virtual void on_restart(Context& ctx, const std::exception_ptr& cause) {
    (void)cause;
    on_start(ctx);
  }
  // on_terminated() receives the notice for an actor this one watches (Context::watch).
  virtual void on_terminated(const Terminated& notice, Context& ctx) {
    (void)notice;
    (void)ctx;
  }
};

// Actor<M> is an actor that handles messages of type M, one at a time, in the order each sender
// sent them. Use a std::variant for several message types.
template <class M>
class Actor : public ActorBase {
 public:
  using Message = M;

  // on_message() handles one message. It may wait (ask another actor, send to a full mailbox,
  // sleep): the actor then keeps its fiber until it resumes, and its worker runs other actors.
  virtual void on_message(M message, Context& ctx) = 0;
};

}  // namespace courier
