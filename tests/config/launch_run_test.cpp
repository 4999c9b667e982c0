// launch_run_test.cpp: topologies launched in this process give exact results and end by
// themselves; supervision from the file takes effect.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "count_types.hpp"
#include "courier/config/cli.hpp"
#include "launch_support.hpp"
#include "test_catalog.hpp"

namespace courier::config::testing {
namespace {

std::string sum_line(const std::string& label, std::int64_t sum, std::int64_t numbers) {
  return label + ": " + std::to_string(sum) + " (" + std::to_string(numbers) + " numbers)\n";
}

TEST(LaunchRun, TheShippedExampleSumsSquaresExactly) {
  const Launched r = launch_text(read_text(examples_dir() + "/count.json"));
  std::int64_t expected = 0;
  for (std::int64_t i = 1; i <= 100000; ++i) expected += i * i;
  EXPECT_EQ(r.code, kExitOk) << r.errors;
  EXPECT_EQ(r.printed, sum_line("sum of squares", expected, 100000));
  EXPECT_EQ(r.summary.at("status"), "completed");
  EXPECT_EQ(actor_summary(r.summary, "square").at("handled"), 100000);
  EXPECT_EQ(actor_summary(r.summary, "square").at("count"), 4);
  EXPECT_EQ(actor_summary(r.summary, "total").at("handled"), 100000);
  EXPECT_EQ(r.summary.at("dead_letters"), 0);
  EXPECT_EQ(r.summary.at("failed_sends"), 0);
}

TEST(LaunchRun, APipelineEndsByItselfOnceItsSourceStopsWithEveryMessageHandled) {
  // Small mailboxes, key_hash replicas and two workers: senders wait for room all along.
  const Launched r = launch_text(R"({
    "version": 1,
    "runtime": { "workers": 2 },
    "defaults": { "mailbox": { "capacity": 4 } },
    "actors": {
      "numbers": { "type": "range_source", "params": { "to": 5000, "batch": 7 } },
      "pass": { "type": "flaky", "count": 3, "routing": "key_hash" },
      "square": { "type": "squarer", "count": 2 },
      "total": { "type": "summer" }
    },
    "connections": [
      { "from": "numbers.out", "to": "pass" },
      { "from": "pass.out", "to": "square" },
      { "from": "square.out", "to": "total" }
    ]
  })");
  std::int64_t expected = 0;
  for (std::int64_t i = 1; i <= 5000; ++i) expected += i * i;
  EXPECT_EQ(r.code, kExitOk) << r.errors;
  EXPECT_EQ(r.printed, sum_line("sum", expected, 5000));
  for (const char* name : {"pass", "square", "total"}) {
    EXPECT_EQ(actor_summary(r.summary, name).at("handled"), 5000) << name;
    EXPECT_LE(actor_summary(r.summary, name).at("peak_mailbox"), 4) << name;
  }
  EXPECT_EQ(r.summary.at("dead_letters"), 0);
}

TEST(LaunchRun, RestartsConfiguredInTheFileTakeEffect) {
  // flaky throws on 100, 200, ... 1000: each time its group restarts it and goes on.
  const Launched r = launch_text(R"({
    "version": 1,
    "supervision": {
      "root": { "max_restarts": 0 },
      "retry": { "strategy": "one_for_one", "max_restarts": 20, "within": "1m", "on_limit": "stop" }
    },
    "actors": {
      "numbers": { "type": "range_source", "params": { "to": 1000 } },
      "pass": { "type": "flaky", "params": { "fail_every": 100 }, "supervisor": "retry" },
      "total": { "type": "summer" }
    },
    "connections": [
      { "from": "numbers.out", "to": "pass" },
      { "from": "pass.out", "to": "total" }
    ]
  })");
  std::int64_t expected = 0;
  for (std::int64_t i = 1; i <= 1000; ++i) expected += i % 100 == 0 ? 0 : i;
  EXPECT_EQ(r.code, kExitOk) << r.errors;
  EXPECT_EQ(r.printed, sum_line("sum", expected, 990));
  const auto pass = actor_summary(r.summary, "pass");
  EXPECT_EQ(pass.at("restarts"), 10);
  EXPECT_EQ(pass.at("handled"), 1000);
  EXPECT_EQ(pass.at("dead_letters"), 10);  // the numbers it failed on
}

TEST(LaunchRun, AFailureEscalatedPastTheRootGroupFailsTheRun) {
  const Launched r = launch_text(R"({
    "version": 1,
    "supervision": { "root": { "max_restarts": 2, "within": "1m", "on_limit": "escalate" } },
    "actors": {
      "numbers": { "type": "range_source", "params": { "to": 1000 } },
      "pass": { "type": "flaky", "params": { "fail_every": 10 } },
      "total": { "type": "summer" }
    },
    "connections": [
      { "from": "numbers.out", "to": "pass" },
      { "from": "pass.out", "to": "total" }
    ]
  })");
  EXPECT_EQ(r.code, kExitRuntimeFailure);
  EXPECT_EQ(r.summary.at("status"), "failed");
  EXPECT_NE(r.summary.at("failure").get<std::string>().find("is a multiple of 10"),
            std::string::npos);
  EXPECT_EQ(actor_summary(r.summary, "pass").at("restarts"), 2);
  EXPECT_NE(r.errors.find("courier run: failed"), std::string::npos);
}

// Countdown passes n - 1 on for every n > 0 it gets; on 0 it passes on -1 and stops, and on -1
// it stops: two of them, each the other's only sender, play one game of ping-pong and end.
class Countdown final : public Actor<examples::Number> {
 public:
  static constexpr auto out = port<examples::Number>("out");
  static constexpr auto ports = courier::ports(out);

