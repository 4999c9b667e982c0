// fault_plan.hpp: which account-shard handlers throw, decided from a seed so a run is repeatable.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>

namespace courier::apps::bank {

// FaultPoint is where in an apply a fault strikes. Each leaves nothing half-done: before the
// journal nothing happened; after the journal the operation is committed and the restarted shard
// replays it; after applying it is recorded too, so the retry gets the recorded result.
enum class FaultPoint : std::uint8_t { before_journal, after_journal, after_apply };

// InjectedFault is what a shard throws when its FaultPlan says so.
class InjectedFault : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// FaultPlan decides, for each attempt of each operation, whether the handler throws and where.
// The decision depends only on (seed, op, attempt), not on timing or on which instance of the
// shard handles it, so a retry (a new attempt) can succeed where the previous one failed, and a
// restarted shard does not fail again on the same message forever.
// Thread-safety: immutable after construction.
class FaultPlan {
 public:
  FaultPlan(double probability, std::uint64_t seed) noexcept
      : probability_(probability), seed_(seed) {}

  // strike() is where attempt `attempt` of operation `op` fails (each point a third of the
  // failures), or nullopt when it does not, which happens with 1 - probability.
  std::optional<FaultPoint> strike(std::uint64_t op, std::uint32_t attempt) const noexcept;

 private:
  double probability_;
  std::uint64_t seed_;
};

// mix() is the SplitMix64 finaliser: a well-spread 64-bit hash of `x`.
std::uint64_t mix(std::uint64_t x) noexcept;

}  // namespace courier::apps::bank
