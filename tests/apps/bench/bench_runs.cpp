// bench_runs.cpp: running a bench topology and reading its result line and summary.
#include "bench_runs.hpp"

#include <sstream>

namespace courier::apps::bench::testing {

Ran run_topology(std::string_view file, const std::vector<std::string>& sets, int seconds) {
  std::string path = COURIER_APPS_DIR;
  path += "/bench/";
  path += file;
  std::vector<std::string> args{"run", path, "--json"};
  for (const std::string& s : sets) {
    args.emplace_back("--set");
    args.push_back(s);
  }
  return courier::apps::testing::run_courier(args, seconds);
}

std::vector<std::string> result_lines(const std::string& out) {
  std::vector<std::string> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("workload=")) lines.push_back(line);
  }
  return lines;
}

nlohmann::json summary(const std::string& out) {
  std::size_t start = 0;
  if (!out.starts_with("{")) {
    start = out.find("\n{");
    if (start == std::string::npos) return nullptr;
    ++start;
  }
  return nlohmann::json::parse(out.substr(start), nullptr, /*allow_exceptions=*/false);
}

long long handled(const nlohmann::json& summary, std::string_view name) {
  if (!summary.is_object() || !summary.contains("actors")) return -1;
  for (const auto& actor : summary.at("actors")) {
    if (actor.at("name") == name) return actor.at("handled").get<long long>();
  }
  return -1;
}

}  // namespace courier::apps::bench::testing
