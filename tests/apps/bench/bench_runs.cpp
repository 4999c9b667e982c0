// bench_runs.cpp: running a bench topology and reading its result line and summary.
#include "bench_runs.hpp"

#include <sstream>

namespace courier::apps::bench::testing {

Ran run_topology(std::string_view file, const std::vector<std::string>& sets, int seconds) {
  std::string path = COURIER_APPS_DIR;
  path += "/bench/";
  path += file;
  std::vector<std::string> args{"run", path, "--json", "-"};
  for (const std::string& s : sets) {
    args.emplace_back("--set");
    args.push_back(s);
  }
  return courier::apps::testing::run_courier(args, seconds);
}

std::vector<std::string> result_lines(const std::string& printed) {
  std::vector<std::string> lines;
  std::istringstream in(printed);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("workload=")) lines.push_back(line);
  }
  return lines;
}

nlohmann::json summary(const std::string& out) {
  const nlohmann::json parsed = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? nlohmann::json(nullptr) : parsed;
}

long long handled(const nlohmann::json& summary, std::string_view name) {
  if (!summary.is_object() || !summary.contains("actors")) return -1;
  for (const auto& actor : summary.at("actors")) {
    if (actor.at("name") == name) return actor.at("handled").get<long long>();
  }
  return -1;
}

}  // namespace courier::apps::bench::testing
