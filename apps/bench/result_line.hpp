// result_line.hpp: how every bench topology reports, in the anchors' one-line format, and fails.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace courier::apps::bench {

using Clock = std::chrono::steady_clock;

// seconds_since() is the wall time from `start` until now, in seconds.
double seconds_since(Clock::time_point start);

// print_result() prints the line `courier-bench` prints for the code-built workloads, with the
// variant `config` (launched from a topology file):
//   workload=<w> system=courier variant=config rate=<r> unit=<u> wall_s=<x> peak_rss_kb=<VmHWM>
// Thread-safety: any thread; one call writes one whole line.
void print_result(std::string_view workload, double rate, std::string_view unit, double wall_s);

// fail_workload() prints "FAIL workload=<w> system=courier <why>" on stderr and ends the process
// with exit code 1 at once, as courier-bench does: a workload whose result is wrong must not be
// reported, nor restarted by its supervisor halfway through its work.
[[noreturn]] void fail_workload(std::string_view workload, const std::string& why);

}  // namespace courier::apps::bench
