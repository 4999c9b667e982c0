// actor_ref.hpp: the handles through which everyone talks to an actor.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "courier/actors/actor_cell.hpp"
#include "courier/actors/reply.hpp"
#include "courier/actors/type_name.hpp"
#include "courier/expected.hpp"
#include "courier/mailbox/deadline.hpp"
#include "courier/mailbox/status.hpp"

namespace courier {

template <class M>
using SendResult = courier::Expected<void, mailbox::SendError<M>>;

namespace detail {

// ask_error() words an AskError: who was asked, with what, and how long it waited. For a timeout,
// a non-empty `detail` says that the target was asking the asker when the ask began (a cycle).
AskError ask_error(AskError::Kind kind, const CellBase& target, const std::type_info& message,
                   Clock::duration waited, std::string detail);

// empty_ref_ask_error() is what an ask through an empty ref ends with: dead_target, as for an
// actor that has stopped.
AskError empty_ref_ask_error(const std::type_info& message);

// to_message() turns an envelope's send error back into one holding the message.
template <class M>
SendResult<M> to_message(courier::Expected<void, mailbox::SendError<Envelope<M>>>&& r) {
  if (r) return {};
  return courier::Unexpected(
      mailbox::SendError<M>{r.error().status, std::move(r.error().value.message)});
}

// no_actor() is a send's failure through an empty ref: Status::closed, as for a stopped actor.
template <class M>
SendResult<M> no_actor(M&& message) {
  return courier::Unexpected(mailbox::SendError<M>{mailbox::Status::closed, std::move(message)});
}

}  // namespace detail

// An ActorRef<M> sends messages of type M to one actor. It is a weak handle: holding one never
// keeps the actor alive, and once the actor has stopped every send fails with Status::closed and
// hands the message back. Refs are cheap to copy, compare equal when they name the same actor,
// and hash by that identity.
// A ref may outlive its actor system (a global, a cache, a member destroyed after the system):
// the system stops every actor before it goes, so the ref then answers as for a stopped actor,
// and no operation reaches the system's memory. An empty (default or moved-from) ref names no
// actor and answers every call as for a stopped actor too: sends fail with Status::closed,
// ask with dead_target, stop() and end_input() do nothing, is_alive() is false, id() is 0 (no
// actor's id); name(), which has no way to fail, throws std::logic_error.
// Thread-safety: every method is safe from any thread, on one ref or on copies.
template <class M>
class ActorRef {
 public:
  using Message = M;

  ActorRef() = default;
  explicit ActorRef(std::shared_ptr<detail::ActorCell<M>> cell) noexcept : cell_(std::move(cell)) {}

  // send() delivers `message` by the mailbox's overflow policy: with `wait` (the default) a full
  // bounded mailbox makes the caller wait (a fiber suspends, a thread blocks, nothing else);
  // with `fail` it fails with Status::full; with `drop_newest` the message becomes a dead letter
  // and the send succeeds. It fails with Status::closed once the actor has stopped. Every failed
  // send is counted (DeadLetters::failed_sends()).
  [[nodiscard]] SendResult<M> send(M message) const {
    if (!cell_) return detail::no_actor(std::move(message));
    return detail::to_message<M>(cell_->send({std::move(message), nullptr}));
  }

  // try_send() delivers only if that needs no waiting: Status::full (message back) otherwise.
  [[nodiscard]] SendResult<M> try_send(M message) const {
    if (!cell_) return detail::no_actor(std::move(message));
    return detail::to_message<M>(cell_->try_send({std::move(message), nullptr}));
  }

  // send_timeout() is send() that gives up with Status::timeout; with courier::forever (or any
  // timeout too long to reach) it is send().
  [[nodiscard]] SendResult<M> send_timeout(M message, Clock::duration timeout) const {
    if (!cell_) return detail::no_actor(std::move(message));
    return detail::to_message<M>(
        cell_->send({std::move(message), nullptr}, deadline_after(timeout)));
  }

  // ask() sends `message` and waits up to `timeout` for the reply of type R (the handler answers
  // with Context::reply or a ReplyPromise). Called from an actor's handler it suspends only that
  // actor; from a plain thread it blocks the thread. With courier::forever it waits as long as
  // it takes, with no timer (as does any timeout too long to reach). Errors: timeout,
  // dead_target (stopped before or while handling it), mailbox_full, handler_failed, no_reply,
  // wrong_reply_type (the handler replied with another type than R); each message says who,
  // with what, and how long. A reply that comes after the timeout is counted as a late_reply
  // dead letter, never delivered. Two actors that ask each other cannot both be answered: at
  // least one ask times out (never, with forever), and its error names the cycle
  // (docs/actors.md, "ask").
  template <class R>
  [[nodiscard]] courier::Expected<R, AskError> ask(M message, Clock::duration timeout) const;

  // stop() stops the actor through its control lane, which a full mailbox never blocks: a handler
  // that is waiting has its wait cancelled (it throws Cancelled and unwinds); then the actor stops
  // as Context::stop() describes. Stopping a stopped actor does nothing.
  void stop() const {
    if (cell_) cell_->signal(detail::signal::Stop{StopReason::requested});
  }

  // end_input() lets the actor end by itself: it drops the actor's own hold on its mailbox, so
  // once no StrongRef to it is left and its mailbox is drained, it stops
  // (StopReason::inputs_ended).
  void end_input() const {
    if (cell_) cell_->signal(detail::signal::EndInput{});
  }

  // is_alive() is true until the actor has stopped (it may stop right after).
  bool is_alive() const noexcept { return cell_ && !cell_->terminated(); }

