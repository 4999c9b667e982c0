// launch_command_test.cpp: the built `courier` binary, run as a child process: validate, graph,
// types, run, and a SIGINT during a run that drains cleanly and exits 130.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
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

TEST(LaunchCommand, VersionAndHelpExitWithZero) {
  std::string version;
  EXPECT_EQ(run_courier({"--version"}, version), kExitOk);
  EXPECT_TRUE(version.starts_with("courier ")) << version;
  EXPECT_TRUE(version.ends_with("\n")) << version;
  std::string help;
  EXPECT_EQ(run_courier({"run", "--help"}, help), kExitOk);
  EXPECT_NE(help.find("Exit codes:"), std::string::npos) << help;
}

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

TEST(LaunchCommand, GraphDrawsEveryAppTopologyAndTheAppShipsItsPicture) {
  namespace fs = std::filesystem;
  int drawn = 0;
  for (const std::string& file : shipped_topologies()) {
    if (file.find("/apps/") == std::string::npos) continue;
    std::string dot;
    ASSERT_EQ(run_courier({"graph", file}, dot), kExitOk) << file;
    EXPECT_EQ(dot.rfind("digraph", 0), 0u) << file << "\n" << dot;
    const nlohmann::json topology = nlohmann::json::parse(read_text(file));
    for (const auto& actor : topology.at("actors").items()) {
      EXPECT_NE(dot.find(actor.key()), std::string::npos)
          << actor.key() << " missing from the graph of " << file;
    }
    // The README shows the picture `courier graph FILE -o STEM.svg` draws, committed beside it.
    const fs::path svg = fs::path(file).replace_extension(".svg");
    EXPECT_TRUE(fs::is_regular_file(svg)) << svg << " is not shipped";
    ++drawn;
  }
  EXPECT_GE(drawn, 8) << "words, bank and the six bench topologies";
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
  // Made from range_source's declared params, not written by hand.
  EXPECT_NE(
      out.find("  params   from: int = 1, to: int = 0 (0: never ends), batch: int = 64 (>= 1; "
               "numbers per turn)\n"),
      std::string::npos)
      << out;
}

TEST(LaunchCommand, AMisspeltParamOfAShippedTypeIsRefusedWithASuggestion) {
  const std::string errors = temp_stem("lable") + ".err";
  std::string out;
  EXPECT_EQ(
      finish(start_courier({"run", kExample, "--set", "/actors/total/params/lable=\"x\""}, errors),
             out),
      kExitInvalidFile);
  EXPECT_EQ(read_text(errors), kExample +
                                   " (--set): /actors/total/params/lable: expected a key among "
                                   "\"label\", found \"lable\" [did you mean \"label\"?]\n1 "
                                   "error in " +
                                   kExample + "\n");
  std::filesystem::remove(errors);
}

