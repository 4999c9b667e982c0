// bank_command_test.cpp: the `courier` command offers the bank's types and runs apps/bank/bank.json
// to a verdict, with the exit code that says it.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace {

// run_command() runs `command` in a shell and gives its exit code, with its stdout in `output`.
int run_command(const std::string& command, std::string& output) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string bank_command(const std::string& sets) {
  std::string command = COURIER_BINARY;
  command += " run " COURIER_APPS_DIR "/bank/bank.json --json";
  command += " --set /actors/client/params/requests=500";
  command += sets;
  command += " 2>/dev/null";
  return command;
}

TEST(BankCommand, TheShippedTopologyRunsWithFaultsAndConservesMoney) {
  std::string output;
  EXPECT_EQ(run_command(bank_command(""), output), 0) << output;
  EXPECT_NE(output.find("bank: 500 requests over 64 accounts (4 shards, 4 tellers, window 32)\n"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("unanswered: 0, unexpected: 0\n"), std::string::npos) << output;
  EXPECT_NE(output.find("money conserved: yes\n"), std::string::npos) << output;
  const nlohmann::json summary = nlohmann::json::parse(output.substr(output.rfind("\n{") + 1));
  EXPECT_EQ(summary.at("status"), "completed");
}

TEST(BankCommand, MoneyThatIsNotAccountedForMakesTheRunExitWithOne) {
  // One attempt per apply and per void at 50% faults: many operations end in doubt, among them
  // applied ones the client cannot count, so its sums disagree.
  std::string output;
  const int code = run_command(bank_command(" --set /actors/teller/params/max_attempts=1"
                                            " --set /actors/accounts/params/fault_probability=0.5"),
                               output);
  EXPECT_EQ(code, 1) << output;
  EXPECT_NE(output.find("money conserved: no\n"), std::string::npos) << output;
  const nlohmann::json summary = nlohmann::json::parse(output.substr(output.rfind("\n{") + 1));
  EXPECT_EQ(summary.at("status"), "failed");
}

}  // namespace
