// run_summary.hpp: what `courier run` reports at the end, per actor.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace courier::config::detail {

// ActorSummary is one actor of the file, its replicas added up (peak: the deepest replica's).
struct ActorSummary {
  std::string name;
  std::string type;
  std::size_t count = 1;
  std::uint64_t handled = 0;
  std::uint64_t dead_letters = 0;  // messages to it that no handler took
  std::uint64_t restarts = 0;
  std::uint32_t peak_mailbox = 0;
};

// RunSummary is a whole run: how it ended, how long it took, each actor in the file's order.
// Thread-safety: a plain value.
struct RunSummary {
  std::string status;   // "completed", "interrupted" or "failed"
  std::string failure;  // what failed, when it did
  std::chrono::milliseconds elapsed{0};
  std::uint64_t dead_letters = 0;  // every dead letter of the run, to any actor
  std::uint64_t failed_sends = 0;  // every send of the run that handed its message back
  std::vector<ActorSummary> actors;

  // write_table() writes one aligned row per actor, then a line with the status and the time.
  void write_table(std::ostream& out) const;
  // write_json() writes the summary as one JSON object.
  void write_json(std::ostream& out) const;
};

}  // namespace courier::config::detail
