// bank_launch.cpp: the helpers of the bank tests.
#include "bank_launch.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "bank/register_bank.hpp"
#include "courier/config/launch.hpp"
#include "courier/config/load.hpp"

namespace courier::apps::bank::testing {

namespace {

const Registry& bank_registry() {
  static const Registry registry = [] {
    Registry r;
    register_bank(r);
    return r;
  }();
  return registry;
}

// read_pairs() reads the "word N" pairs of `line` into `into`, and the total "(N in all)".
void read_pairs(const std::string& line, std::map<std::string, std::int64_t>& into) {
  static const std::regex pair(R"(([a-z_]+) (-?\d+))");
  for (auto it = std::sregex_iterator(line.begin(), line.end(), pair); it != std::sregex_iterator();
       ++it) {
    into[(*it)[1].str()] = std::stoll((*it)[2].str());
  }
  static const std::regex total(R"(\((\d+) in all\))");
  std::smatch m;
  if (std::regex_search(line, m, total)) into["all"] = std::stoll(m[1].str());
}

// number_after() is the number that follows `word` in `line`, or -1.
std::int64_t number_after(const std::string& line, const std::string& word) {
  const std::regex re(word + R"( (-?\d+))");
  std::smatch m;
  return std::regex_search(line, m, re) ? std::stoll(m[1].str()) : -1;
}

}  // namespace

nlohmann::json shipped_topology() {
  std::ifstream in(std::string(COURIER_APPS_DIR) + "/bank/bank.json");
  return nlohmann::json::parse(in);
}

BankRun launch_bank(const nlohmann::json& topology, const std::vector<std::string>& sets) {
  BankRun run;
  const auto plan =
      config::load_topology(topology.dump(), "bank.json", bank_registry().catalog(), sets);
  if (!plan) {
    ADD_FAILURE() << plan.error().to_string();
    return run;
  }
  std::ostringstream out;
  std::ostringstream err;
  config::RunOptions options;
  options.json_summary = true;
  ::testing::internal::CaptureStdout();
  run.code = config::launch(*plan, bank_registry(), options, out, err);
  run.printed = ::testing::internal::GetCapturedStdout();
  run.summary = nlohmann::json::parse(out.str());
  run.errors = err.str();
  return run;
}

nlohmann::json actor_summary(const nlohmann::json& summary, const std::string& name) {
  for (const auto& a : summary.at("actors")) {
    if (a.at("name") == name) return a;
  }
  return nullptr;
}

Report read_report(const std::string& printed) {
  Report r;
  std::istringstream lines(printed);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with("replies:")) read_pairs(line.substr(8), r.replies);
    if (line.starts_with("errors:")) read_pairs(line.substr(7), r.errors);
    if (line.starts_with("unanswered:")) {
      r.unanswered = number_after(line, "unanswered:");
      r.unexpected = number_after(line, "unexpected:");
    }
    if (line.starts_with("retries:")) {
      r.retries = number_after(line, "retries:");
      r.restarts = number_after(line, "restarts seen:");
    }
    if (line.starts_with("sum of balances:")) {
      r.before = number_after(line, "before");
      r.after = number_after(line, "after");
      r.expected = number_after(line, "expected");
    }
    if (line.starts_with("money conserved: ")) r.conserved = line.substr(17);
  }
  return r;
}

}  // namespace courier::apps::bank::testing
