// bank_launch.cpp: the helpers of the bank tests.
#include "bank_launch.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

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

// number_at() reads an integer (maybe negative) at `at` in `line`; nullopt if there is none.
std::optional<std::int64_t> number_at(const std::string& line, std::size_t at) {
  std::size_t end = at < line.size() && line[at] == '-' ? at + 1 : at;
  const std::size_t digits = end;
  while (end < line.size() && line[end] >= '0' && line[end] <= '9') ++end;
  if (end == digits) return std::nullopt;
  return std::stoll(line.substr(at, end - at));
}

// read_pairs() reads the "word N" pairs of `line` into `into`, and the total "(N in all)".
// (Plain parsing: g++ 12 gives false warnings on std::regex in the sanitizer builds.)
void read_pairs(const std::string& line, std::map<std::string, std::int64_t>& into) {
  std::string spaced = line;
  for (char& c : spaced) {
    if (c == ',' || c == '(' || c == ')') c = ' ';
  }
  std::istringstream words(spaced);
  std::vector<std::string> tokens;
  for (std::string t; words >> t;) tokens.push_back(t);
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    const std::optional<std::int64_t> n = number_at(tokens[i + 1], 0);
    const bool is_word =
        tokens[i].find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos;
    if (is_word && n) into[tokens[i]] = *n;
    if (i + 2 < tokens.size() && tokens[i + 1] == "in" && tokens[i + 2] == "all") {
      if (const auto all = number_at(tokens[i], 0)) into["all"] = *all;
    }
  }
}

// number_after() is the number that follows `word` and a space in `line`, or -1.
std::int64_t number_after(const std::string& line, const std::string& word) {
  for (std::size_t at = line.find(word); at != std::string::npos; at = line.find(word, at + 1)) {
    const std::size_t space = at + word.size();
    if (space < line.size() && line[space] == ' ') {
      if (const auto n = number_at(line, space + 1)) return *n;
    }
  }
  return -1;
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
  options.json_summary = "-";
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