TEST(LaunchCommand, RunPrintsTheResultAndTheSummaryTable) {
  std::string out;
  EXPECT_EQ(run_courier({"run", kExample, "--set", "/actors/numbers/params/to=100"}, out), kExitOk);
  EXPECT_NE(out.find("sum of squares: 338350 (100 numbers)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("actor    type          count  handled  dead letters  restarts"),
            std::string::npos)
      << out;
  // A run this short is timed in milliseconds: "completed in 12 ms, 0 dead letters in all, …".
  const std::size_t at = out.find("completed in ");
  ASSERT_NE(at, std::string::npos) << out;
  unsigned long long ms = 0;
  char unit[8] = {};
  ASSERT_EQ(std::sscanf(out.c_str() + at, "completed in %llu %7[a-z],", &ms, unit), 2) << out;
  EXPECT_STREQ(unit, "ms") << out;
  EXPECT_TRUE(out.ends_with(" ms, 0 dead letters in all, 0 failed sends\n")) << out;
}

// The summary as JSON on stdout, while an actor prints on stdout too: stdout must hold the JSON
// alone, and what the actor printed must reach stderr whole.
TEST(LaunchCommand, JsonOnStdoutSendsWhatActorsPrintToStderr) {
  const std::string errors = temp_stem("json-stdout") + ".err";
  std::string out;
  EXPECT_EQ(finish(start_courier(
                       {"run", kExample, "--set", "/actors/numbers/params/to=100", "--json", "-"},
                       errors),
                   out),
            kExitOk);
  const std::string printed = read_text(errors);
  std::filesystem::remove(errors);
  const nlohmann::json summary = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(summary.is_object()) << "stdout is not one JSON document:\n" << out;
  EXPECT_EQ(summary.at("status"), "completed");
  EXPECT_EQ(actor_summary(summary, "total").at("handled"), 100);
  EXPECT_EQ(printed, "sum of squares: 338350 (100 numbers)\n");
}

// The summary as JSON to a file: stdout stays as without --json (what the actors print, then the
// table), and the file holds the JSON alone.
TEST(LaunchCommand, JsonToAFileKeepsTheTableOnStdout) {
  const std::string summary_file = temp_stem("json-file") + ".json";
  std::string out;
  EXPECT_EQ(
      run_courier(
          {"run", kExample, "--set", "/actors/numbers/params/to=100", "--json", summary_file}, out),
      kExitOk);
  const nlohmann::json summary = nlohmann::json::parse(read_text(summary_file), nullptr, false);
  std::filesystem::remove(summary_file);
  ASSERT_TRUE(summary.is_object());
  EXPECT_EQ(summary.at("status"), "completed");
  EXPECT_TRUE(out.starts_with("sum of squares: 338350 (100 numbers)\nactor    type")) << out;
  EXPECT_NE(out.find("\ncompleted in "), std::string::npos) << out;
}

TEST(LaunchCommand, JsonToAFileThatCannotBeWrittenFailsBeforeTheRun) {
  const std::string errors = temp_stem("json-unwritable") + ".err";
  const std::string summary_file = temp_stem("no-such-folder") + "/summary.json";
  std::string out;
  EXPECT_EQ(finish(start_courier({"run", kExample, "--json", summary_file}, errors), out),
            kExitRuntimeFailure);
  EXPECT_EQ(out, "");  // nothing ran: no sum, no table
  EXPECT_EQ(read_text(errors), "courier run: cannot write the JSON summary to " + summary_file +
                                   ": No such file or directory\n");
  std::filesystem::remove(errors);
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
  const std::string errors = temp_stem("sigint") + ".err";
  const Child child = start_courier({"run", file.string(), "--json", "-"}, errors);
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
  const std::string printed = read_text(errors);
  std::filesystem::remove(errors);

  // Every number the source sent was handled downstream: nothing was lost to the stop.
  const nlohmann::json summary = nlohmann::json::parse(out);
  EXPECT_EQ(summary.at("status"), "interrupted");
  // Only the source may have left a message of its own (its next Tick) when it was stopped.
  EXPECT_EQ(actor_summary(summary, "pass").at("dead_letters"), 0);
  EXPECT_EQ(actor_summary(summary, "total").at("dead_letters"), 0);
  const std::uint64_t handled = actor_summary(summary, "total").at("handled");
  EXPECT_GT(handled, 0u);
  EXPECT_EQ(actor_summary(summary, "pass").at("handled"), handled);
  const std::uint64_t n = handled;
  EXPECT_EQ(printed,
            "sum: " + std::to_string(n * (n + 1) / 2) + " (" + std::to_string(n) + " numbers)\n");
}

// UndrainedRun is a `courier run --json` of a topology that never drains: "pass" sends every
// number back to itself through a weak edge. With an unbounded mailbox it stays busy; with a
// small bounded one it soon waits forever for room in its own mailbox.
struct UndrainedRun {
  int code = -1;
  std::string errors;      // its stderr
  nlohmann::json summary;  // its --json summary
};

// run_undrained() runs it with `mailbox` as pass's mailbox and `timeout` as shutdown_timeout,
// and sends it one SIGINT per entry of `interrupts`, each after that pause.
UndrainedRun run_undrained(const std::string& mailbox, const std::string& timeout,
                           const std::vector<std::chrono::milliseconds>& interrupts) {
  const std::string stem = temp_stem("undrained");
  std::ofstream(stem + ".json") << R"({
    "version": 1,
    "runtime": { "workers": 2, "shutdown_timeout": ")"
                                << timeout << R"(" },
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
  UndrainedRun run;
  const Child child = start_courier({"run", stem + ".json", "--json", "-"}, stem + ".err");
  if (child.pid <= 0) return run;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!sigint_is_caught(child.pid) && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  for (const auto pause : interrupts) {
    std::this_thread::sleep_for(pause);
    kill(child.pid, SIGINT);
  }
  std::string out;
  run.code = finish(child, out, 20);  // 20 s: it must not hang
  run.errors = read_text(stem + ".err");
  std::filesystem::remove(stem + ".json");
  std::filesystem::remove(stem + ".err");
  run.summary = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
  return run;
}

TEST(LaunchCommand, SigintWithADrainThatRunsOutOfTimeStillExits130) {
  using namespace std::chrono_literals;
  for (const char* mailbox : {R"({ "kind": "unbounded" })", R"({ "capacity": 4 })"}) {
    SCOPED_TRACE(mailbox);
    const UndrainedRun run = run_undrained(mailbox, "300ms", {200ms});
    EXPECT_EQ(run.code, kExitInterrupted) << run.errors;
    EXPECT_EQ(run.errors,
              "courier run: interrupted: the drain did not end within shutdown_timeout (300ms); "
              "stopping 1 actor still running: pass\n");
    ASSERT_TRUE(run.summary.is_object());
    EXPECT_EQ(run.summary.at("status"), "interrupted");
    EXPECT_EQ(actor_summary(run.summary, "pass").at("count"), 1);
  }
}

TEST(LaunchCommand, ASecondSigintStopsTheDrainAtOnce) {
  using namespace std::chrono_literals;
  // An hour to drain: only the second SIGINT can end this run within the test's 20 s.
  const UndrainedRun run = run_undrained(R"({ "kind": "unbounded" })", "1h", {200ms, 200ms});
  EXPECT_EQ(run.code, kExitInterrupted) << run.errors;
  EXPECT_EQ(run.errors,
            "courier run: interrupted: a second interrupt cut the drain short; stopping 1 actor "
            "still running: pass\n");
  ASSERT_TRUE(run.summary.is_object());
  EXPECT_EQ(run.summary.at("status"), "interrupted");
}

TEST(LaunchCommand, OnATerminalRunRefreshesAProgressLine) {
  // stderr on a pseudo-terminal; this test keeps the terminal side open too, so that what was
  // written stays readable after the child has gone.
  const int master = posix_openpt(O_RDWR | O_NOCTTY);
  ASSERT_GE(master, 0);
  ASSERT_EQ(grantpt(master), 0);
  ASSERT_EQ(unlockpt(master), 0);
  const std::string terminal = ptsname(master);
  const int terminal_fd = open(terminal.c_str(), O_RDWR | O_NOCTTY);
  ASSERT_GE(terminal_fd, 0);

  const std::string file = temp_stem("progress") + ".json";
  std::ofstream(file) << R"({
    "version": 1,
    "runtime": { "workers": 2 },
    "defaults": { "mailbox": { "capacity": 64 } },
    "actors": {
      "numbers": { "type": "range_source", "params": { "to": 0 } },
      "total": { "type": "summer" }
    },
    "connections": [ { "from": "numbers.out", "to": "total" } ]
  })";
  const Child child = start_courier({"run", file}, terminal);
  ASSERT_GT(child.pid, 0);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!sigint_is_caught(child.pid) && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // about four refreshes
  kill(child.pid, SIGINT);
  std::string out;
  EXPECT_EQ(finish(child, out), kExitInterrupted) << out;
  std::filesystem::remove(file);
  std::string shown;
  char buffer[4096];
  for (pollfd p{master, POLLIN, 0}; poll(&p, 1, 100) > 0;) {
    const ssize_t n = read(master, buffer, sizeof buffer);
    if (n <= 0) break;
    shown.append(buffer, static_cast<std::size_t>(n));
  }
  close(terminal_fd);
  close(master);

  // Each refresh rewrites the line; the handled count only grows; the line is erased at the end.
  // (Plain parsing: g++ 12 gives false warnings on std::regex in the sanitizer builds.)
  const std::string refresh = "\r\x1b[Kcourier: ";
  std::vector<std::uint64_t> counts;
  for (std::size_t at = shown.find(refresh); at != std::string::npos;
       at = shown.find(refresh, at + 1)) {
    unsigned long long handled = 0;
    unsigned long long rate = 0;
    unsigned long long deepest = 0;
    if (std::sscanf(shown.c_str() + at + refresh.size(),
                    "%llu messages handled, %llu/s, deepest mailbox %llu", &handled, &rate,
                    &deepest) == 3) {
      counts.push_back(handled);
    }
  }
  EXPECT_GE(counts.size(), 2u) << shown;
  EXPECT_TRUE(std::is_sorted(counts.begin(), counts.end())) << shown;
  EXPECT_TRUE(shown.ends_with("\r\x1b[K")) << shown;
  // The summary went to stdout, which is not the terminal.
  EXPECT_NE(out.find("interrupted"), std::string::npos) << out;
}

}  // namespace
}  // namespace courier::config::testing
