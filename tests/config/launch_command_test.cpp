// launch_command_test.cpp: the built `courier` binary, run as a child process: validate, graph,
// types, run, and a SIGINT during a run that drains cleanly and exits 130.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "courier/config/cli.hpp"
#include "launch_support.hpp"
#include "test_catalog.hpp"

namespace courier::config::testing {
namespace {

const std::string kExample = examples_dir() + "/count.json";

TEST(LaunchCommand, ValidatesTheShippedExample) {
  std::string out;
  EXPECT_EQ(run_courier({"validate", kExample}, out), kExitOk);
  EXPECT_EQ(out, kExample + ": ok (3 actors, 2 connections)\n");
}

// shipped_topologies() gives every topology file shipped: config/examples/*.json and
// apps/*/*.json (the apps' own types are in the `courier` binary), sorted.
std::vector<std::string> shipped_topologies() {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  auto add_json_files = [&](const fs::path& folder) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.is_regular_file() && entry.path().extension() == ".json") {
        files.push_back(entry.path().lexically_normal().string());
      }
    }
  };
  add_json_files(examples_dir());
  const fs::path apps = fs::path(examples_dir()) / ".." / ".." / "apps";
  if (fs::is_directory(apps)) {
    for (const auto& app : fs::directory_iterator(apps)) {
      if (app.is_directory()) add_json_files(app.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// temp_stem() is a path in the temporary folder for this test program's files named `what`.
std::string temp_stem(const std::string& what) {
  return (std::filesystem::temp_directory_path() / ("courier-" + what + "-")).string() +
         std::to_string(getpid());
}

TEST(LaunchCommand, ValidatesEveryShippedTopologyWithTheRegisteredTypes) {
  const std::vector<std::string> files = shipped_topologies();
  ASSERT_FALSE(files.empty());
  std::vector<std::string> args{"validate"};
  args.insert(args.end(), files.begin(), files.end());
  const std::string errors = temp_stem("shipped") + ".err";
  std::string out;
  EXPECT_EQ(finish(start_courier(args, errors), out), kExitOk) << read_text(errors);
  std::filesystem::remove(errors);
  for (const std::string& file : files) {
    EXPECT_NE(out.find(file + ": ok ("), std::string::npos) << file << "\n" << out;
  }
}

TEST(LaunchCommand, ValidateRefusesKeyHashToAMessageWithoutAKey) {
  // range_source takes Tick, which has no key: refused before anything starts, with exit 2.
  const std::string file = temp_stem("keyless") + ".json";
  const std::string errors = temp_stem("keyless") + ".err";
  std::ofstream(file) << R"({"version": 1, "actors": {
  "numbers": {"type": "range_source", "count": 2, "routing": "key_hash"}}})";
  const std::string report =
      file +
      ":2:62: /actors/numbers/routing: expected \"round_robin\" (key_hash needs a key from "
      "message type \"Tick\" of type \"range_source\": a courier_key(const Tick&) or a "
      "std::hash<Tick>), found \"key_hash\"\n1 error in " +
      file + "\n";
  for (const char* command : {"validate", "run"}) {
    std::string out;
    EXPECT_EQ(finish(start_courier({command, file}, errors), out), kExitInvalidFile) << command;
    EXPECT_EQ(out, "") << command;
    EXPECT_EQ(read_text(errors), report) << command;
  }
  std::filesystem::remove(file);
  std::filesystem::remove(errors);
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

TEST(LaunchCommand, SigintWithADrainThatRunsOutOfTimeStillExits130) {
  // "pass" sends every number back to itself through a weak edge: its mailbox never drains. With
  // an unbounded mailbox it stays busy; with a small bounded one it soon waits forever for room
  // in its own mailbox. Either way the drain runs out of time and what is left is stopped.
  for (const char* mailbox : {R"({ "kind": "unbounded" })", R"({ "capacity": 4 })"}) {
    SCOPED_TRACE(mailbox);
    const std::string stem = temp_stem("undrained");
    std::ofstream(stem + ".json") << R"({
      "version": 1,
      "runtime": { "workers": 2, "shutdown_timeout": "300ms" },
      "actors": {
        "numbers": { "type": "range_source", "params": { "to": 1000 } },
        "pass": { "type": "flaky", "mailbox": )"
                                  << mailbox << R"( }
      },
      "connections": [
        { "from": "numbers.out", "to": "pass" },
        { "from": "pass.out", "to": "pass", "strong": false }
      ]
    })";
    const Child child = start_courier({"run", stem + ".json", "--json"}, stem + ".err");
    ASSERT_GT(child.pid, 0);
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!sigint_is_caught(child.pid) && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    kill(child.pid, SIGINT);
    std::string out;
    EXPECT_EQ(finish(child, out, 20), kExitInterrupted) << out;  // 20 s: it must not hang
    const std::string errors = read_text(stem + ".err");
    std::filesystem::remove(stem + ".json");
    std::filesystem::remove(stem + ".err");

    EXPECT_EQ(errors,
              "courier run: interrupted: the drain did not end within shutdown_timeout (300ms); "
              "stopping 1 actor still running: pass\n");
    const auto brace = out.find('{');
    ASSERT_NE(brace, std::string::npos) << out;
    const nlohmann::json summary = nlohmann::json::parse(out.substr(brace));
    EXPECT_EQ(summary.at("status"), "interrupted");
    EXPECT_EQ(actor_summary(summary, "pass").at("count"), 1);
  }
}

}  // namespace
}  // namespace courier::config::testing
