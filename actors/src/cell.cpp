#include "courier/actors/cell.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <utility>

#include "courier/actors/type_name.hpp"
#include "courier/mailbox/spin.hpp"

namespace courier::detail {
namespace {

std::string what_of(const std::exception_ptr& cause) {
  try {
    std::rethrow_exception(cause);
  } catch (const std::exception& e) {
    return demangle(typeid(e)) + ": " + e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

// default_name() is "#<id>". (Built by appending: g++ 12 at -O3 gives a false -Wrestrict
// warning for "#" + std::to_string(id).)
std::string default_name(ActorId id) {
  std::string name = "#";
  name += std::to_string(id);
  return name;
}

bool interrupts(const Signal& s) noexcept {
  return std::holds_alternative<signal::Stop>(s) || std::holds_alternative<signal::Restart>(s);
}

}  // namespace

CellBase::CellBase(SystemCore& system, CellBase* parent, SpawnOptions&& options)
    : budget_(options.budget != 0 ? options.budget : system.budget()),
      parent_(parent),
      id_(system.next_id()),
      name_(options.name.empty() ? nullptr
                                 : std::make_unique<const std::string>(std::move(options.name))),
      context_(*this),
      system_(system),
      failed_sends_(system.dead_letters()->failed_send_counts()),
      mailbox_(options.mailbox) {
  if (options.supervision != Supervision{}) family().supervision = options.supervision;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  // The per-activation members share one cache line (see the members' comment): the cell sits
  // 16 bytes (make_shared's counts) into a line-aligned block, so they must lie in [112, 176).
  static_assert(
      offsetof(CellBase, handled_) >= 112 && offsetof(CellBase, budget_) + sizeof(budget_) <= 176,
      "the members that every activation writes must stay in one cache line");
#pragma GCC diagnostic pop
}

std::string CellBase::name() const {
  return name_ ? *name_ : default_name(id_);
}

CellBase::~CellBase() {
  // A cell that never ran (a spawn that failed) may still hold signals; a terminated one holds
  // none (terminate() took them).
  SignalNode* rest = lane_.load(std::memory_order_acquire);
  while (rest != nullptr && rest != closed_lane()) {
    std::unique_ptr<SignalNode> node(rest);
    rest = node->next;
  }
}

// ---- any thread ---------------------------------------------------------------------------------

bool CellBase::signal(Signal s) {
  const bool interrupt = interrupts(s);
  // The sender may hold this cell only through a raw pointer (a child to its parent), and the
  // signal may let it terminate and be freed at once: hold it until we are done.
  std::shared_ptr<CellBase> keep = shared_from_this();
  auto* node = new SignalNode{std::move(s), nullptr};
  SignalNode* head = lane_.load(std::memory_order_relaxed);
  do {
    if (head == closed_lane()) {
      delete node;  // terminated: the signal is dropped, as the caller is told
      return false;
    }
    node->next = head;
    // seq_cst: the publish half of the lane's wake-up handshake (see cell.hpp); it also releases
    // the node's contents to the exchange that takes the lane.
  } while (!lane_.compare_exchange_weak(head, node, std::memory_order_seq_cst,
                                        std::memory_order_relaxed));
  if (interrupt) cancel_wait();
  notify();
  return true;
}

CellBase::SignalNode* CellBase::take_signals() noexcept {
  if (!has_signals()) return nullptr;
  // Acquire: pairs with each push's release. Only this actor's task takes the lane, and only
  // terminate() (on the same task) closes it, so the head cannot be closed_lane() here.
  SignalNode* node = lane_.exchange(nullptr, std::memory_order_acquire);
  SignalNode* oldest_first = nullptr;
  while (node != nullptr) {
    SignalNode* older = node->next;
    node->next = oldest_first;
    oldest_first = node;
    node = older;
  }
  return oldest_first;
}

void CellBase::drop_signals(SignalNode* list) noexcept {
  while (list != nullptr) {
    std::unique_ptr<SignalNode> node(list);
    list = node->next;
    // A child spawned just before its parent ended (a spawn racing with shutdown) was counted
    // alive: it never started, so no code of it runs, but it must end, or wait_all_stopped()
    // waits for it forever.
    if (auto* adopt = std::get_if<signal::AdoptChild>(&node->signal)) adopt->child->force_stop();
  }
}

void CellBase::notify() noexcept {
  if (state_->notify()) wake();
}

void CellBase::wake() noexcept {
  prefetch_run();  // before schedule(): after it, another worker may be running us
  system_.runtime().schedule(*this);
}

bool CellBase::add_watcher(std::weak_ptr<CellBase> watcher) {
  std::lock_guard lock(watch_lock_);
  if (dead_.load(std::memory_order_relaxed)) return false;
  if (!watchers_) watchers_ = std::make_unique<std::vector<std::weak_ptr<CellBase>>>();
  watchers_->push_back(std::move(watcher));
  return true;
}

void CellBase::remove_watcher(const CellBase* watcher) {
  std::lock_guard lock(watch_lock_);
  if (!watchers_) return;
  std::erase_if(*watchers_, [watcher](const std::weak_ptr<CellBase>& w) {
    auto c = w.lock();
    return c == nullptr || c.get() == watcher;
  });
}

void CellBase::start() noexcept {
  // Counted as alive at spawn already (see ActorSystem::adopt_top_level), not here: a top-level
  // actor starts only when the root guardian gets to it, and wait_all_stopped() must not miss it.
  self_ = shared_from_this();
  system_.runtime().schedule(*this);
}

void CellBase::force_stop() noexcept {
  if (family_) {
    for (auto& c : std::exchange(family_->children, {})) {
      if (auto child = c.weak.lock()) child->force_stop();
    }
    family_->free_slots.clear();
    family_->live_children = 0;
  }
  if (phase_ == Phase::dead) return;
  phase_ = Phase::stopping;
  stop_reason_ = StopReason::shutdown;
  cancel_timers();
  instance_.reset();
  drain_mailbox();
  terminate();
}

CellBase::Family& CellBase::family() {
  if (!family_) family_ = std::make_unique<Family>();
  return *family_;
}

void CellBase::SpinLock::lock() noexcept {
  // Acquire: pairs with unlock()'s release, so the lane is read as the last holder left it.
  while (locked_.exchange(true, std::memory_order_acquire)) {
    while (locked_.load(std::memory_order_relaxed)) cpu_relax();
  }
}

// ---- the task -----------------------------------------------------------------------------------

void CellBase::run() noexcept {
  // The state is scheduled, or notified if news came since it was queued: either way this round
  // looks at everything, and a notified state only makes it look once more before going idle.
  while (true) {
    if (has_signals() && handle_signals()) {
      report_termination();  // may free this cell: touch nothing after it
      return;
    }
    if (phase_ == Phase::fresh) {
      phase_ = Phase::active;
      const Outcome started = invoke([this] { instance_->on_start(context_); });
      adopt_unadopted();
      if (started == Outcome::done) deliver_notices();
      continue;
    }
    if (phase_ == Phase::active) {
      const Batch batch = handle_messages(budget_);
      if (stop_requested_) {
        stop_requested_ = false;
        begin_stop(StopReason::requested);
      } else if (batch == Batch::inputs_ended) {
        begin_stop(StopReason::inputs_ended);
      } else if (batch == Batch::budget_spent) {
        // The state stays scheduled (or notified): the next round's look covers any news.
        system_.runtime().requeue(*this);  // after this, another worker may be running us
        return;
      } else if (batch == Batch::interrupted) {
        continue;
      }
      if (finish_stop_if_ready()) {
        report_termination();
        return;
      }
    }
    if (phase_ == Phase::stopping && finish_stop_if_ready()) {
      report_termination();
      return;
    }
    // try_idle() fails if news came since this round's last look (a value, a signal): look again.
    if (state_->try_idle()) return;
  }
}

bool CellBase::handle_signals() {
  SignalNode* list = take_signals();
  while (list != nullptr) {
    std::unique_ptr<SignalNode> node(list);
    list = node->next;
    if (std::visit([this](auto& one) { return handle(one); }, node->signal)) {
      drop_signals(list);  // terminated: the rest has nothing to act on
      return true;
    }
  }
  return finish_stop_if_ready();
}

bool CellBase::handle(signal::Stop& s) {
  begin_stop(s.reason);
  return false;
}

bool CellBase::handle(signal::Restart& s) {
  restart(s.cause);
  return false;
}

bool CellBase::handle(signal::EndInput&) {
  end_input();
  notify();  // the mailbox may now be at its end: look again
  return false;
}

bool CellBase::handle(signal::AdoptChild& s) {
  // A child given from outside (spawn_under) starts after its parent's on_start, as one the
  // parent spawned itself would: the parent may prepare in on_start what its children rely on.
  if (phase_ == Phase::fresh) {
    family().unadopted.push_back(std::move(s.child));
  } else {
    adopt(*s.child);
  }
  return false;
}

void CellBase::adopt_unadopted() {
  if (!family_) return;
  for (auto& child : std::exchange(family_->unadopted, {})) adopt(*child);
}

bool CellBase::handle(signal::ChildFailed& s) {
  supervise(s.child, s.slot, s.id, s.cause);
  return false;
}

bool CellBase::handle(signal::ChildTerminated& s) {
  remove_child(s.child, s.slot);
  return false;
}

void CellBase::remove_child(const CellBase* child, std::size_t slot) noexcept {
  if (is_child(child, slot)) free_slot(slot);
}

void CellBase::free_slot(std::size_t slot) noexcept {
  Family& f = *family_;
  f.children[slot] = {};
  f.free_slots.push_back(slot);
  --f.live_children;
}

void CellBase::reclaim_slots() {
  Family& f = *family_;
  for (std::size_t i = 0; i < f.children.size(); ++i) {
    if (f.children[i].cell == nullptr) continue;
    // A child freed (expired) has ended; one alive is ours to read while we hold it. Acquire:
    // pairs with the child's exchange, after which it does not touch this actor.
    auto child = f.children[i].weak.lock();
    if (child == nullptr || child->exit_.load(std::memory_order_acquire) == kExited) free_slot(i);
  }
  // The next sweep waits until the list has doubled past the children still alive, so that a
  // sweep's cost is spread over as many adoptions as the list is long.
  f.reclaim_at = std::max<std::size_t>(16, 2 * f.live_children);
}

void CellBase::await_children() {
  if (!family_) return;
  Family& f = *family_;
  for (std::size_t i = 0; i < f.children.size(); ++i) {
    if (f.children[i].cell == nullptr) continue;
    auto child = f.children[i].weak.lock();
    // Acq_rel: one total order with the child's own exchange (see exit_).
    if (child == nullptr || child->exit_.exchange(kAwaited, std::memory_order_acq_rel) == kExited) {
      free_slot(i);
    }
  }
}

bool CellBase::is_child(const CellBase* child, std::size_t slot) const noexcept {
  return family_ && slot < family_->children.size() && family_->children[slot].cell == child;
}

void CellBase::signal_children(const Signal& s) {
  if (!family_) return;
  for (auto& c : family_->children) {
    if (c.cell == nullptr) continue;
    if (auto child = c.weak.lock()) child->signal(s);
  }
}

bool CellBase::handle(Terminated& s) {
  family().notices.push_back(std::move(s));
  if (phase_ == Phase::active) deliver_notices();
  return false;
}

void CellBase::deliver_notices() {
  if (!family_) return;
  for (auto& notice : std::exchange(family_->notices, {})) {
    if (invoke([&] { instance_->on_terminated(notice, context_); }) == Outcome::failed) return;
  }
}

void CellBase::adopt(CellBase& child) {
  Family& f = family();
  if (f.free_slots.empty() && f.children.size() >= f.reclaim_at) reclaim_slots();
  if (f.free_slots.empty()) {
    child.slot_in_parent_ = f.children.size();
    f.children.push_back({&child, child.weak_from_this()});
  } else {
    child.slot_in_parent_ = f.free_slots.back();
    f.free_slots.pop_back();
    f.children[child.slot_in_parent_] = {&child, child.weak_from_this()};
  }
  ++f.live_children;
  // A child adopted by a stopping parent gets its stop before its first run, so that it never
  // starts: signalled after start(), it could run on_start (and spawn) on another worker first.
  // It is awaited from the start (start() publishes the mark to whichever worker runs it).
  if (phase_ == Phase::stopping || phase_ == Phase::dead) {
    child.exit_.store(kAwaited, std::memory_order_relaxed);
    child.signal(signal::Stop{stop_reason_});
  }
  child.start();
}

void CellBase::add_timer(std::shared_ptr<TimerState> timer) {
  auto& timers = family().timers;
  std::erase_if(timers, [](const auto& t) { return t->cancelled(); });
  timers.push_back(std::move(timer));
}

void CellBase::cancel_timers() noexcept {
  if (!family_) return;
  for (auto& t : std::exchange(family_->timers, {})) t->cancel();
}

// ---- stopping -----------------------------------------------------------------------------------

void CellBase::begin_stop(StopReason reason) {
  if (phase_ == Phase::stopping || phase_ == Phase::dead) return;
  const bool started = phase_ != Phase::fresh;
  phase_ = Phase::stopping;
  stop_reason_ = reason;
  if (!started) instance_.reset();  // never started: no on_stop either
  adopt_unadopted();                // adopted while stopping: they get their stop, never start
  close_mailbox();                  // from now on sends fail and hand the message back
  cancel_timers();
  await_children();
  signal_children(signal::Stop{reason});
}

bool CellBase::finish_stop_if_ready() {
  if (phase_ != Phase::stopping || live_children() != 0) return false;
  clear_cancel();  // on_stop may wait (flush a send) even though a stop cancelled the handler
  if (instance_) {
    run_on_stop("");
    instance_.reset();
  }
  drain_mailbox();
  terminate();
  return true;
}

void CellBase::run_on_stop(const char* when) noexcept {
  // on_stop's exception is only reported: the actor is ending (or being replaced) either way.
  try {
    instance_->on_stop(context_);
  } catch (...) {
    std::fprintf(stderr, "courier: on_stop of actor '%s' threw%s: %s\n", name().c_str(), when,
                 what_of(std::current_exception()).c_str());
  }
}

void CellBase::terminate() {
  phase_ = Phase::dead;
  std::unique_ptr<std::vector<std::weak_ptr<CellBase>>> watchers;
  {
    std::lock_guard lock(watch_lock_);
    dead_.store(true, std::memory_order_release);
    watchers.swap(watchers_);
  }
  // Close the lane: a signal pushed from now on fails (the sender learns that we are gone), and
  // what was pushed before is ours to drop. Acquire takes in those pushes' nodes; release (for
  // the next push's failed CAS) is not needed, since a failed push reads nothing of ours.
  SignalNode* rest = lane_.exchange(closed_lane(), std::memory_order_acquire);
  std::vector<std::shared_ptr<CellBase>> orphans;
  if (family_) orphans = std::exchange(family_->unadopted, {});
  state_->end();
  release_factory();
  drop_signals(rest);
  for (auto& orphan : orphans) orphan->force_stop();  // it never started: no code of it runs
  if (watchers) {
    for (auto& w : *watchers) {
      if (auto watcher = w.lock()) watcher->signal(Terminated{id_, name(), stop_reason_});
    }
  }
  if (parent_ != nullptr) system_.actor_stopped();  // the root guardian is not counted
}

void CellBase::report_termination() noexcept {
  // Give up our hold on ourselves; `self` keeps us alive until we return, and may be the last.
  std::shared_ptr<CellBase> self = std::move(self_);
  // Only a parent that awaits us (it is stopping) is told; any other frees our slot when it next
  // needs one. Once we have marked kExited, the parent may be gone: touch it no more. An awaited
  // child leaves the mark at kAwaited, so that the parent's sweeps leave its slot to the notice.
  std::uint8_t mark = kRunningChild;
  if (parent_ != nullptr &&
      !exit_.compare_exchange_strong(mark, kExited, std::memory_order_acq_rel)) {
    parent_->signal(signal::ChildTerminated{this, slot_in_parent_});
  }
}

// ---- failure and supervision --------------------------------------------------------------------

void CellBase::fail(std::exception_ptr cause) {
  phase_ = Phase::failed;
  family().failure = cause;
  cancel_timers();
  if (parent_ != nullptr) {
    parent_->signal(signal::ChildFailed{this, slot_in_parent_, id_, std::move(cause)});
  } else {
    system_.escalated(cause);
    begin_stop(StopReason::failed);
  }
}

void CellBase::supervise(CellBase* child, std::size_t slot, ActorId id,
                         const std::exception_ptr& cause) {
  if (!is_child(child, slot)) return;  // it stopped meanwhile
  const auto failed = family_->children[slot].weak.lock();
  if (failed != nullptr && failed->id() != id) return;  // it ended, and its slot is another's
  const bool all = family().supervision.strategy == Supervision::Strategy::all_for_one;
  if (!restart_allowed()) {
    if (family().supervision.on_limit == Supervision::OnLimit::stop) {
      if (all) {
        signal_children(signal::Stop{StopReason::failed});
      } else {
        if (auto c = family_->children[slot].weak.lock()) {
          c->signal(signal::Stop{StopReason::failed});
        }
      }
      return;
    }
    // Escalate: this actor fails in turn, and its own supervisor decides. With no parent (the
    // root guardian) the failure stops the whole system.
    if (parent_ == nullptr) {
      system_.escalated(cause);
      begin_stop(StopReason::failed);
    } else {
      fail(cause);
    }
    return;
  }
  if (all) {
    signal_children(signal::Restart{cause});
  } else {
    if (auto c = family_->children[slot].weak.lock()) c->signal(signal::Restart{cause});
  }
}

bool CellBase::restart_allowed() {
  const auto now = Clock::now();
  const auto window = family().supervision.within;
  std::erase_if(family().restart_times, [&](Clock::time_point t) { return now - t > window; });
  if (family().restart_times.size() >= family().supervision.max_restarts) return false;
  family().restart_times.push_back(now);
  return true;
}

void CellBase::restart(const std::exception_ptr& cause) {
  if (phase_ == Phase::stopping || phase_ == Phase::dead) return;
  clear_cancel();
  cancel_timers();
  // The children of the old instance go with it (as in Akka); they stop on their own time.
  signal_children(signal::Stop{StopReason::failed});
  if (instance_ && phase_ != Phase::fresh) {
    run_on_stop(" during a restart");
  }
  instance_.reset();
  phase_ = Phase::active;
  system_.restarted();
  restarts_.store(restarts_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  try {
    instance_ = make_instance();
  } catch (...) {
    fail(std::current_exception());
    return;
  }
  if (invoke([&] { instance_->on_restart(context_, cause); }) == Outcome::done) deliver_notices();
}

// ---- statistics ---------------------------------------------------------------------------------

void CellBase::count_batch(std::uint64_t handled, std::size_t depth) noexcept {
  // Single writer (this actor's task): plain loads and stores, no read-modify-write.
  if (handled != 0) {
    handled_.store(handled_.load(std::memory_order_relaxed) + handled, std::memory_order_relaxed);
  }
  const auto d = static_cast<std::uint32_t>(std::min<std::size_t>(depth, UINT32_MAX));
  depth_.store(d, std::memory_order_relaxed);
  if (d > peak_depth_.load(std::memory_order_relaxed)) {
    peak_depth_.store(d, std::memory_order_relaxed);
  }
}

// ---- replies and dead letters -------------------------------------------------------------------

void CellBase::settle_asked(Outcome outcome, const std::type_info& message) {
  auto slot = std::exchange(reply_, nullptr);
  if (!slot->pending()) return;
  const std::string what = "actor '" + name() + "' (#" + std::to_string(id_) + ") ";
  switch (outcome) {
    case Outcome::done:
      slot->fail(AskError::Kind::no_reply,
                 what + "handled " + demangle(message) + " without replying");
      break;
    case Outcome::interrupted:
      slot->fail(AskError::Kind::dead_target,
                 what + "was stopped while handling " + demangle(message));
      break;
    case Outcome::failed:
      slot->fail(AskError::Kind::handler_failed,
                 what + "failed handling " + demangle(message) + ": " + what_of(family().failure));
      break;
  }
}

void CellBase::dead_letter(const std::type_info& type, const void* message,
                           DeadLetterReason reason) {
  dead_letters().record({id_, name(), type, message, reason});
}

DeadLetters& CellBase::dead_letters() const noexcept {
  return *system_.dead_letters();
}

}  // namespace courier::detail