  ActorId id() const noexcept { return cell_ ? cell_->id() : 0; }
  std::string name() const {
    if (!cell_) throw std::logic_error("courier: name() of an empty ActorRef");
    return cell_->name();
  }

  explicit operator bool() const noexcept { return cell_ != nullptr; }
  friend bool operator==(const ActorRef& a, const ActorRef& b) noexcept {
    return a.cell_ == b.cell_;
  }

  // cell() is the actor's cell, for the framework's own use.
  const std::shared_ptr<detail::ActorCell<M>>& cell() const noexcept { return cell_; }

 private:
  std::shared_ptr<detail::ActorCell<M>> cell_;
};

// A StrongRef<M> is an ActorRef that also holds the actor's input open: an actor whose input was
// ended (ActorRef::end_input) stops by itself once its last StrongRef is gone and its mailbox is
// drained. A topology's wired edges are StrongRefs, so a pipeline ends when its sources stop.
// Like an ActorRef it may outlive its system. A moved-from StrongRef holds nothing: its ref is
// empty (every call answers as for a stopped actor), and it may be copied, assigned and dropped.
// Thread-safety: as ActorRef.
template <class M>
class StrongRef {
 public:
  // make() gives a StrongRef while the actor's input is open (nullopt once it has ended, and for
  // an empty ref).
  [[nodiscard]] static std::optional<StrongRef> make(const ActorRef<M>& ref) {
    if (!ref) return std::nullopt;
    auto hold = ref.cell()->hold_input();
    if (!hold) return std::nullopt;
    return StrongRef(ref, std::move(*hold));
  }

  StrongRef(const StrongRef&) = default;
  // A move leaves the source with no hold at all (not a moved-from sender, which cannot be copied).
  StrongRef(StrongRef&& other) noexcept
      : ref_(std::move(other.ref_)), hold_(std::exchange(other.hold_, std::nullopt)) {}
  // The assignments let go of the old input hold before the old ref: the last strong sender's
  // drop wakes the actor, whose cell the ref keeps alive until then (see ActorCell).
  StrongRef& operator=(const StrongRef& other) {
    hold_ = other.hold_;
    ref_ = other.ref_;
    return *this;
  }
  StrongRef& operator=(StrongRef&& other) noexcept {
    if (this != &other) {
      hold_ = std::exchange(other.hold_, std::nullopt);
      ref_ = std::move(other.ref_);
    }
    return *this;
  }
  ~StrongRef() = default;

  const ActorRef<M>& ref() const noexcept { return ref_; }
  [[nodiscard]] SendResult<M> send(M message) const { return ref_.send(std::move(message)); }
  [[nodiscard]] SendResult<M> try_send(M message) const {
    return ref_.try_send(std::move(message));
  }

 private:
  StrongRef(ActorRef<M> ref, typename detail::ActorCell<M>::InputHold hold)
      : ref_(std::move(ref)), hold_(std::move(hold)) {}
  // In this order, so that the destructor drops hold_ first, for the same reason.
  ActorRef<M> ref_;
  std::optional<typename detail::ActorCell<M>::InputHold> hold_;  // empty once moved from
};

template <class M>
template <class R>
courier::Expected<R, AskError> ActorRef<M>::ask(M message, Clock::duration timeout) const {
  using Kind = AskError::Kind;
  const std::type_info& type = detail::held_type(message);
  if (!cell_) return courier::Unexpected(detail::empty_ref_ask_error(type));
  const auto start = Clock::now();
  const Deadline deadline = deadline_after(timeout);
  detail::SlotRef<detail::ReplySlot<R>> slot(new detail::ReplySlot<R>());
  auto sent = cell_->send({std::move(message), slot}, deadline);
  if (!sent) {
    const mailbox::Status s = sent.error().status;
    const Kind kind = s == mailbox::Status::closed ? Kind::dead_target
                      : s == mailbox::Status::full ? Kind::mailbox_full
                                                   : Kind::timeout;
    return courier::Unexpected(detail::ask_error(kind, *cell_, type, Clock::now() - start, ""));
  }
  // While we wait, tell whoever asks us that we are waiting on this actor (cycle detection).
  auto* asker = dynamic_cast<detail::CellBase*>(Task::current());
  if (asker != nullptr) asker->set_asking(cell_->id());
  // A cycle shows as the target asking us, but only while its own ask lasts: if it times out
  // first it stops asking before ours does. Look now as well as at our timeout, so that the
  // errors of both sides name the cycle.
  const bool cycle = asker != nullptr && cell_->asking() == asker->id();
  struct Done {
    detail::CellBase* asker;
    detail::ReplySlot<R>& slot;
    ~Done() {
      if (asker != nullptr) asker->set_asking(0);
      slot.abandon();  // on every way out; after a reply this finds it done and does nothing
    }
  } done{asker, *slot};
  if (!slot->wait_until(deadline) && slot->abandon()) {
    return courier::Unexpected(
        detail::ask_error(Kind::timeout, *cell_, type, Clock::now() - start, cycle ? "cycle" : ""));
  }
  slot->wait_until(Deadline::max());  // a reply was being delivered as we gave up: take it
  if (const auto& kind = slot->error_kind()) {
    return courier::Unexpected(
        detail::ask_error(*kind, *cell_, type, Clock::now() - start, slot->error_detail()));
  }
  return slot->take();
}

}  // namespace courier

template <class M>
struct std::hash<courier::ActorRef<M>> {
  std::size_t operator()(const courier::ActorRef<M>& ref) const noexcept {
    return std::hash<const void*>()(ref.cell().get());
  }
};
