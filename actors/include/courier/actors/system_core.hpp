// system_core.hpp: what every actor of one system shares (runtime, dead letters, timers).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>

#include "courier/actors/dead_letters.hpp"
#include "courier/scheduler/runtime.hpp"

namespace courier {

class ActorSystem;

namespace detail {

class TimerService;
class CellBase;

// SystemCore is the state an ActorSystem's actors share. It outlives every actor's activity (the
// system stops all actors before it is destroyed); dead letters live on in a shared_ptr for the
// refs and envelopes that outlive the system.
// Thread-safety: every method is safe from any thread.
class SystemCore {
 public:
  SystemCore(ActorSystem& owner, RuntimeOptions runtime, bool log_dead_letters);
  ~SystemCore();

  ActorSystem& owner() const noexcept { return owner_; }
  Runtime& runtime() noexcept { return runtime_; }
  TimerService& timers() noexcept { return *timers_; }
  const std::shared_ptr<DeadLetters>& dead_letters() const noexcept { return dead_letters_; }
  std::uint32_t budget() const noexcept { return budget_; }

  // next_id() numbers a new actor (from 1).
  ActorId next_id() noexcept { return next_id_.fetch_add(1, std::memory_order_relaxed); }

  // actor_started() / actor_stopped() keep the count that wait_all_stopped() watches.
  void actor_started() noexcept;
  void actor_stopped() noexcept;
  std::uint64_t live_actors() const noexcept;
  // wait_all_stopped() waits until no actor is alive, or the deadline; true if none is.
  bool wait_all_stopped(Deadline deadline);

  // restarted() counts a supervisor's restart.
  void restarted() noexcept { restarts_.fetch_add(1, std::memory_order_relaxed); }
  std::uint64_t restarts() const noexcept { return restarts_.load(std::memory_order_relaxed); }

  // escalated() records a failure that reached the root supervisor (the first one is kept).
  void escalated(std::exception_ptr cause);
  std::exception_ptr failure() const;

 private:
  ActorSystem& owner_;
  Runtime runtime_;
  std::unique_ptr<TimerService> timers_;
  std::shared_ptr<DeadLetters> dead_letters_;
  std::uint32_t budget_;
  // Counters are grouped by who writes them, one line per group. In a burst of spawns the
  // spawning worker writes the first line (ids, and the actors started) while another worker
  // writes the second (the actors that end); a single live count used to cross between the two
  // cores twice per actor (A4). The live count is started_ - stopped_. An ending actor reads
  // neither, only waiters_, on the third line with the rarely written restarts_: waiters_
  // changes once per wait_all_stopped().
  alignas(64) std::atomic<ActorId> next_id_{1};
  std::atomic<std::uint64_t> started_{0};
  alignas(64) std::atomic<std::uint64_t> stopped_{0};
  alignas(64) std::atomic<std::uint32_t> waiters_{0};
  std::atomic<std::uint64_t> restarts_{0};
  mutable std::mutex mutex_;
  std::condition_variable all_stopped_;
  std::exception_ptr failure_;
};

}  // namespace detail
}  // namespace courier
