// register_bench.hpp: the bench app's actor types, for the `courier` command.
#pragma once

#include "courier/config/registry.hpp"

namespace courier::apps::bench {

// register_bench() adds every bench_* type (A1…A6 of the anchors' WORKLOADS.md) and names their
// messages.
void register_bench(Registry& registry);

}  // namespace courier::apps::bench
