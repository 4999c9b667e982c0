// timer_delivery.hpp: how a timer hands its message to a mailbox that may be full.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "courier/actors/actor_ref.hpp"
#include "courier/actors/timer.hpp"
#include "courier/mailbox/waker.hpp"
#include "courier/scheduler/task.hpp"

namespace courier::detail {

// lose_timer_message() records a timer's message that will never be sent as a dead letter.
template <class M>
void lose_timer_message(const ActorRef<M>& to, const M& message) {
  CellBase& cell = *to.cell();
  const std::string name = cell.name();
  cell.system().dead_letters()->record(
      {cell.id(), name, held_type(message), &message, DeadLetterReason::cancelled});
}

// WaitForRoom<M> is a timer's message waiting for room in a full mailbox whose policy is to
// wait: a Task that the runtime runs once, which waits in the mailbox's queue and ends when the
// message is in, when the send fails (the target stopped: counted as a failed send), or when its
// wait is cancelled (the timer was cancelled, its owner stopped, or the runtime shuts down), which
// makes the message a dead letter (DeadLetterReason::cancelled).
// Lifetime: it owns itself, and frees itself as run() ends, once its TimerState no longer names
// it (so a cancel() never reaches it freed). The actor system stops its timer thread before its
// runtime, whose shutdown runs every queued Task and cancels every wait: no wait outlives it.
// Thread-safety: made on the timer thread, then touched by the runtime and by cancel_wait().
template <class M>
class WaitForRoom final : public Task {
 public:
  WaitForRoom(std::shared_ptr<TimerState> state, ActorRef<M> to, M message)
      : state_(std::move(state)), to_(std::move(to)), message_(std::move(message)) {}

  void run() noexcept override {
    bool sent = false;
    if (!cancel_requested()) {
      try {
        // A copy: a cancelled wait throws, and the dead letter then still shows the message.
        // A failed send needs nothing more: the target has stopped, and the cell counted it.
        (void)to_.cell()->send({message_, nullptr});
        sent = true;
      } catch (const Cancelled&) {
      }
    }
    if (!sent) lose_timer_message(to_, message_);
    state_->end_wait();  // from here on no cancel() reaches this
    delete this;
  }

 private:
  std::shared_ptr<TimerState> state_;
  ActorRef<M> to_;
  M message_;
};

// TimerDelivery<M> sends one timer's message each time the timer is due (fire(), on the timer
// thread, which must never block). A message that finds the mailbox full, when its policy is to
// wait, waits for room on the runtime (WaitForRoom). While it waits, the timer's ticks send
// nothing and are counted (TimerState::skip()): a timer holds at most one message in flight, so
// a stuck receiver costs a timer one waiting message, whatever its period.
// Thread-safety: fire() from the timer thread only.
template <class M>
class TimerDelivery {
 public:
  TimerDelivery(std::shared_ptr<TimerState> state, ActorRef<M> to, M message)
      : state_(std::move(state)), to_(std::move(to)), message_(std::move(message)) {}

  void fire() const {
    if (state_->waiting()) {
      state_->skip();
      return;
    }
    ActorCell<M>& cell = *to_.cell();
    auto r = cell.offer({message_, nullptr});
    if (r) return;
    if (r.error().status != mailbox::Status::full ||
        cell.mailbox_kind().overflow != Overflow::wait) {
      cell.count_failed_send(r.error().status);  // the target stopped, or fails when full
      return;
    }
    auto wait = std::make_unique<WaitForRoom<M>>(state_, to_, std::move(r.error().value.message));
    if (!state_->begin_wait(*wait)) {
      lose_timer_message(to_, message_);  // cancelled since it was due
      return;
    }
    cell.system().runtime().schedule(*wait.release());  // it frees itself
  }

 private:
  std::shared_ptr<TimerState> state_;
  ActorRef<M> to_;
  M message_;
};

}  // namespace courier::detail
