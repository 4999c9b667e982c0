// spawn.hpp: A4 of the anchors' WORKLOADS.md as a topology (spawn.json): one actor spawns
// `actors` children with ctx.spawn; each receives one message (its index), reports it and stops.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <variant>

#include "courier/config/params.hpp"
#include "courier/config/registry.hpp"
#include "result_line.hpp"

namespace courier::apps::bench {

// SpawnAll is what the spawner sends itself to spawn its children in a handler.
struct SpawnAll {};
// ChildDone is a child's report: the index it received.
struct ChildDone {
  std::uint64_t index = 0;
};
using SpawnerMessage = std::variant<SpawnAll, ChildDone>;

// SpawnedChild sends the index it receives back to its spawner and stops. It is spawned by code,
// not by the topology, so it is not registered. Thread-safety: an actor.
class SpawnedChild final : public Actor<std::uint64_t> {
 public:
  explicit SpawnedChild(ActorRef<SpawnerMessage> spawner) : spawner_(std::move(spawner)) {}
  void on_message(std::uint64_t index, Context& ctx) override;

 private:
  ActorRef<SpawnerMessage> spawner_;
};

// Spawner starts the clock when it starts, spawns `actors` children (unbounded mailboxes, as
// courier-bench's) sending each its index, adds up the indices they report, and after the last
// checks the sum, prints the result line and stops itself. Stopped before that (Ctrl-C), it
// fails the run. Thread-safety: an actor.
class Spawner final : public Actor<SpawnerMessage> {
 public:
  struct Params {
    std::uint64_t actors = 1'000'000;
    static constexpr auto fields =
        config::fields(config::param("actors", &Params::actors).within(1, 100'000'000));
  };

  explicit Spawner(const Params& params) : actors_(params.actors) {}
  void on_start(Context& ctx) override;
  void on_message(SpawnerMessage m, Context& ctx) override;
  void on_stop(Context& ctx) override;

 private:
  std::uint64_t actors_;
  std::uint64_t reports_ = 0;
  std::uint64_t sum_ = 0;
  Clock::time_point start_{};
};

// register_spawn() adds bench_spawner and names its message.
void register_spawn(Registry& registry);

}  // namespace courier::apps::bench
