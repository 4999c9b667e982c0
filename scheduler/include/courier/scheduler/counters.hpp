// counters.hpp: what a worker has done, for metrics.
#pragma once

#include <cstdint>

namespace courier {

// WorkerCounters is a snapshot of one worker's counters (each read atomically, not all at once).
struct WorkerCounters {
  std::uint64_t fibers_run = 0;   // times a fiber was resumed on this worker
  std::uint64_t steals = 0;       // successful steals from other workers
  std::uint64_t parks = 0;        // times the worker went to sleep for lack of work
  std::uint32_t queue_depth = 0;  // fibers ready in its local queue now
};

}  // namespace courier
