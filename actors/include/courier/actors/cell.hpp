// cell.hpp: the runtime side of one actor, whatever its message type.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <typeinfo>
#include <vector>

#include "courier/actors/actor.hpp"
#include "courier/actors/context.hpp"
#include "courier/actors/reply.hpp"
#include "courier/actors/signal.hpp"
#include "courier/actors/spawn_options.hpp"
#include "courier/actors/system_core.hpp"
#include "courier/actors/timer.hpp"
#include "courier/mailbox/prefetch.hpp"
#include "courier/mailbox/run_state.hpp"
#include "courier/scheduler/task.hpp"

namespace courier::detail {

// CellBase is an actor as the runtime sees it: a Task that the actor's mailbox and control lane
// schedule when something arrives, and that runs a batch of work on whatever worker takes it.
// It holds no fiber and no thread while idle. It owns the actor's instance, children, timers and
// supervision state, all touched only by its own task, so never concurrently. Other threads reach
// it only through signal(), its mailbox's wake() and the watcher list, which are thread-safe:
// signal() pushes onto a lock-free stack (the control lane) that the actor's task takes whole, and
// that the dying actor closes, so that a million children telling one busy parent of their end
// never wait on each other.
//
// Scheduling state (`state_`, a mailbox::RunState): idle (nothing to do; news schedules it),
// scheduled (queued or running), notified (queued or running, and news came since: look once
// more before going idle), dead (terminated: news is ignored). Only the thread that moves idle ->
// scheduled queues the task (wake()), so it is never queued twice and never runs on two workers
// at once. A run writes nothing to the state as it begins: it goes idle by try_idle(), which
// fails if news notified it, and then looks again. The state of an actor with a mailbox lives in
// the mailbox, whose receiver the actor owns (mailbox::Chan::own()): a sender that has just claimed
// a slot settles the state on that same cache line, and reaches the cell only to schedule it. A
// busy actor's senders never touch its cell, and no waker is armed or taken per wait. The state is
// also the control lane's wake-up handshake: signal() pushes, then notifies (seq_cst on both, see
// mailbox::RunState). With weaker orders the run's next look could pass the store that precedes it
// (store buffering, which x86 allows), and a Stop could wait unseen in an idle actor.
//
// Lifetime: a cell owns itself from start() until it terminates, and every ref to it shares the
// ownership; a terminated cell that no ref names is freed at once. Its parent keeps it weakly, in
// a slot that the parent reclaims lazily (when it needs a slot, see reclaim_slots()): a child
// tells its parent of its end (ChildTerminated) only once the parent awaits it, in its stop. A
// terminated cell still named by refs keeps only its header; its instance and mailbox storage are
// gone.
class CellBase : public Task, public Waker, public std::enable_shared_from_this<CellBase> {
 public:
  CellBase(SystemCore& system, CellBase* parent, SpawnOptions&& options);
  ~CellBase() override;

  // make_idle() readies a cell that is never start()ed (the root guardian) to be woken.
  void make_idle() noexcept { state_->make_idle(); }

  ActorId id() const noexcept { return id_; }
  // name() is the spawn name, or "#<id>" for an actor spawned without one (made when asked: an
  // unnamed actor stores no name).
  std::string name() const;
  virtual const std::type_info& message_type() const noexcept = 0;
  const Mailbox& mailbox_kind() const noexcept { return mailbox_; }
  SystemCore& system() const noexcept { return system_; }
  // dead_letters() is the system's dead letters (while the system lives).
  DeadLetters& dead_letters() const noexcept;

  // ---- from any thread ------------------------------------------------------------------------
  // signal() puts a control message on the lane and schedules the actor; false if the actor has
  // terminated (the signal is dropped). Stop and Restart also cancel the handler's wait.
  bool signal(Signal s);
  // notify() tells the actor that there is news (a signal, an ended input): it schedules the
  // actor if it was idle, or makes it look again.
  void notify() noexcept;
  // wake() queues the actor's run. Its mailbox calls it only when news found the actor idle, and
  // so does notify(): the state is then scheduled, and nobody else queues it.
  void wake() noexcept override;
  // add_watcher() registers a watcher; false if this actor has already terminated.
  bool add_watcher(std::weak_ptr<CellBase> watcher);
  void remove_watcher(const CellBase* watcher);
  // terminated() is true once the actor has stopped for good; then stop_reason() says why.
  bool terminated() const noexcept { return dead_.load(std::memory_order_acquire); }
  StopReason stop_reason() const noexcept { return stop_reason_; }
  // start() schedules a new cell's first activation (on_start, then its mailbox).
  void start() noexcept;
  // Statistics, for summaries and progress lines: each is written by the actor's own task alone
  // (relaxed, once per batch) and read from anywhere as a snapshot.
  // handled() counts the messages its handlers took (failed ones included).
  std::uint64_t handled() const noexcept { return handled_.load(std::memory_order_relaxed); }
  // mailbox_depth() is the mailbox's depth when the actor last began a batch; peak_mailbox_depth()
  // the largest such depth so far.
  std::uint32_t mailbox_depth() const noexcept { return depth_.load(std::memory_order_relaxed); }
  std::uint32_t peak_mailbox_depth() const noexcept {
    return peak_depth_.load(std::memory_order_relaxed);
  }
  // count_failed_send() counts a send to this actor that failed (the failure path only) in the
  // system's statistics (DeadLetters::failed_sends()), which outlive the system: a ref used
  // after its system is gone still counts its failed sends without touching freed memory.
  void count_failed_send(mailbox::Status status) const noexcept { failed_sends_.count(status); }
  // restarts() counts this actor's restarts by its supervisor.
  std::uint32_t restarts() const noexcept { return restarts_.load(std::memory_order_relaxed); }
  // force_stop() stops this actor and its children without running their code any more, once the
  // runtime has stopped (a shutdown that timed out): instances are destroyed, mailboxes drained.
  void force_stop() noexcept;

