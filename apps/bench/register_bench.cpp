// register_bench.cpp: one place that adds every workload's types.
#include "register_bench.hpp"

#include "big.hpp"
#include "counting.hpp"
#include "fan_in.hpp"
#include "ping_pong.hpp"
#include "spawn.hpp"
#include "thread_ring.hpp"

namespace courier::apps::bench {

void register_bench(Registry& registry) {
  register_ping_pong(registry);
  register_thread_ring(registry);
  register_counting(registry);
  register_spawn(registry);
  register_fan_in(registry);
  register_big(registry);
}

}  // namespace courier::apps::bench
