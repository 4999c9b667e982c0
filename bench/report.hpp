// report.hpp: what every workload shares: the result line, failure, /proc figures, the clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace courier::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t0, Clock::time_point t1) {
  return std::chrono::duration<double>(t1 - t0).count();
}

// status_kb() reads a "Key:   123 kB" field of /proc/self/status (VmRSS, VmHWM); 0 if absent.
std::uint64_t status_kb(std::string_view key);

// report() prints the anchors' line:
//   workload=<w> system=courier variant=<v> rate=<r> unit=<u> wall_s=<x> peak_rss_kb=<VmHWM>
//   [extra]
// `rate` is printed as an integer, or with one decimal when `decimals` is set (byte figures).
void report(std::string_view workload, std::string_view variant, double rate, std::string_view unit,
            double wall_s, const std::string& extra = {}, bool decimals = false);

// fail() prints "FAIL workload=<w> system=courier <why>" on stderr and exits 1 at once (safe from
// any thread: no static destructors run while other threads still use the channel).
[[noreturn]] void fail(std::string_view workload, const std::string& why);

// The workloads. Each checks its own result and calls fail() when it is wrong.
void run_channel(std::string_view workload, std::string_view variant);    // W1..W4
void run_memory(std::string_view workload, std::string_view variant);     // Wm
void run_scheduler(std::string_view workload, std::string_view variant);  // S1..S3
void run_actors(std::string_view workload, std::string_view variant);     // A1..A6, A4m, Ar

}  // namespace courier::bench
