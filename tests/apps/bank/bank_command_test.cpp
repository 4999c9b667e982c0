// bank_command_test.cpp: the `courier` command offers the bank's types and runs apps/bank/bank.json
// to a verdict, with the exit code that says it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "apps/courier_child.hpp"

namespace {

using courier::apps::testing::Ran;
using courier::apps::testing::run_courier;

// run_bank() runs apps/bank/bank.json with 500 requests and the `sets` (JSON pointer=value).
Ran run_bank(const std::vector<std::string>& sets) {
  std::vector<std::string> args{"run",   COURIER_APPS_DIR "/bank/bank.json",  "--json", "-",
                                "--set", "/actors/client/params/requests=500"};
  for (const std::string& s : sets) {
    args.emplace_back("--set");
    args.push_back(s);
  }
  return run_courier(args);
}

// summary_of() is the --json - summary: the whole of stdout, what the bank printed being on stderr.
nlohmann::json summary_of(const std::string& out) {
  return nlohmann::json::parse(out);
}

TEST(BankCommand, TheShippedTopologyRunsWithFaultsAndConservesMoney) {
  const Ran ran = run_bank({});
  const std::string& printed = ran.err;  // the bank's lines: stdout is the JSON alone
  EXPECT_EQ(ran.code, 0) << ran.out << printed;
  EXPECT_NE(printed.find("bank: 500 requests over 64 accounts (4 shards, 4 tellers, window 32)\n"),
            std::string::npos)
      << printed;
  EXPECT_NE(printed.find("unanswered: 0, unexpected: 0\n"), std::string::npos) << printed;
  EXPECT_NE(printed.find("money conserved: yes\n"), std::string::npos) << printed;
  const nlohmann::json summary = summary_of(ran.out);
  EXPECT_EQ(summary.at("status"), "completed");
}

TEST(BankCommand, MoneyThatIsNotAccountedForMakesTheRunExitWithOne) {
  // One attempt per apply and per void at 50% faults: many operations end in doubt, among them
  // applied ones the client cannot count, so its sums disagree.
  const Ran ran = run_bank(
      {"/actors/teller/params/max_attempts=1", "/actors/accounts/params/fault_probability=0.5"});
  const std::string& printed = ran.err;  // the bank's lines: stdout is the JSON alone
  EXPECT_EQ(ran.code, 1) << ran.out << printed;
  EXPECT_NE(printed.find("money conserved: no\n"), std::string::npos) << printed;
  const nlohmann::json summary = summary_of(ran.out);
  EXPECT_EQ(summary.at("status"), "failed");
}

}  // namespace
