// bank_launch.hpp: launching the bank topology in the test process, and reading its report.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace courier::apps::bank::testing {

// BankRun is what one launch gave.
struct BankRun {
  int code = -1;
  std::string printed;     // what the actors printed: the client's report
  nlohmann::json summary;  // the launcher's --json summary
  std::string errors;      // what the launcher wrote on its error stream
};

// shipped_topology() is apps/bank/bank.json, parsed.
nlohmann::json shipped_topology();

// launch_bank() validates `topology` with the bank's types, applies `sets` (as --set does) and
// runs it, capturing stdout. An invalid topology fails the test.
BankRun launch_bank(const nlohmann::json& topology, const std::vector<std::string>& sets);

// actor_summary() is the summary entry of actor `name` (null if there is none).
nlohmann::json actor_summary(const nlohmann::json& summary, const std::string& name);

// Report is the client's report read back: the numbers of each line, by the word before them.
struct Report {
  std::map<std::string, std::int64_t> replies;  // "deposit" … and "all"
  std::map<std::string, std::int64_t> errors;   // "insufficient_funds" … and "all"
  std::int64_t unanswered = -1;
  std::int64_t unexpected = -1;
  std::int64_t retries = -1;
  std::int64_t restarts = -1;
  std::int64_t before = -1;
  std::int64_t after = -1;
  std::int64_t expected = -1;
  std::string conserved;  // "yes" or "no"
};

// read_report() parses the report in `printed`; missing lines leave -1 or empty values.
Report read_report(const std::string& printed);

}  // namespace courier::apps::bank::testing