  // ---- from the actor's own task (its handlers, hooks and Context) ----------------------------
  void run() noexcept final;
  // adopt() makes `child` a child of this actor and starts it (a stopping parent stops it). The
  // caller holds `child` in a shared_ptr; the parent keeps it only weakly.
  void adopt(CellBase& child);
  // adopt_unadopted() adopts the children spawn_under() gave before on_start had run.
  void adopt_unadopted();
  // add_timer() ties a timer to this actor, which cancels it when it stops or restarts.
  void add_timer(std::shared_ptr<TimerState> timer);
  // asking() is the id of the actor this one waits on in an ask (0: none): an ask that times out
  // reads it to tell a cycle of asks from a slow actor.
  ActorId asking() const noexcept { return asking_.load(std::memory_order_relaxed); }
  void set_asking(ActorId target) noexcept { asking_.store(target, std::memory_order_relaxed); }
  // stop_self() stops the actor once the current handler returns.
  void stop_self() noexcept { stop_requested_ = true; }
  // current_reply() is the reply slot of the message being handled (null for a tell).
  SlotRef<ReplySlotBase>& current_reply() noexcept { return reply_; }
  Context& context() noexcept { return context_; }
  CellBase* parent() const noexcept { return parent_; }

 protected:
  // What one call of handle_messages() ended with.
  enum class Batch : std::uint8_t {
    idle,          // the mailbox is empty and its waker armed
    budget_spent,  // the budget (or the drain's time slice) ran out with messages left
    interrupted,   // a signal arrived, or the actor failed or stopped itself
    inputs_ended,  // the input was ended and every strong sender is gone: the mailbox is drained
  };
  // What running a hook or handler ended with.
  enum class Outcome : std::uint8_t { done, interrupted, failed };
  enum class Phase : std::uint8_t { fresh, active, failed, stopping, dead };

  // kDrainSlice bounds a batch that takes a backlog deeper than the budget. A batch of only
  // `budget` messages lets a mailbox fed by many senders fall ever further behind: it gets one
  // batch per round of its worker's queue, in which each sender adds a slice's worth (A5, a sink
  // fed by 1,000 senders, queued 9.9 M of its 10 M messages, 285 MB). A batch that takes what was
  // queued when it began does about as much as the others did for it in one round; the slice,
  // of the order of an OS time slice, keeps a slow handler from holding its worker for long. It
  // is not shorter because a backlog makes each message dearer (cache misses): with 1 ms, A5's
  // sink settled at a backlog of 80 MB and 12 M msgs/s; with 2 ms, 30-40 MB and 14 M; with 4 ms,
  // 17 MB and 16.5 M.
  static constexpr Clock::duration kDrainSlice = std::chrono::milliseconds(4);

  // The typed part: the mailbox and the instance.
  virtual Batch handle_messages(std::uint32_t budget) = 0;
  virtual void close_mailbox() noexcept = 0;
  virtual void end_input() noexcept = 0;
  virtual void drain_mailbox() noexcept = 0;
  virtual std::unique_ptr<ActorBase> make_instance() = 0;
  // release_factory() drops what make_instance() keeps (copies of the constructor arguments,
  // which may hold other actors' inputs open) once the actor has terminated for good.
  virtual void release_factory() noexcept {}
  // prefetch_run() starts fetching what the next run writes first: the cell's per-activation
  // line, the instance, and the typed cell's mailbox words. The wake that schedules an idle
  // actor calls it, on the worker that queues it and so most likely runs it. An actor that last
  // ran on the other core would otherwise stall on each of those lines in turn (A6: a message to
  // a random peer); fetched together, while the waker carries on, they arrive by the time the
  // run begins.
  virtual void prefetch_run() const noexcept {
    prefetch_for_write(&handled_);
    if (instance_) prefetch_for_write(instance_.get());
  }
  // count_batch() adds a batch's messages to handled() and records the depth it began with.
  void count_batch(std::uint64_t handled, std::size_t depth) noexcept;

