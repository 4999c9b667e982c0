// result_line.cpp: the result line, the failure, and the peak RSS they report.
#include "result_line.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace courier::apps::bench {

namespace {

// peak_rss_kb() is VmHWM of /proc/self/status, the peak resident set in KiB (0 if absent).
unsigned long long peak_rss_kb() {
  std::ifstream in("/proc/self/status");
  constexpr std::string_view kKey = "VmHWM:";
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(kKey)) return std::strtoull(line.c_str() + kKey.size(), nullptr, 10);
  }
  return 0;
}

}  // namespace

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void print_result(std::string_view workload, double rate, std::string_view unit, double wall_s) {
  std::printf(
      "workload=%.*s system=courier variant=config rate=%.0f unit=%.*s wall_s=%.3f "
      "peak_rss_kb=%llu\n",
      static_cast<int>(workload.size()), workload.data(), rate, static_cast<int>(unit.size()),
      unit.data(), wall_s, peak_rss_kb());
  std::fflush(stdout);
}

void fail_workload(std::string_view workload, const std::string& why) {
  std::fflush(stdout);
  std::fprintf(stderr, "FAIL workload=%.*s system=courier %s\n", static_cast<int>(workload.size()),
               workload.data(), why.c_str());
  std::_Exit(1);
}

}  // namespace courier::apps::bench
