// courier-bench WORKLOAD [VARIANT]: one run of one workload of ../../shared/anchors/WORKLOADS.md
// (or of Courier's own S1..S3), printed as the anchors print it (see report.hpp). run.sh repeats
// runs and takes medians. The variant may also be given as WORKLOAD:VARIANT or --VARIANT
// (`courier-bench W2 fibers`, `courier-bench W2:fibers` and `courier-bench W2 --fibers` agree).
//   W1 W2 W3 W4   channel throughput; variant thread (default): producers and consumer are
//                 std::threads. thread-many: the consumer takes values with recv_many().
//                 fibers: producers and consumer are fibers on a 2-worker courier::Runtime.
//   Wm            bytes per empty channel (bounded<u64>(1024); unbounded as extra fields).
//   S1 S2 S3      scheduler: spawn+join rate, yield_now cost, ping-pong round trip
//                 (scheduler_workloads.cpp).
//   A1..A6 A4m    actor workloads (actor_workloads.cpp); variant unbounded (default) or bounded
//                 (every mailbox bounded(1024)). Ar: an ActorRef send against a Sender send.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include "report.hpp"

namespace courier::bench {

std::uint64_t status_kb(std::string_view key) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.size() > key.size() && line.starts_with(key) && line[key.size()] == ':') {
      return std::strtoull(line.c_str() + key.size() + 1, nullptr, 10);
    }
  }
  return 0;
}

void report(std::string_view workload, std::string_view variant, double rate, std::string_view unit,
            double wall_s, const std::string& extra, bool decimals) {
  std::printf(
      "workload=%.*s system=courier variant=%.*s rate=%.*f unit=%.*s wall_s=%.3f "
      "peak_rss_kb=%llu malloc=" COURIER_ALLOCATOR_NAME "%s%s\n",
      static_cast<int>(workload.size()), workload.data(), static_cast<int>(variant.size()),
      variant.data(), decimals ? 1 : 0, rate, static_cast<int>(unit.size()), unit.data(), wall_s,
      static_cast<unsigned long long>(status_kb("VmHWM")), extra.empty() ? "" : " ", extra.c_str());
  std::fflush(stdout);
}

void fail(std::string_view workload, const std::string& why) {
  std::fprintf(stderr, "FAIL workload=%.*s system=courier %s\n", static_cast<int>(workload.size()),
               workload.data(), why.c_str());
  std::fflush(stdout);
  std::_Exit(1);
}

}  // namespace courier::bench

int main(int argc, char** argv) {
  using namespace courier::bench;
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr,
                 "usage: %s <W1..W4|Wm|S1..S3|A1..A6|A4m|Ar>[:variant] [variant|--variant]\n",
                 argv[0]);
    return 2;
  }
  std::string_view w = argv[1];
  std::string_view v = argc == 3 ? argv[2] : "";
  if (const auto colon = w.find(':'); colon != std::string_view::npos) {
    if (!v.empty()) {
      std::fprintf(stderr, "%s: two variants given\n", argv[0]);
      return 2;
    }
    v = w.substr(colon + 1);
    w = w.substr(0, colon);
  }
  if (v.starts_with("--")) v.remove_prefix(2);
  if (w == "W1" || w == "W2" || w == "W3" || w == "W4") {
    run_channel(w, v.empty() ? "thread" : v);
  } else if (w == "S1" || w == "S2" || w == "S3") {
    run_scheduler(w, v);
  } else if (w == "Wm") {
    run_memory(w, v.empty() ? "bounded1024" : v);
  } else if (w.starts_with("A")) {
    run_actors(w, v);
  } else {
    std::fprintf(stderr, "%s: unknown workload %.*s\n", argv[0], static_cast<int>(w.size()),
                 w.data());
    return 2;
  }
  return 0;
}
