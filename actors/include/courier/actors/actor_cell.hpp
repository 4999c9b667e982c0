// actor_cell.hpp: an actor cell with its typed mailbox.
#pragma once

#include <algorithm>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <variant>

#include "courier/actors/cell.hpp"
#include "courier/expected.hpp"
#include "courier/mailbox/channel.hpp"

namespace courier::detail {

// held_type() is the type of a message; for a std::variant, of the alternative it holds.
template <class M>
const std::type_info& held_type(const M& message) noexcept {
  if constexpr (requires { std::variant_size<M>::value; }) {
    return std::visit([](const auto& held) -> const std::type_info& { return typeid(held); },
                      message);
  } else {
    (void)message;
    return typeid(M);
  }
}

// Envelope is what an actor's mailbox holds: the message, and where its reply goes if it was
// asked rather than told.
template <class M>
struct Envelope {
  M message;
  SlotRef<ReplySlotBase> reply;
};

// ActorCell<M> is the cell of an actor of message type M: it owns the mailbox (bounded or
// unbounded, as spawned) and sends into it on behalf of every ActorRef<M>, through a weak sender.
// The cell also holds one strong sender of its own (its input), so the mailbox stays open until
// the actor stops, or until end_input() drops it: then the actor stops by itself once the last
// StrongRef is gone and the mailbox is drained, which is how a pipeline ends. What builds a new
// instance on a restart is the actor class's part: see SpawnedCell.
// The cell owns its mailbox's receiver (mailbox::Receiver::own()): the mailbox keeps the cell's
// scheduling state and calls its wake(). So every handle of the mailbox that can wake the cell
// keeps the cell alive: the cell's own handles are in the cell, a ref holds the cell while it
// sends, and a StrongRef holds it until its strong sender is gone.
// Thread-safety: the send calls from any thread; the rest from the actor's own task.
template <class M>
class ActorCell : public CellBase {
 public:
  using Env = Envelope<M>;
  using SendResult = courier::Expected<void, mailbox::SendError<Env>>;
  // InputHold keeps the mailbox open (a strong sender), for StrongRef.
  using InputHold = std::variant<mailbox::Sender<Env>, mailbox::UnboundedSender<Env>>;

  ActorCell(SystemCore& system, CellBase* parent, SpawnOptions&& options,
            std::unique_ptr<ActorBase> instance)
      : CellBase(system, parent, std::move(options)), box_(make_box(mailbox_kind())) {
    instance_ = std::move(instance);
    std::visit(
        [this](auto& box) {
          box.rx.own(*this);
          keep_state_in(box.rx.run_state());
        },
        box_);
  }

  const std::type_info& message_type() const noexcept override { return typeid(M); }

  // send() delivers by the mailbox's overflow policy: wait for room, fail, or drop (dead letter).
  // A failure is counted (count_failed_send()), as are try_send()'s.
  [[nodiscard]] SendResult send(Env&& e, Deadline deadline = Deadline::max()) {
    SendResult r = deliver(std::move(e), deadline);
    if (!r) [[unlikely]]
      count_failed_send(r.error().status);
    return r;
  }

  // try_send() delivers only if that needs no waiting (full: the message comes back).
  [[nodiscard]] SendResult try_send(Env&& e) {
    SendResult r = offer(std::move(e));
    if (!r) [[unlikely]]
      count_failed_send(r.error().status);
    return r;
  }

  // offer() is try_send() without counting a failure, for a sender that waits for room after a
  // full mailbox (a timer), so that a full mailbox is counted only if the send fails in the end.
  [[nodiscard]] SendResult offer(Env&& e) {
    if (auto* b = std::get_if<Bounded>(&box_)) {
      auto r = b->tx.try_send(std::move(e));
      return mailbox_kind().overflow == Overflow::drop_newest ? drop_if_full(std::move(r)) : r;
    }
    return std::get<Unbounded>(box_).tx.send(std::move(e));
  }

  // hold_input() gives a strong sender while the input is open, for a StrongRef.
  std::optional<InputHold> hold_input() const {
    return std::visit(
        [](const auto& box) -> std::optional<InputHold> {
          if (auto strong = box.tx.upgrade()) return InputHold(std::move(*strong));
          return std::nullopt;
        },
        box_);
  }

 private:
  template <class Rx, class Tx, class Strong>
  struct Box {
    Rx rx;
    Tx tx;
    std::optional<Strong> input;
  };
  using Bounded = Box<mailbox::Receiver<Env>, mailbox::WeakSender<Env>, mailbox::Sender<Env>>;
  using Unbounded = Box<mailbox::UnboundedReceiver<Env>, mailbox::WeakUnboundedSender<Env>,
                        mailbox::UnboundedSender<Env>>;

  static std::variant<Bounded, Unbounded> make_box(const Mailbox& kind) {
    if (kind.kind == Mailbox::Kind::bounded) {
      auto [tx, rx] = mailbox::bounded<Env>(kind.capacity);
      rx.reserve(kind.reserved);
      auto weak = tx.downgrade();
      return Bounded{std::move(rx), std::move(weak), std::move(tx)};
    }
    auto [tx, rx] = mailbox::unbounded<Env>();
    rx.reserve(kind.reserved);
    auto weak = tx.downgrade();
    return Unbounded{std::move(rx), std::move(weak), std::move(tx)};
  }