  explicit Countdown(const Outputs& outputs) : out_(outputs[out]) {}
  void on_message(examples::Number n, Context& ctx) override {
    if (n.value >= 0) (void)out_.send(examples::Number{n.value - 1});
    if (n.value <= 0) ctx.stop();
  }

 private:
  Output<examples::Number> out_;
};

TEST(LaunchRun, ACycleOfWeakEdgesOnlyIsAcceptedRunsAndEnds) {
  Registry registry;
  examples::register_examples(registry);
  registry.add<Countdown>("countdown");
  // Both edges weak: neither keeps the other alive, so both are sources that stop themselves.
  const Launched r = launch_text(R"({
    "version": 1,
    "actors": { "ping": { "type": "countdown" }, "pong": { "type": "countdown" } },
    "connections": [
      { "from": "ping.out", "to": "pong", "strong": false },
      { "from": "pong.out", "to": "ping", "strong": false }
    ],
    "inject": [ { "to": "ping", "message": { "value": 10 } } ]
  })",
                                 registry);
  EXPECT_EQ(r.code, kExitOk) << r.errors;
  EXPECT_EQ(r.summary.at("status"), "completed");
  EXPECT_EQ(actor_summary(r.summary, "ping").at("handled"), 6);  // 10, 8, 6, 4, 2, 0
  EXPECT_EQ(actor_summary(r.summary, "pong").at("handled"), 6);  // 9, 7, 5, 3, 1, -1
  EXPECT_EQ(r.summary.at("dead_letters"), 0);
}

// nested_groups() is a pipeline whose "pass" (failing on 100, 200, …) sits in group "inner",
// allowed one restart, escalating to its parent group "outer", which has `outer` as policy;
// the root group escalates at once.
std::string nested_groups(const std::string& outer) {
  std::string text = R"({
    "version": 1,
    "supervision": {
      "root": { "max_restarts": 0, "on_limit": "escalate" },
      "outer": )";
  text += outer;
  text += R"(,
      "inner": { "parent": "outer", "max_restarts": 1, "within": "1m", "on_limit": "escalate" }
    },
    "actors": {
      "numbers": { "type": "range_source", "params": { "to": 1000 } },
      "pass": { "type": "flaky", "params": { "fail_every": 100 }, "supervisor": "inner" },
      "total": { "type": "summer" }
    },
    "connections": [
      { "from": "numbers.out", "to": "pass" },
      { "from": "pass.out", "to": "total" }
    ]
  })";
  return text;
}

// The parent group absorbs the failure "inner" escalates on 200: pass handled 1…199 but 100.
constexpr std::int64_t kSumBefore200 = 199 * 200 / 2 - 100;

TEST(LaunchRun, ANestedGroupPastItsLimitEscalatesToItsParentWhichRestartsIt) {
  const Launched r = launch_text(nested_groups(
      R"({ "parent": "root", "max_restarts": 1, "within": "1m", "on_limit": "escalate" })"));
  // "outer" restarts "inner", which stops its members: pass is not re-created, the source
  // finishes into a closed port, and the run completes without reaching the root.
  EXPECT_EQ(r.code, kExitOk) << r.errors;
  EXPECT_EQ(r.summary.at("status"), "completed");
  EXPECT_EQ(r.printed, sum_line("sum", kSumBefore200, 198));
  EXPECT_EQ(actor_summary(r.summary, "pass").at("restarts"), 1);  // on 100, by "inner"
  EXPECT_EQ(actor_summary(r.summary, "total").at("handled"), 198);
}

TEST(LaunchRun, ANestedGroupEscalatesToAParentThatStopsAtItsLimit) {
  const Launched r = launch_text(nested_groups(
      R"({ "parent": "root", "max_restarts": 0, "within": "1m", "on_limit": "stop" })"));
  EXPECT_EQ(r.code, kExitOk) << r.errors;
  EXPECT_EQ(r.summary.at("status"), "completed");
  EXPECT_EQ(r.printed, sum_line("sum", kSumBefore200, 198));
  EXPECT_EQ(actor_summary(r.summary, "pass").at("restarts"), 1);
}

TEST(LaunchRun, AnEscalationPassesEveryGroupAtItsLimitAndFailsTheRun) {
  // The same file with "outer" allowed no restart: the failure goes on to the root, and the run
  // fails with the cause.
  const Launched r = launch_text(nested_groups(
      R"({ "parent": "root", "max_restarts": 0, "within": "1m", "on_limit": "escalate" })"));
  EXPECT_EQ(r.code, kExitRuntimeFailure);
  EXPECT_EQ(r.summary.at("status"), "failed");
  EXPECT_NE(r.summary.at("failure").get<std::string>().find("200 is a multiple of 100"),
            std::string::npos)
      << r.summary;
  EXPECT_EQ(actor_summary(r.summary, "pass").at("restarts"), 1);
}

TEST(LaunchRun, InjectedMessagesAreDeliveredBeforeThePipelineEnds) {
  const Launched r = launch_text(R"({
    "version": 1,
    "actors": {
      "numbers": { "type": "range_source", "params": { "to": 10 } },
      "pass": { "type": "flaky" },
      "total": { "type": "summer", "params": { "label": "total" } }
    },
    "connections": [
      { "from": "numbers.out", "to": "pass" },
      { "from": "pass.out", "to": "total" }
    ],
    "inject": [ { "to": "pass", "message": { "value": 1000 } },
                { "to": "total", "message": { "value": 5 } } ]
  })");
  EXPECT_EQ(r.code, kExitOk) << r.errors;
  EXPECT_EQ(r.printed, sum_line("total", 55 + 1000 + 5, 12));
}

}  // namespace
}  // namespace courier::config::testing
