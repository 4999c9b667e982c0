// courier_child.hpp: running the built `courier` binary on a bench topology as a child process.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace courier::apps::bench::testing {

// Ran is what one `courier` run gave.
struct Ran {
  int code = -1;    // exit code; -1 if killed by a signal or out of time
  std::string out;  // its stdout
  std::string err;  // its stderr
};

// run_topology() runs `courier run apps/bench/<file> --json <sets as --set …>`, waiting at most
// `seconds` (then it kills the child). Thread-safety: one call at a time per test.
Ran run_topology(std::string_view file, const std::vector<std::string>& sets, int seconds = 60);

// result_lines() are the lines of `out` that begin with "workload=".
std::vector<std::string> result_lines(const std::string& out);

// summary() is the --json summary at the end of `out` (null if there is none).
nlohmann::json summary(const std::string& out);

// handled() is how many messages the actor `name` handled, all replicas added up, in `summary`
// (-1 if it has no such actor).
long long handled(const nlohmann::json& summary, std::string_view name);

}  // namespace courier::apps::bench::testing
