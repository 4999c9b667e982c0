// memory_workloads.cpp: Wm, what an empty channel costs. 100,000 channels are made and kept (their
// Sender/Receiver pairs in a vector reserved beforehand), and the growth is divided by 100,000:
//   heap: glibc mallinfo2().uordblks, the bytes of every chunk in use (header and rounding
//         included), exact and free of page noise;
//   rss:  VmRSS from /proc/self/status, what the process really holds (page granularity).
// rate = heap bytes per bounded<u64>(1024) channel. Extra fields give the rss figure, the same two
// for unbounded<u64>(), sizeof(Chan), and the heap per channel once one value went through it
// (the first send allocates a 32-slot block, which the channel then keeps for reuse).
#include <malloc.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "courier/mailbox.hpp"
#include "report.hpp"

namespace courier::bench {
namespace {

constexpr std::size_t kChannels = 100'000;

struct Snapshot {
  std::size_t heap;
  std::uint64_t rss_kb;
};
Snapshot snapshot() {
  return {mallinfo2().uordblks, status_kb("VmRSS")};
}

struct PerChannel {
  double heap = 0;
  double rss = 0;
};
PerChannel per_channel(const Snapshot& before, const Snapshot& after) {
  return {static_cast<double>(after.heap - before.heap) / kChannels,
          static_cast<double>(after.rss_kb - before.rss_kb) * 1024.0 / kChannels};
}

// Figures of one kind of channel: empty, then after one value was sent and received on each.
struct Figures {
  PerChannel empty;
  PerChannel used;
  double make_s = 0;
};

template <class Make>
Figures measure(std::string_view workload, Make make) {
  using Pair = decltype(make());
  std::vector<Pair> channels;
  channels.reserve(kChannels);
  Figures f;
  const Snapshot s0 = snapshot();
  const auto t0 = Clock::now();
  for (std::size_t i = 0; i < kChannels; ++i) channels.push_back(make());
  f.make_s = seconds_since(t0, Clock::now());
  const Snapshot s1 = snapshot();
  for (auto& [tx, rx] : channels) {
    if (!tx.send(std::uint64_t{7}) || rx.recv() != std::uint64_t{7}) fail(workload, "round trip");
  }
  const Snapshot s2 = snapshot();
  f.empty = per_channel(s0, s1);
  f.used = per_channel(s0, s2);
  // The channels stay alive until here, so the next measurement cannot reuse their memory.
  static std::vector<std::vector<Pair>> keep;
  keep.push_back(std::move(channels));
  return f;
}

std::string fmt(const char* key, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s=%.1f", key, v);
  return buf;
}

}  // namespace

void run_memory(std::string_view workload, std::string_view variant) {
  if (variant != "bounded1024") fail(workload, "unknown variant " + std::string(variant));
  const Figures b = measure(workload, [] { return mailbox::bounded<std::uint64_t>(1024); });
  const Figures u = measure(workload, [] { return mailbox::unbounded<std::uint64_t>(); });
  const std::string extra =
      fmt("rss_bounded", b.empty.rss) + " " + fmt("heap_unbounded", u.empty.heap) + " " +
      fmt("rss_unbounded", u.empty.rss) + " " + fmt("heap_bounded_used", b.used.heap) + " " +
      fmt("heap_unbounded_used", u.used.heap) + " sizeof_chan_bounded=" +
      std::to_string(sizeof(mailbox::Chan<std::uint64_t, mailbox::BoundedSemaphore>)) +
      " sizeof_chan_unbounded=" +
      std::to_string(sizeof(mailbox::Chan<std::uint64_t, mailbox::UnboundedSemaphore>)) +
      " sizeof_block=" + std::to_string(sizeof(mailbox::Block<std::uint64_t>)) +
      " channels=" + std::to_string(kChannels);
  report(workload, variant, b.empty.heap, "bytes/channel", b.make_s, extra, true);
}

}  // namespace courier::bench
