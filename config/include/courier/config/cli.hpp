// cli.hpp: the `courier` command line: validate, graph, types and run.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "courier/config/catalog.hpp"
#include "courier/config/topology.hpp"

namespace courier::config {

// Exit codes of the `courier` command.
inline constexpr int kExitOk = 0;  // done: valid files, or a run that completed
inline constexpr int kExitRuntimeFailure =
    1;                                      // a run failed, or an output file could not be written
inline constexpr int kExitInvalidFile = 2;  // a file (or the command line) is invalid
inline constexpr int kExitInterrupted = 130;  // a run stopped by SIGINT (128 + 2)

// RunOptions is what `courier run` tells the launcher besides the topology.
struct RunOptions {
  std::optional<std::size_t> workers;  // --workers N; already applied to runtime.workers
  // --json FILE: the summary as JSON, written to FILE besides the table on stdout. "-" writes it
  // to stdout instead of the table, and sends what the actors print on stdout to stderr until
  // then, so that stdout holds the JSON alone. Empty: the table alone.
  std::string json_summary;
};

// LaunchFn starts a validated topology and runs it to the end; it returns kExitOk,
// kExitRuntimeFailure or kExitInterrupted. An exception it throws is reported as a runtime
// failure.
using LaunchFn = std::function<int(const Topology&, const RunOptions&)>;

// run_cli() is the whole `courier` command for a program's own types:
//   courier validate FILE...                   check files, every problem at once
//   courier graph FILE [-o out.dot|out.svg]    DOT text, or a picture rendered by Graphviz
//   courier types                              the registered types, ports, params, messages
//   courier run FILE [--workers N] [--set /json/pointer=value]... [--json FILE|-]
//   courier --version, courier [COMMAND] --help
// It returns the exit code; output goes to stdout and stderr.
int run_cli(int argc, char** argv, const TypeCatalog& catalog, LaunchFn launch);

// run_cli() is the same with the arguments (the program name first) and streams given, for
// tests and for programs that embed the command.
int run_cli(const std::vector<std::string>& args, const TypeCatalog& catalog, LaunchFn launch,
            std::ostream& out, std::ostream& err);

}  // namespace courier::config
