// spawn.cpp: A4, spawn.
#include "spawn.hpp"

namespace courier::apps::bench {

void SpawnedChild::on_message(std::uint64_t index, Context& ctx) {
  (void)spawner_.send(ChildDone{index});
  ctx.stop();
}

void Spawner::on_start(Context& ctx) {
  start_ = Clock::now();
  (void)ctx.self<SpawnerMessage>().send(SpawnAll{});
}

void Spawner::on_message(SpawnerMessage m, Context& ctx) {
  if (std::holds_alternative<SpawnAll>(m)) {
    const auto self = ctx.self<SpawnerMessage>();
    for (std::uint64_t i = 0; i < actors_; ++i) {
      (void)ctx.spawn<SpawnedChild>({.mailbox = Mailbox::unbounded()}, self).send(i);
    }
    return;
  }
  sum_ += std::get<ChildDone>(m).index;
  if (++reports_ != actors_) return;
  if (sum_ != actors_ * (actors_ - 1) / 2) fail_workload("A4", "wrong sum of indices");
  const double wall = seconds_since(start_);
  print_result("A4", static_cast<double>(actors_) / wall, "actors/s", wall);
  ctx.stop();
}

void Spawner::on_stop(Context& ctx) {
  (void)ctx;
  if (reports_ != actors_) fail_workload("A4", "stopped before every child reported");
}

void register_spawn(Registry& registry) {
  registry.name<SpawnerMessage>("SpawnerMessage");
  registry.add<Spawner>("bench_spawner");
}

}  // namespace courier::apps::bench
