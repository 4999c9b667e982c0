// bank_test.cpp: the bank topology, launched with faults off and on, answers every request and
// conserves money; served one request at a time it matches a sequential model exactly.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bank_launch.hpp"
#include "bank_model.hpp"
#include "courier/config/cli.hpp"

namespace courier::apps::bank::testing {
namespace {

// small() is the shipped topology's --set for a small run.
std::vector<std::string> small(std::uint64_t requests, double faults, std::uint64_t window) {
  return {"/actors/client/params/requests=" + std::to_string(requests),
          "/actors/client/params/window=" + std::to_string(window),
          "/actors/client/params/show_balances=true", "/actors/accounts/params/accounts=16",
          "/actors/accounts/params/fault_probability=" + std::to_string(faults)};
}

bool has_line(const std::string& printed, const std::string& line) {
  return printed.find(line + "\n") != std::string::npos;
}

void expect_model(const BankRun& run, std::uint64_t requests) {
  const ModelReport m = model_bank({.requests = requests,
                                    .seed = 7,
                                    .max_amount = 200,
                                    .accounts = 16,
                                    .initial_balance = 1000});
  EXPECT_TRUE(has_line(run.printed, m.replies)) << run.printed << "expected " << m.replies;
  EXPECT_TRUE(has_line(run.printed, m.errors)) << run.printed << "expected " << m.errors;
  EXPECT_TRUE(has_line(run.printed, m.sums)) << run.printed << "expected " << m.sums;
  EXPECT_TRUE(has_line(run.printed, m.balances)) << run.printed << "expected " << m.balances;
  EXPECT_TRUE(has_line(run.printed, "unanswered: 0, unexpected: 0")) << run.printed;
  EXPECT_TRUE(has_line(run.printed, "money conserved: yes")) << run.printed;
}

TEST(Bank, WithoutFaultsOneAtATimeItMatchesASequentialBankExactly) {
  const BankRun run = launch_bank(shipped_topology(), small(600, 0.0, 1));
  EXPECT_EQ(run.code, config::kExitOk) << run.errors;
  EXPECT_TRUE(has_line(run.printed,
                       "bank: 600 requests over 16 accounts (4 shards, 4 tellers, "
                       "window 1)"))
      << run.printed;
  expect_model(run, 600);
  EXPECT_TRUE(has_line(run.printed, "retries: 0 (0 after a handler failed), restarts seen: 0"))
      << run.printed;
  EXPECT_EQ(run.summary.at("dead_letters"), 0);
}

TEST(Bank, WithFaultsOneAtATimeTheRetriesHideThemAndTheResultIsTheSame) {
  const BankRun run = launch_bank(shipped_topology(), small(600, 0.1, 1));
  EXPECT_EQ(run.code, config::kExitOk) << run.errors;
  expect_model(run, 600);
  const Report r = read_report(run.printed);
  EXPECT_GT(r.restarts, 0);
  EXPECT_GE(r.retries, r.restarts);
  EXPECT_EQ(actor_summary(run.summary, "accounts").at("restarts"), r.restarts);
}

TEST(Bank, WithFaultsAndManyRequestsInFlightMoneyIsConservedAndEveryRequestAnswered) {
  const BankRun run = launch_bank(shipped_topology(), small(3000, 0.08, 32));
  EXPECT_EQ(run.code, config::kExitOk) << run.errors << run.printed;
  const Report r = read_report(run.printed);
  EXPECT_EQ(r.conserved, "yes") << run.printed;
  EXPECT_EQ(r.after, r.expected);
  EXPECT_EQ(r.before, 16 * 1000);
  EXPECT_EQ(r.replies.at("all") + r.errors.at("all"), 3000) << run.printed;
  EXPECT_EQ(r.unanswered, 0);
  EXPECT_EQ(r.unexpected, 0);
  EXPECT_EQ(r.errors.at("in_doubt"), 0) << run.printed;
  EXPECT_GT(r.restarts, 0);
  EXPECT_EQ(actor_summary(run.summary, "accounts").at("restarts"), r.restarts);
  EXPECT_EQ(actor_summary(run.summary, "client").at("restarts"), 0);
  EXPECT_EQ(run.summary.at("status"), "completed");
}

TEST(Bank, ARequestWithoutAnyOutcomeFailsTheRun) {
  // The tellers' outcomes go nowhere: the client waits one stall_timeout, reports and fails. The
  // deposits and withdrawals were done but never confirmed, so the sums disagree too.
  nlohmann::json topology = shipped_topology();
  auto& connections = topology.at("connections");
  for (auto it = connections.begin(); it != connections.end(); ++it) {
    if (it->at("from") == "teller.outcomes") {
      connections.erase(it);
      break;
    }
  }
  std::vector<std::string> sets = small(40, 0.0, 8);
  sets.push_back("/actors/client/params/stall_timeout=200ms");
  const BankRun run = launch_bank(topology, sets);
  EXPECT_EQ(run.code, config::kExitRuntimeFailure);
  const Report r = read_report(run.printed);
  EXPECT_EQ(r.unanswered, 40) << run.printed;
  EXPECT_EQ(r.replies.at("all") + r.errors.at("all"), 0);
  EXPECT_EQ(run.summary.at("status"), "failed");
  EXPECT_NE(
      run.summary.at("failure").get<std::string>().find("40 requests got no reply and no error"),
      std::string::npos)
      << run.summary.dump();
}

}  // namespace
}  // namespace courier::apps::bank::testing