  // invoke() runs a hook or handler of the instance. An exception fails the actor; Cancelled
  // thrown because a stop or restart cancelled the handler's wait only interrupts it.
  template <class F>
  Outcome invoke(F&& f) {
    try {
      f();
      return Outcome::done;
    } catch (const Cancelled&) {
      if (cancel_requested()) return Outcome::interrupted;
      fail(std::current_exception());
    } catch (...) {
      fail(std::current_exception());
    }
    return Outcome::failed;
  }
  // settle_reply() ends an ask that the handler neither answered nor deferred. Inline, so that a
  // told message (no reply slot) costs one test rather than a call (every handled message).
  void settle_reply(Outcome outcome, const std::type_info& message) {
    if (reply_) settle_asked(outcome, message);
  }
  // dead_letter() records a message no handler will take.
  void dead_letter(const std::type_info& type, const void* message, DeadLetterReason reason);
  bool stop_requested() const noexcept { return stop_requested_; }
  bool has_signals() const noexcept {
    // seq_cst: the look half of the lane's wake-up handshake (see the class comment); it also
    // acquires the push's release, so the signal is read as it was made. On x86 a plain load.
    SignalNode* head = lane_.load(std::memory_order_seq_cst);
    return head != nullptr && head != closed_lane();
  }

  std::unique_ptr<ActorBase> instance_;
  // keep_state_in() keeps the scheduling state in `state`, which must outlive the cell and be
  // scheduled (start() makes the first schedule). A typed cell keeps it in its mailbox
  // (run_state()), where a waking sender finds it on the line it has just written; the root
  // guardian, which has no mailbox, in a member of its own. Every subclass's constructor calls
  // it, before any other thread knows the cell.
  void keep_state_in(mailbox::RunState& state) noexcept { state_ = &state; }

 private:
  bool handle_signals();
  bool handle(signal::Stop& s);
  bool handle(signal::Restart& s);
  bool handle(signal::EndInput& s);
  bool handle(signal::AdoptChild& s);
  bool handle(signal::ChildFailed& s);
  bool handle(signal::ChildTerminated& s);
  bool handle(Terminated& s);
  void begin_stop(StopReason reason);
  bool finish_stop_if_ready();
  void settle_asked(Outcome outcome, const std::type_info& message);
  void fail(std::exception_ptr cause);
  void restart(const std::exception_ptr& cause);
  void supervise(CellBase* child, std::size_t slot, ActorId id, const std::exception_ptr& cause);
  bool restart_allowed();
  void cancel_timers() noexcept;
  void remove_child(const CellBase* child, std::size_t slot) noexcept;
  void free_slot(std::size_t slot) noexcept;
  // reclaim_slots() frees the slots of the children that have ended (with no notice).
  void reclaim_slots();
  // await_children() makes every live child tell this actor of its end, and frees the slots of
  // those that have already ended: after it, live_children() counts exactly what to wait for.
  void await_children();
  bool is_child(const CellBase* child, std::size_t slot) const noexcept;
  // signal_children() sends `s` to every child still alive.
  void signal_children(const Signal& s);
  void deliver_notices();
  void run_on_stop(const char* when) noexcept;
  void terminate();
  void report_termination() noexcept;

  // SignalNode is one signal on the control lane, an intrusive singly linked stack.
  struct SignalNode {
    Signal signal;
    SignalNode* next;
  };
  // closed_lane() is the lane's head once the actor has terminated: a push sees it and fails.
  static SignalNode* closed_lane() noexcept {
    return reinterpret_cast<SignalNode*>(alignof(SignalNode));
  }
  // take_signals() takes every signal on the lane, oldest first (the stack holds them newest
  // first); null when there is none.
  SignalNode* take_signals() noexcept;
  // drop_signals() frees signals that will never be handled (the actor has terminated); an
  // adopted child among them was counted alive and must still end.
  static void drop_signals(SignalNode* list) noexcept;

  // SpinLock guards the watcher list and dead_: watches are rare and short, and an idle actor
  // should not carry a 40-byte mutex.
  class SpinLock {
   public:
    void lock() noexcept;
    void unlock() noexcept { locked_.store(false, std::memory_order_release); }

   private:
    std::atomic<bool> locked_{false};
  };

