#include "worker.hpp"

#include <chrono>
#include <utility>

#include "fiber.hpp"
#include "runtime_core.hpp"

namespace courier::detail {
namespace {

thread_local Worker* this_worker = nullptr;

// A worker holding a fiber in its LIFO slot without switching for this long is taken to be stuck
// (in a long computation or a blocking call), and an idle worker takes that fiber.
constexpr auto kStuckAfter = std::chrono::milliseconds(1);

// How many consecutive picks may come from the LIFO slot before the queue gets a turn.
constexpr std::uint32_t kMaxLifoStreak = 3;

}  // namespace

[[gnu::noinline]] Worker* Worker::current() noexcept {
  return this_worker;
}

Worker::Worker(RuntimeCore& core, std::size_t id) : core_(core), id_(id) {}

void Worker::start() {
  thread_ = std::thread([this] { run(); });
}

void Worker::join() {
  if (thread_.joinable()) thread_.join();
}

WorkerCounters Worker::counters() const noexcept {
  return {resumes_.load(std::memory_order_relaxed), steals_.load(std::memory_order_relaxed),
          parks_.load(std::memory_order_relaxed), local_.len()};
}

void Worker::schedule(Runnable* r, bool lifo) noexcept {
  if (lifo) {
    // Only this worker fills the slot (others only empty it), so a slot seen empty stays empty
    // until this store: no locked exchange, which is one per message in a ping-pong. Release:
    // a worker that takes `r` from the slot sees it as it was made ready.
    if (lifo_.load(std::memory_order_relaxed) == nullptr) {
      lifo_.store(r, std::memory_order_release);
      return;  // no notify: this worker runs it next
    }
    r = lifo_.exchange(r, std::memory_order_acq_rel);
    if (r == nullptr) return;
  }
  push_back(r);
  core_.idle().notify_one();
}

void Worker::push_back(Runnable* r) noexcept {
  if (local_.push_back(r)) return;
  // Full: move the older half and `r` to the injector in one batch, as Tokio does.
  Runnable* batch[LocalQueue::kCapacity / 2 + 1];
  std::uint32_t n = local_.take_half_for_overflow(batch);
  batch[n++] = r;
  for (std::uint32_t i = 0; i + 1 < n; ++i) batch[i]->next = batch[i + 1];
  core_.injector().push_batch(batch[0], batch[n - 1], n);
}

void Worker::run() {
  this_worker = this;
  identity_ = sanitizer::FiberIdentity::for_current_thread();
  while (true) {
    if (Runnable* r = picked_ != nullptr ? std::exchange(picked_, nullptr) : next_runnable()) {
      run(r);
      continue;
    }
    if (core_.workers_stopping()) break;
    park();
  }
  retire_carrier();
  this_worker = nullptr;
}

void Worker::count_resume() noexcept {
  // Single writer: a plain store, not an RMW; readers only compare snapshots.
  resumes_.store(resumes_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

Task* Worker::next_task() noexcept {
  if (core_.workers_stopping()) return nullptr;
  Runnable* r = next_runnable();
  if (r == nullptr) return nullptr;
  if (r->kind == Runnable::Kind::kTask) {
    count_resume();
    return static_cast<Task*>(r);
  }
  picked_ = r;
  return nullptr;
}

void Worker::run(Runnable* r) {
  count_resume();
  if (r->kind == Runnable::Kind::kFiber) {
    run_fiber(static_cast<Fiber*>(r));
    return;
  }
  if (carrier_ == nullptr) carrier_ = Fiber::make(core_, Fiber::Carrier{});
  carrier_->carry(static_cast<Task*>(r));
  run_fiber(carrier_);
}

void Worker::retire_carrier() {
  if (carrier_ == nullptr) return;
  carrier_->carry(nullptr);  // its loop ends and it finishes
  run_fiber(carrier_);
}

void Worker::run_fiber(Fiber* f) {
  switch (f->resume(*this)) {
    case Fiber::Exit::kIdle:
      break;  // the carrier finished its task and waits for the next one
    case Fiber::Exit::kPark:
      if (!f->complete_park()) push_back(f);  // woken while switching out: run it again soon
      break;
    case Fiber::Exit::kYield:
      // No notify: the fiber was this worker's already, so there is no new work to share.
      push_back(f);
      injector_first_ = true;  // a yield gives outside work its turn too, as Go's Gosched does
      break;
    case Fiber::Exit::kDone:
      if (f == carrier_) carrier_ = nullptr;
      core_.retire(f);
      break;
  }
}

Runnable* Worker::next_runnable() noexcept {
  Runnable* f = nullptr;
  if (++tick_ % 61 == 0) f = core_.injector().pop();
  // The LIFO slot comes before a yield's turn for the injector: what a yielding fiber woke is
  // the work it yields to. The other way round, a crowd of yielding fibers that overflows the
  // local queue into the injector keeps the injector full, and the LIFO slot never gets a turn
  // (A5: the sink of 1,000 senders ran only once they had sent everything).
  if (f == nullptr) {
    if (lifo_.load(std::memory_order_relaxed) != nullptr) {
      f = lifo_.exchange(nullptr, std::memory_order_acq_rel);
    }
    if (f != nullptr && ++lifo_streak_ > kMaxLifoStreak) {
      push_back(f);  // let the queue have a turn; f runs after what is already there
      f = nullptr;
    }
    if (f == nullptr) lifo_streak_ = 0;
  }
  if (f == nullptr && injector_first_) {
    injector_first_ = false;
    f = core_.injector().pop();
  }
  if (f == nullptr) f = local_.pop();
  if (f == nullptr) f = core_.injector().pop();
  if (f == nullptr) f = steal();
  if (f != nullptr) found_work();
  return f;
}

void Worker::found_work() noexcept {
  if (!searching_) return;
  searching_ = false;
  // The last searcher to find work wakes another worker, in case there is more to share. Keep
  // it unconditional: when every worker slept, the worker it wakes finds nothing and goes back to
  // sleep with a deadline (one worker is awake now), so it watches for a stuck LIFO slot.
  if (core_.idle().end_search()) core_.idle().notify_one();
}

Runnable* Worker::steal() noexcept {
  auto& workers = core_.workers();
  const std::size_t n = workers.size();
  if (n < 2) return nullptr;
  if (!searching_) {
    searching_ = true;
    core_.idle().start_search();
  }
  Clock::time_point now{};
  for (std::size_t i = 1; i < n; ++i) {
    Worker& victim = *workers[(id_ + i) % n];
    if (!worth_stealing_from(victim, now)) continue;
    if (Runnable* f = victim.local_.steal_into(local_)) {
      steals_.fetch_add(1, std::memory_order_relaxed);
      return f;
    }
  }
  return steal_lifo_of_stuck_worker();
}

Runnable* Worker::steal_lifo_of_stuck_worker() noexcept {
  // A worker that holds a fiber in its LIFO slot and has resumed nothing since our last look
  // (at least kStuckAfter ago, see park()) is stuck in a long computation or a blocking call:
  // its LIFO fiber would wait for it, so take it.
  auto& workers = core_.workers();
  seen_resumes_.resize(workers.size());
  Runnable* taken = nullptr;
  for (auto& w : workers) {
    if (w.get() == this) continue;
    const std::uint64_t resumes = w->resumes_.load(std::memory_order_relaxed);
    const bool idle_since_last_look = std::exchange(seen_resumes_[w->id_], resumes) == resumes;
    if (taken == nullptr && idle_since_last_look &&
        w->lifo_.load(std::memory_order_relaxed) != nullptr) {
      taken = w->lifo_.exchange(nullptr, std::memory_order_acq_rel);
    }
  }
  if (taken != nullptr) steals_.fetch_add(1, std::memory_order_relaxed);
  return taken;
}

bool Worker::worth_stealing_from(const Worker& victim, Clock::time_point& now) noexcept {
  // W3 (4 producers, 1 consumer, one bounded channel, 2 workers) ran at 6-12 M msgs/s with
  // 100-300k steals, a fiber moving between the cores at almost every switch; 20-30 M with this
  // rule. `now` is read once per search, and only when needed.
  // Relaxed loads: this is a heuristic on snapshots. A stale count can only make one steal come
  // earlier or later; the fibers themselves are handed over by steal_into().
  const std::uint32_t len = victim.local_.len();
  if (len == 0) return false;
  if (len > kShortQueue) return true;
  switches_seen_.resize(core_.workers().size());
  Switches& seen = switches_seen_[victim.id_];
  if (now == Clock::time_point{}) now = Clock::now();
  const std::uint64_t resumes = victim.resumes_.load(std::memory_order_relaxed);
  if (resumes != seen.resumes) {
    seen = {resumes, now};
    return false;
  }
  return now - seen.since >= kBusyFor;
}

bool Worker::work_visible() noexcept {
  // The same rule as steal(): a worker must not stay awake for work it would not take. Work it
  // declines is not lost: its owner is awake and runs it, and while another worker is awake this
  // one sleeps at most kStuckAfter before it looks again.
  if (!core_.injector().empty()) return true;
  Clock::time_point now{};
  for (auto& w : core_.workers()) {
    if (w.get() != this && worth_stealing_from(*w, now)) return true;
  }
  return false;
}

void Worker::park() {
  if (searching_) {
    searching_ = false;
    if (core_.idle().end_search() && work_visible()) return;  // the last searcher re-checks
  }
  core_.idle().sleep(id_, parker_);
  if (work_visible() || core_.workers_stopping()) {
    if (!core_.idle().wake_up(id_)) return;  // we took ourselves off the list
    searching_ = true;                       // someone woke us and counted us as searching
    return;
  }
  // While another worker is awake it may be stuck with a fiber in its LIFO slot, which nobody
  // would otherwise take: sleep only briefly and look again. When every worker sleeps, sleep
  // until woken (an idle runtime uses no CPU).
  const bool others_awake = core_.idle().sleeping() < core_.workers().size();
  const Deadline until = others_awake ? Clock::now() + kStuckAfter : Deadline::max();
  parks_.fetch_add(1, std::memory_order_relaxed);
  parker_.park_until(until);
  if (core_.idle().wake_up(id_)) searching_ = true;
}

}  // namespace courier::detail