  SendResult deliver(Env&& e, Deadline deadline) {
    if (auto* b = std::get_if<Bounded>(&box_)) {
      switch (mailbox_kind().overflow) {
        case Overflow::wait:
          if (deadline == Deadline::max()) return b->tx.send(std::move(e));
          return b->tx.send_timeout(std::move(e), deadline - Clock::now());
        case Overflow::fail:
          return b->tx.try_send(std::move(e));
        case Overflow::drop_newest:
          return drop_if_full(b->tx.try_send(std::move(e)));
      }
    }
    return std::get<Unbounded>(box_).tx.send(std::move(e));
  }

  SendResult drop_if_full(SendResult r) {
    if (r || r.error().status != mailbox::Status::full) return r;
    Env& e = r.error().value;
    if (e.reply) {
      e.reply->fail(AskError::Kind::mailbox_full,
                    "actor '" + name() + "' (#" + std::to_string(id()) +
                        ") has a full mailbox that drops new messages");
    }
    dead_letter(held_type(e.message), &e.message, DeadLetterReason::dropped);
    return {};
  }

  // on_undelivered() is the mailbox's sink: a message still queued when the actor stopped.
  void on_undelivered(Env& e) {
    if (e.reply) {
      e.reply->fail(AskError::Kind::dead_target, "actor '" + name() + "' (#" +
                                                     std::to_string(id()) +
                                                     ") stopped before it handled the message");
    }
    dead_letter(held_type(e.message), &e.message, DeadLetterReason::stopped);
  }

  Batch handle_messages(std::uint32_t budget) override {
    auto& actor = static_cast<Actor<M>&>(*instance_);
    struct Count {  // on every way out, however the batch ends
      ActorCell& cell;
      const std::size_t depth;
      std::uint64_t handled = 0;
      ~Count() { cell.count_batch(handled, depth); }
    } count{*this, std::visit([](const auto& box) { return box.rx.len(); }, box_)};
    // A backlog deeper than the budget is taken whole (what was queued when the batch began,
    // not what arrives during it), within kDrainSlice; the clock is read once per budget's worth.
    const std::size_t limit = std::max<std::size_t>(budget, count.depth);
    const Deadline drain_until = limit > budget ? Clock::now() + kDrainSlice : Deadline::max();
    std::size_t next_check = budget;  // never reached when the limit is the budget
    for (std::size_t n = 0; n < limit; ++n) {
      if (n == next_check) {
        if (Clock::now() >= drain_until) return Batch::budget_spent;
        next_check += budget;
      }
      auto r = std::visit([](auto& box) { return box.rx.try_recv(); }, box_);
      if (!r) return r.error() == mailbox::Status::closed ? Batch::inputs_ended : Batch::idle;
      Env& e = *r;
      const std::type_info& type = held_type(e.message);
      current_reply() = std::move(e.reply);
      const Outcome o = invoke([&] { actor.on_message(std::move(e.message), context()); });
      ++count.handled;
      settle_reply(o, type);
      if (o == Outcome::failed) dead_letter(type, nullptr, DeadLetterReason::handler_failed);
      if (o != Outcome::done || stop_requested() || has_signals()) return Batch::interrupted;
    }
    return Batch::budget_spent;
  }

  void prefetch_run() const noexcept override {
    CellBase::prefetch_run();
    std::visit([](const auto& box) { box.rx.prefetch(); }, box_);
  }

  void close_mailbox() noexcept override {
    std::visit([](auto& box) { box.rx.close(); }, box_);
  }

  void end_input() noexcept override {
    std::visit([](auto& box) { box.input.reset(); }, box_);
  }

  void drain_mailbox() noexcept override {
    std::visit(
        [this](auto& box) {
          // A send that had reserved room before the close still delivers, a moment later (it
          // does not block in between). Wait those out, so that each becomes a dead letter now:
          // left to the mailbox's sink, it would be counted only when the last ref is dropped.
          // The input is dropped only after: with no strong sender left, the receiver would see
          // the mailbox as closed before those reserved sends have landed. A value that lands
          // later still (a permit used after the drop) goes to the sink when the mailbox is
          // freed. The sink is set only now, so a live actor's mailbox holds no std::function.
          // It keeps the system's dead letters alive for as long as the mailbox, and so the
          // cell, lives: a late landing or a drop_newest send may come after the system is gone
          // (cell.hpp, system_); it is set before the system can let go of them, which it
          // does only once every actor has ended.
          // An unbounded mailbox needs none: a send after the close gives up (its message comes
          // back to it), and the loop below waits for the sends before it, so nothing lands
          // later, and its end allocates nothing.
          if constexpr (std::is_same_v<std::decay_t<decltype(box)>, Bounded>) {
            box.rx.set_sink([this, keep = system().dead_letters()](Env e) { on_undelivered(e); });
          }
          box.rx.close();
          for (auto r = box.rx.try_recv(); r || r.error() != mailbox::Status::closed;
               r = box.rx.try_recv()) {
            if (r) {
              on_undelivered(*r);
            } else {
              std::this_thread::yield();
            }
          }
          // The receiver goes first: its drop withdraws the cell as the mailbox's owner, so the
          // input's drop (most often the last strong sender's) has no one to notify.
          box.rx.reset();
          box.input.reset();
        },
        box_);
  }

  std::variant<Bounded, Unbounded> box_;
};

}  // namespace courier::detail
