// bench_runs.hpp: a bench topology run by the `courier` command, and its result read back.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "apps/courier_child.hpp"

namespace courier::apps::bench::testing {

using courier::apps::testing::Ran;

// run_topology() runs `courier run apps/bench/<file> --json - <sets as --set …>`, waiting at most
// `seconds` (then it kills the child): its stdout is the JSON summary alone, and what the actors
// print (the result line) is on its stderr. Thread-safety: one call at a time per test.
Ran run_topology(std::string_view file, const std::vector<std::string>& sets, int seconds = 60);

// result_lines() are the lines of `printed` that begin with "workload=".
std::vector<std::string> result_lines(const std::string& printed);

// summary() is the --json summary that is the whole of `out` (null if `out` is not JSON).
nlohmann::json summary(const std::string& out);

// handled() is how many messages the actor `name` handled, all replicas added up, in `summary`
// (-1 if it has no such actor).
long long handled(const nlohmann::json& summary, std::string_view name);

}  // namespace courier::apps::bench::testing
