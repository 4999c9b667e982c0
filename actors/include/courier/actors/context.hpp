// context.hpp: what a running actor can do besides handling its message.
#pragma once

#include <chrono>
#include <string>

#include "courier/actors/dead_letters.hpp"
#include "courier/actors/reply.hpp"
#include "courier/actors/spawn_options.hpp"
#include "courier/actors/timer.hpp"
#include "courier/mailbox/waker.hpp"

namespace courier {

class ActorSystem;
template <class M>
class ActorRef;
namespace detail {
class CellBase;
}

// Context is an actor's view of itself and its system, passed to every hook and handler.
// Thread-safety: use it only inside the actor's own hooks and handlers.
class Context {
 public:
  explicit Context(detail::CellBase& cell) noexcept : cell_(cell) {}
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  ActorId id() const noexcept;
  std::string name() const;

  // self() is a ref to this actor. M must be its message type (std::logic_error otherwise).
  template <class M>
  ActorRef<M> self() const;

  // stop() stops this actor once the current handler returns: its children stop first, then
  // its on_stop runs, then the messages still queued go to dead letters.
  void stop() noexcept;

  // spawn() starts a child actor A, constructed from `args` (kept, copied, for restarts).
  template <class A, class... Args>
  ActorRef<typename A::Message> spawn(SpawnOptions options, Args&&... args);
  template <class A, class... Args>
  ActorRef<typename A::Message> spawn(Args&&... args) {
    return spawn<A>(SpawnOptions{}, std::forward<Args>(args)...);
  }

  // send_after() sends `message` to `to` once `delay` has passed; send_every() every `period`.
  // Both end when this actor stops or restarts, or when the handle is cancelled. A timer never
  // blocks on a full mailbox: with the `wait` policy its message waits for room on the runtime,
  // and the ticks that come meanwhile send nothing (TimerHandle::skipped_ticks()); a message
  // still waiting when the timer ends becomes a dead letter. A delay or period of
  // duration::max() never fires.
  template <class M>
  TimerHandle send_after(Clock::duration delay, const ActorRef<M>& to, M message);
  template <class M>
  TimerHandle send_every(Clock::duration period, const ActorRef<M>& to, M message);

  // watch() asks for a Terminated notice (on_terminated) when `target` stops; at once if it
  // already has; std::logic_error for an empty ref. unwatch() withdraws the request.
  template <class M>
  void watch(const ActorRef<M>& target);
  template <class M>
  void unwatch(const ActorRef<M>& target);

  // reply() answers the ask being handled; false if the message was told, not asked, or the
  // asker gave up (a late reply, counted as a dead letter), or if R is not the type the asker
  // expects: then the asker gets AskError::Kind::wrong_reply_type naming both types, and this
  // actor goes on (a caller's mistake never fails the actor it asks).
  template <class R>
  bool reply(R value);

  // defer_reply() takes the ask being handled, to answer it later through the promise (an empty
  // promise for a told message, or for an ask that expects another type than R, which then ends
  // with wrong_reply_type as for reply()).
  template <class R>
  ReplyPromise<R> defer_reply();

  ActorSystem& system() const noexcept;

 private:
  template <class R>
  detail::SlotRef<detail::ReplySlot<R>> take_reply_slot();
  detail::CellBase& cell_;
};

}  // namespace courier