  // Family is what only some actors need: children, timers, supervision state, watch notices.
  // It is made on first use, so an idle leaf actor does not pay for it.
  struct Family {
    struct Child {
      CellBase* cell;  // null: a free slot
      std::weak_ptr<CellBase> weak;
    };
    Supervision supervision;
    // Slots, so a child's index never changes; a deque, so a million children grow it in small
    // chunks, with no copy of the whole list (and no peak of old and new) at each doubling.
    std::deque<Child> children;
    std::vector<std::size_t> free_slots;  // O(1) adoption and removal, for a million children
    std::size_t live_children = 0;        // children not known to have ended
    std::size_t reclaim_at = 0;           // children.size() at which a full list is swept first
    std::vector<std::shared_ptr<TimerState>> timers;
    std::vector<Clock::time_point> restart_times;
    std::vector<Terminated> notices;  // watch notices that came while the actor was not active
    std::vector<std::shared_ptr<CellBase>> unadopted;  // spawn_under() children before on_start
    std::exception_ptr failure;                        // what the last failed handler threw
  };
  Family& family();
  std::size_t live_children() const noexcept { return family_ ? family_->live_children : 0; }

  // The members are ordered so that no padding lies between them (an idle actor is mostly its
  // cell, and a system holds hundreds of thousands: docs/actors.md, "Memory"), and by who writes
  // them how often. First what changes rarely (a watch, a signal, a child); then, from handled_
  // to budget_, 40 bytes that the actor's own task writes or reads on every activation; last
  // what a waking sender and every send only read (the system, the state's address, the
  // mailbox's kind, then the typed cell's mailbox handles right after). The cell and its
  // shared_ptr count fill a 320-byte block, which jemalloc lines up on cache lines, so those 40
  // bytes fall in one line: an actor that runs on another core than last time (a worker runs
  // whoever its own sends woke) pulls one line of its cell, not two (A6, 1,000 actors messaging
  // random peers: 3.1 M -> 3.45 M round trips/s when handled_ joined them), and its waker
  // prefetches that line (prefetch_run()) instead of writing it: the state it writes lives in
  // the mailbox, on the line its send has just claimed a slot on.
  std::atomic<ActorId> asking_{0};

  // The control lane: a Treiber stack that signal() pushes onto with a CAS and the actor's task
  // empties with one exchange; terminate() swaps in closed_lane(). Only pushes and whole-stack
  // exchanges touch it, so a node is never popped while another thread reads it: no ABA.
  std::atomic<SignalNode*> lane_{nullptr};
  std::unique_ptr<std::vector<std::weak_ptr<CellBase>>> watchers_;

  // A live actor owns itself (self_, from start() to its termination), so it is freed as soon as
  // it has stopped and no ref is left, even while its parent is busy; the parent only watches
  // its children weakly.
  std::shared_ptr<CellBase> self_;
  std::size_t slot_in_parent_ = 0;  // our slot in the parent's children
  std::unique_ptr<Family> family_;
  std::atomic<std::uint64_t> handled_{0};
  SlotRef<ReplySlotBase> reply_;
  std::atomic<std::uint32_t> depth_{0};
  std::atomic<std::uint32_t> peak_depth_{0};
  std::atomic<std::uint32_t> restarts_{0};

  std::atomic<bool> dead_{false};
  // exit_ settles, once, who frees this actor's slot in its parent. The child, as it ends, moves
  // kRunningChild -> kExited by CAS; the parent, once it stops and must wait for its children,
  // exchanges in kAwaited. Both act on one atomic, so whoever comes second sees the other's mark:
  // a child that finds kAwaited sends ChildTerminated (its parent is alive, waiting for it); a
  // parent that finds kExited frees the slot itself, since that child will not touch it again.
  enum : std::uint8_t { kRunningChild, kAwaited, kExited };
  std::atomic<std::uint8_t> exit_{kRunningChild};
  SpinLock watch_lock_;  // guards watchers_ and the change of dead_
  StopReason stop_reason_ = StopReason::requested;
  bool stop_requested_ = false;

 protected:
  Phase phase_ = Phase::fresh;

 private:
  std::uint32_t budget_;
  CellBase* parent_;  // outlives this cell's activity: a parent stops after its children
  const ActorId id_;
  std::unique_ptr<const std::string> name_;  // null: unnamed
  Context context_;
  // The system, for its dead letters while it lives. The cell holds no shared_ptr to them: a
  // spawn would add to its count on one core and the actor's end take it back on another. Only a
  // bounded mailbox deals in dead letters once the system may be gone (a message dropped by
  // drop_newest, or one that lands after the actor's end), and its dead-letter sink, set as the
  // actor ends, keeps them alive. Failed sends, which a ref can make after the system is gone,
  // are counted in a block that is never freed (FailedSendCounts).
  SystemCore& system_;
  FailedSendCounts& failed_sends_;
  // The scheduling state (see the class comment), set by keep_state_in(): a typed cell's is in
  // its mailbox, which lives as long as the cell, since the cell's weak sender keeps the mailbox.
  mailbox::RunState* state_ = nullptr;
  const Mailbox mailbox_;
};

}  // namespace courier::detail
