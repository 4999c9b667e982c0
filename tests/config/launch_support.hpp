// launch_support.hpp: running topologies in the test process and the `courier` binary as a child.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "courier/config/registry.hpp"

namespace courier::config::testing {

// example_registry() has the types of config/examples/ (range_source, squarer, flaky, summer).
const Registry& example_registry();

// examples_dir() is config/examples/ of the source tree.
std::string examples_dir();

// Launched is what a launch in this process gave.
struct Launched {
  int code = -1;
  std::string printed;     // what the actors printed on stdout
  nlohmann::json summary;  // the --json summary
  std::string errors;      // what the launcher told on its error stream
};

// launch_text() validates `text` with the types of `registry`, changed by `overrides` (as given
// to --set), failing the test if it is invalid, then launches it with a JSON summary.
Launched launch_text(std::string_view text, const Registry& registry = example_registry(),
                     const std::vector<std::string>& overrides = {});

// launch_interrupted() is launch_text(), with a SIGINT sent to this process `delay` after the
// launcher starts catching SIGINT: for topologies that do not end by themselves.
Launched launch_interrupted(std::string_view text, const Registry& registry,
                            std::chrono::milliseconds delay,
                            const std::vector<std::string>& overrides = {});

// actor_summary() is the entry of `summary` for actor `name` (null if there is none).
nlohmann::json actor_summary(const nlohmann::json& summary, std::string_view name);

// Child is a `courier` process started with a pipe on its stdout.
struct Child {
  int pid = -1;
  int stdout_fd = -1;
};

// start_courier() runs the built `courier` binary with `args`; its stderr goes to
// `stderr_path` when one is given.
Child start_courier(const std::vector<std::string>& args, const std::string& stderr_path = {});

// finish() reads the child's whole stdout and waits for it, up to `seconds`: it gives the exit
// code (-1 when it was killed by a signal or ran out of time, then it is killed).
int finish(const Child& child, std::string& output, int seconds = 60);

// run_courier() is start_courier() then finish().
int run_courier(const std::vector<std::string>& args, std::string& output);

}  // namespace courier::config::testing
