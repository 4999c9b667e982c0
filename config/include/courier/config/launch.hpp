// launch.hpp: running a validated topology with a program's registered types.
#pragma once

#include <ostream>

#include "courier/config/cli.hpp"
#include "courier/config/registry.hpp"
#include "courier/config/topology.hpp"

namespace courier {

namespace config {

// launch() runs `topology` to its end and gives the exit code of `courier run`:
//  1. builds an ActorSystem from `runtime` (workers, stack_size, budget);
//  2. makes one actor per supervision group (nested by `parent`), which supervises its members
//     with the group's strategy, max_restarts, within and on_limit, and stops once they all have;
//     a failure that escalates past the root group fails the run;
//  3. spawns every actor (`count` replicas each) under its group, wiring each port to its
//     receiver — strong edges hold the receiver's input open, weak ones do not — and starts them
//     all once every edge is wired;
//  4. sends the `inject` messages, read with their type's from_json;
//  5. ends the input of every actor that has an incoming strong edge, so that it stops by
//     itself once its senders have stopped and its mailbox is drained; an actor with none (a
//     source) runs until it stops itself (Context::stop);
//  6. waits until every actor has stopped; on SIGINT it stops the sources and lets the rest drain
//     for up to `shutdown_timeout` (a second SIGINT stops waiting), then shuts down;
//  7. writes the per-actor summary (handled, dead letters, restarts, peak mailbox depth) to
//     `out` as a table; with `options.json_summary` a file path, also as JSON to that file
//     (opened before anything starts: a file it cannot write throws); with "-", as JSON to `out`
//     instead — and when `out` is std::cout, the process's stdout goes to stderr while the
//     actors run, so that what they print cannot mix with the JSON. On a terminal (`err` being
//     std::cerr and stderr a tty) a progress line is refreshed on stderr meanwhile.
// It returns kExitOk, kExitRuntimeFailure (a failure reached the root, told on `err`) or
// kExitInterrupted; it throws std::exception when the topology cannot be built (e.g. key_hash
// routing for a message type without a key, or a constructor that throws).
int launch(const Topology& topology, const Registry& registry, const RunOptions& options,
           std::ostream& out, std::ostream& err);

// launch() as above, on std::cout and std::cerr.
int launch(const Topology& topology, const Registry& registry, const RunOptions& options);

}  // namespace config

// main() is the whole `courier` command line (validate, graph, types, run) for a program's own
// types: `int main(int argc, char** argv) { return courier::main(argc, argv, registry); }`.
int main(int argc, char** argv, const Registry& registry);

}  // namespace courier
