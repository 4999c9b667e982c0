// topologies_test.cpp: every bench topology, launched by the `courier` binary at small sizes
// (--set), ends by itself with one result line in courier-bench's format and exactly the
// messages its workload implies; a wrong result fails the run.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "bench_runs.hpp"

namespace courier::apps::bench::testing {
namespace {

// expect_one_result() checks that `ran` succeeded with one result line of `workload` in `unit`.
void expect_one_result(const Ran& ran, const std::string& workload, const std::string& unit) {
  EXPECT_EQ(ran.code, 0) << ran.out << ran.err;
  const auto lines = result_lines(ran.err);
  ASSERT_EQ(lines.size(), 1u) << ran.err;
  // Plain parsing: g++ 12 gives false warnings on std::regex in the sanitizer builds.
  const std::string& line = lines.front();
  char read_workload[16] = {};
  char read_unit[32] = {};
  unsigned long long rate = 0;
  unsigned long long peak_rss_kb = 0;
  double wall_s = -1;
  int length = 0;
  const int fields = std::sscanf(line.c_str(),
                                 "workload=%15s system=courier variant=config rate=%llu unit=%31s "
                                 "wall_s=%lf peak_rss_kb=%llu%n",
                                 read_workload, &rate, read_unit, &wall_s, &peak_rss_kb, &length);
  ASSERT_EQ(fields, 5) << line;
  EXPECT_EQ(static_cast<std::size_t>(length), line.size()) << line;
  EXPECT_EQ(read_workload, workload) << line;
  EXPECT_EQ(read_unit, unit) << line;
  EXPECT_GE(wall_s, 0.0) << line;
  EXPECT_GT(peak_rss_kb, 0u) << line;
}

TEST(BenchTopologies, PingPongMakesEveryRoundTrip) {
  const Ran ran = run_topology("ping-pong.json", {"/actors/ping/params/round_trips=1000"});
  expect_one_result(ran, "A1", "roundtrips/s");
  const auto s = summary(ran.out);
  EXPECT_EQ(handled(s, "ping"), 1000);
  EXPECT_EQ(handled(s, "pong"), 1000);
  EXPECT_EQ(s.at("dead_letters"), 0);
}

TEST(BenchTopologies, ThreadRingPassesTheTokenEveryHop) {
  const Ran ran = run_topology("thread-ring.json",
                               {"/actors/ring/count=10", "/actors/driver/params/hops=1000"});
  expect_one_result(ran, "A2", "hops/s");
  const auto s = summary(ran.out);
  // 1,000 forwards, the token's arrival home, and one stop per replica.
  EXPECT_EQ(handled(s, "ring"), 1000 + 1 + 10);
  // The token home, and each replica's count of forwards.
  EXPECT_EQ(handled(s, "driver"), 1 + 10);
  EXPECT_EQ(s.at("dead_letters"), 0);
}

TEST(BenchTopologies, ThreadRingShorterThanTheRingStillEnds) {
  const Ran ran =
      run_topology("thread-ring.json", {"/actors/ring/count=50", "/actors/driver/params/hops=7"});
  expect_one_result(ran, "A2", "hops/s");
  EXPECT_EQ(handled(summary(ran.out), "ring"), 7 + 1 + 50);
}

TEST(BenchTopologies, CountingCountsEveryIncrement) {
  const Ran ran = run_topology("counting.json", {"/actors/producer/params/messages=5000"});
  expect_one_result(ran, "A3", "msgs/s");
  const auto s = summary(ran.out);
  EXPECT_EQ(handled(s, "counter"), 5000 + 1);  // the increments and the query
  EXPECT_EQ(handled(s, "producer"), 1);
}

TEST(BenchTopologies, CountingFailsTheRunWhenTheTotalIsWrong) {
  // Two counters share the increments; the query reaches one of them: the total is half.
  const Ran ran = run_topology(
      "counting.json", {"/actors/producer/params/messages=1000", "/actors/counter/count=2"});
  EXPECT_EQ(ran.code, 1);
  EXPECT_TRUE(result_lines(ran.err).empty()) << ran.err;
  EXPECT_NE(ran.err.find("FAIL workload=A3 system=courier the counter counted 500, not 1000"),
            std::string::npos)
      << ran.err;
}

TEST(BenchTopologies, SpawnHearsFromEveryChild) {
  const Ran ran = run_topology("spawn.json", {"/actors/spawner/params/actors=2000"});
  expect_one_result(ran, "A4", "actors/s");
  EXPECT_EQ(handled(summary(ran.out), "spawner"), 1 + 2000);  // SpawnAll, then every report
}

TEST(BenchTopologies, FanInReceivesEveryValue) {
  const Ran ran = run_topology(
      "fan-in.json", {"/actors/senders/count=10", "/actors/sink/params/messages_per_sender=300"});
  expect_one_result(ran, "A5", "msgs/s");
  const auto s = summary(ran.out);
  EXPECT_EQ(handled(s, "sink"), 10 * 300);
  EXPECT_EQ(handled(s, "senders"), 10);
}

TEST(BenchTopologies, BigMakesEveryExchange) {
  const Ran ran = run_topology(
      "big.json", {"/actors/nodes/count=10", "/actors/driver/params/exchanges_per_actor=20"});
  expect_one_result(ran, "A6", "roundtrips/s");
  const auto s = summary(ran.out);
  // Per replica: its start, 20 pongs and its stop; and the 200 pings all replicas answered.
  EXPECT_EQ(handled(s, "nodes"), 10 * (1 + 20 + 1) + 200);
  EXPECT_EQ(handled(s, "driver"), 10);
  EXPECT_EQ(s.at("dead_letters"), 0);
}

TEST(BenchTopologies, AZeroSizeIsRefusedBeforeAnythingStarts) {
  const Ran ran = run_topology("ping-pong.json", {"/actors/ping/params/round_trips=0"});
  EXPECT_EQ(ran.code, 2);
  EXPECT_NE(
      ran.err.find(
          "/actors/ping/params/round_trips: expected an integer from 1 to 1000000000, found 0"),
      std::string::npos)
      << ran.err;
}

TEST(BenchTopologies, AMisspeltSizeIsRefused) {
  const Ran ran = run_topology("spawn.json", {"/actors/spawner/params/actor=10"});
  EXPECT_EQ(ran.code, 2);
  EXPECT_NE(ran.err.find("/actors/spawner/params/actor: expected a key among \"actors\", found "
                         "\"actor\" [did you mean \"actors\"?]"),
            std::string::npos)
      << ran.err;
}

}  // namespace
}  // namespace courier::apps::bench::testing
