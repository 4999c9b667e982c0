// run_summary.cpp: the summary as a table or as JSON.
#include "run_summary.hpp"

#include <algorithm>
#include <array>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "../src/cli_quantities.hpp"

namespace courier::config::detail {

void RunSummary::write_table(std::ostream& out) const {
  const std::ios_base::fmtflags flags = out.flags();
  const std::array<std::string, 7> heads{"actor",        "type",     "count",       "handled",
                                         "dead letters", "restarts", "peak mailbox"};
  std::vector<std::array<std::string, 7>> rows;
  for (const ActorSummary& a : actors) {
    rows.push_back({a.name, a.type, std::to_string(a.count), std::to_string(a.handled),
                    std::to_string(a.dead_letters), std::to_string(a.restarts),
                    std::to_string(a.peak_mailbox)});
  }
  std::array<std::size_t, 7> width{};
  for (std::size_t c = 0; c < width.size(); ++c) {
    width[c] = heads[c].size();
    for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
  }
  auto write_row = [&](const std::array<std::string, 7>& row) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c != 0) out << "  ";
      // Names left-aligned, numbers right-aligned.
      out << (c < 2 ? std::left : std::right) << std::setw(static_cast<int>(width[c])) << row[c];
    }
    out << std::right << "\n";
  };
  write_row(heads);
  for (const auto& row : rows) write_row(row);
  out << status << " in " << duration_text(elapsed) << ", " << counted(dead_letters, "dead letter")
      << " in all, " << counted(failed_sends, "failed send") << "\n";
  if (!failure.empty()) out << "failure: " << failure << "\n";
  out.flags(flags);
}

void RunSummary::write_json(std::ostream& out) const {
  nlohmann::json j;
  j["status"] = status;
  if (!failure.empty()) j["failure"] = failure;
  j["elapsed_ms"] = elapsed.count();
  j["dead_letters"] = dead_letters;
  j["failed_sends"] = failed_sends;
  j["actors"] = nlohmann::json::array();
  for (const ActorSummary& a : actors) {
    j["actors"].push_back({{"name", a.name},
                           {"type", a.type},
                           {"count", a.count},
                           {"handled", a.handled},
                           {"dead_letters", a.dead_letters},
                           {"restarts", a.restarts},
                           {"peak_mailbox", a.peak_mailbox}});
  }
  out << j.dump(2) << "\n";
}

}  // namespace courier::config::detail
