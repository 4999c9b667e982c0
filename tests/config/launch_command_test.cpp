// launch_command_test.cpp: the built `courier` binary, run as a child process: validate, graph,
// types, run, and a SIGINT during a run that drains cleanly and exits 130.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "courier/config/cli.hpp"
#include "launch_support.hpp"

namespace courier::config::testing {
namespace {

const std::string kExample = examples_dir() + "/count.json";

TEST(LaunchCommand, ValidatesTheShippedExample) {
  std::string out;
  EXPECT_EQ(run_courier({"validate", kExample}, out), kExitOk);
  EXPECT_EQ(out, kExample + ": ok (3 actors, 2 connections)\n");
}

TEST(LaunchCommand, GraphShowsTheEdgesWithTheirMessageTypes) {
  std::string out;
  EXPECT_EQ(run_courier({"graph", kExample}, out), kExitOk);
  EXPECT_NE(out.find("\"numbers\" -> \"square\" [label=\"out: Number\"]"), std::string::npos)
      << out;
  EXPECT_NE(out.find("\"square\" -> \"total\" [label=\"out: Number\"]"), std::string::npos);
}

TEST(LaunchCommand, TypesListsTheRegisteredTypes) {
  std::string out;
  EXPECT_EQ(run_courier({"types"}, out), kExitOk);
  for (const char* type : {"range_source\n", "squarer\n", "flaky\n", "summer\n"}) {
    EXPECT_NE(out.find(type), std::string::npos) << type;
  }
  EXPECT_NE(out.find("port     out -> Number"), std::string::npos) << out;
}

TEST(LaunchCommand, RunPrintsTheResultAndTheSummaryTable) {
  std::string out;
  EXPECT_EQ(run_courier({"run", kExample, "--set", "/actors/numbers/params/to=100"}, out), kExitOk);
  EXPECT_NE(out.find("sum of squares: 338350 (100 numbers)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("actor    type          count  handled  dead letters  restarts"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("completed in "), std::string::npos);
}

// sigint_is_caught() tells from /proc whether `pid` has its SIGINT handler installed yet.
bool sigint_is_caught(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("SigCgt:", 0) == 0) {
      return (std::stoull(line.substr(7), nullptr, 16) & (1ULL << (SIGINT - 1))) != 0;
    }
  }
  return false;
}

TEST(LaunchCommand, SigintDuringRunDrainsCleanlyAndExits130) {
  // A source that never ends, straight into a sink (no squares: the sum must not overflow).
  const auto file = std::filesystem::temp_directory_path() /
                    ("courier-sigint-" + std::to_string(getpid()) + ".json");
  std::ofstream(file) << R"({
    "version": 1,
    "runtime": { "workers": 2, "shutdown_timeout": "10s" },
    "defaults": { "mailbox": { "capacity": 64 } },
    "actors": {
      "numbers": { "type": "range_source", "params": { "to": 0 } },
      "pass": { "type": "flaky", "count": 2 },
      "total": { "type": "summer" }
    },
    "connections": [
      { "from": "numbers.out", "to": "pass" },
      { "from": "pass.out", "to": "total" }
    ]
  })";
  const Child child = start_courier({"run", file.string(), "--json"});
  ASSERT_GT(child.pid, 0);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!sigint_is_caught(child.pid) && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let numbers flow
  kill(child.pid, SIGINT);
  std::string out;
  EXPECT_EQ(finish(child, out), kExitInterrupted) << out;
  std::filesystem::remove(file);

  // Every number the source sent was handled downstream: nothing was lost to the stop.
  const auto brace = out.find('{');
  ASSERT_NE(brace, std::string::npos) << out;
  const nlohmann::json summary = nlohmann::json::parse(out.substr(brace));
  EXPECT_EQ(summary.at("status"), "interrupted");
  // Only the source may have left a message of its own (its next Tick) when it was stopped.
  EXPECT_EQ(actor_summary(summary, "pass").at("dead_letters"), 0);
  EXPECT_EQ(actor_summary(summary, "total").at("dead_letters"), 0);
  const std::uint64_t handled = actor_summary(summary, "total").at("handled");
  EXPECT_GT(handled, 0u);
  EXPECT_EQ(actor_summary(summary, "pass").at("handled"), handled);
  const std::uint64_t n = handled;
  EXPECT_EQ(out.substr(0, brace),
            "sum: " + std::to_string(n * (n + 1) / 2) + " (" + std::to_string(n) + " numbers)\n");
}

}  // namespace
}  // namespace courier::config::testing
