// scheduler_workloads.cpp: S1..S3, the scheduler alone (see docs/BENCHMARKS.md, "Scheduler").
//   S1 spawn+join: 1,000,000 fibers on a 2-worker runtime.
//        join (default): a driver fiber spawns trivial fibers (each returns its index) in batches
//              of 1,000 and joins each batch before the next; count and sum checked.
//        a4:   the shape of Go's and Tokio's A4: a spawner fiber spawns 1,000,000 children, each
//              with a bounded(1) mailbox, sends each child its index right after spawning it; a
//              child receives it, replies to the spawner's unbounded mailbox and ends (detached).
//              The spawner then collects the 1,000,000 replies; count and sum checked.
//   S2 yield_now: 2 fibers on a 1-worker runtime yield alternately, 5,000,000 times each; rate =
//        yields/s; extra ns_per_yield. A yield is two switches (fiber -> worker -> other fiber).
//   S3 ping-pong through two bounded(1) channels; rate = round trips/s; extra ns_per_rt.
//        2w (default): ping and pong fibers on a 2-worker runtime, 1,000,000 round trips.
//        1w:   the same on a 1-worker runtime.
//        thread: ping is the main thread (blocks), pong a fiber on a 2-worker runtime; 20,000.
//        Extra cross= is the fraction of messages pong received on another thread than the one
//        ping sent from, and resumes=/steals= the per-worker counters, so one sees where it ran.
#include <pthread.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "courier/mailbox.hpp"
#include "courier/scheduler.hpp"
#include "report.hpp"

namespace courier::bench {
namespace {

std::uint64_t sum_below(std::uint64_t n) {
  return n * (n - 1) / 2;
}

std::string counters_extra(const Runtime& rt) {
  std::string resumes = "resumes=", steals = " steals=";
  for (std::size_t i = 0; i < rt.worker_count(); ++i) {
    const WorkerCounters c = rt.counters(i);
    if (i != 0) {
      resumes.push_back('/');
      steals.push_back('/');
    }
    resumes.append(std::to_string(c.fibers_run));
    steals.append(std::to_string(c.steals));
  }
  return resumes + steals;
}

struct Result {
  std::uint64_t count = 0;
  std::uint64_t sum = 0;
  Clock::time_point end;
};

// ---------------------------------------------------------------------------- S1 spawn+join

constexpr std::uint64_t kSpawns = 1'000'000;
constexpr std::uint64_t kSpawnBatch = 1'000;

void s1(std::string_view w, std::string_view variant) {
  Runtime rt({.workers = 2});
  Result r;
  const auto t0 = Clock::now();
  if (variant == "join") {
    r = rt.block_on([&rt] {
      Result res;
      std::vector<JoinHandle<std::uint64_t>> handles;
      handles.reserve(kSpawnBatch);
      for (std::uint64_t b = 0; b < kSpawns; b += kSpawnBatch) {
        for (std::uint64_t i = b; i < b + kSpawnBatch; ++i) {
          handles.push_back(rt.spawn([i] { return i; }));
        }
        for (auto& h : handles) {
          res.sum += h.join();
          ++res.count;
        }
        handles.clear();
      }
      res.end = Clock::now();
      return res;
    });
  } else if (variant == "a4") {
    r = rt.block_on([&rt] {
      auto [self_tx, self_rx] = mailbox::unbounded<std::uint64_t>();
      for (std::uint64_t i = 0; i < kSpawns; ++i) {
        auto [tx, rx] = mailbox::bounded<std::uint64_t>(1);
        rt.spawn([rx = std::move(rx), reply = self_tx]() mutable {
          if (auto k = rx.recv(); !k || !reply.send(*k)) fail("S1", "child lost its message");
        });  // detached: the handle is dropped
        if (!tx.send(i)) fail("S1", "send to child failed");
      }
      Result res;
      while (res.count < kSpawns) {
        auto k = self_rx.recv();
        if (!k) fail("S1", "spawner mailbox closed");
        res.sum += *k;
        ++res.count;
      }
      res.end = Clock::now();
      return res;
    });
  } else {
    fail(w, "unknown variant " + std::string(variant));
  }
  if (r.count != kSpawns || r.sum != sum_below(kSpawns)) {
    fail(w, "count " + std::to_string(r.count) + " sum " + std::to_string(r.sum));
  }
  const double wall = seconds_since(t0, r.end);
  const std::string extra = counters_extra(rt);
  rt.shutdown();
  report(w, variant, static_cast<double>(kSpawns) / wall, "fibers/s", wall, extra);
}

// ---------------------------------------------------------------------------- S2 yield_now

constexpr std::uint64_t kYieldsEach = 5'000'000;

void s2(std::string_view w, std::string_view variant) {
  if (variant != "1w") fail(w, "unknown variant " + std::string(variant));
  Runtime rt({.workers = 1});
  std::atomic<std::int64_t> start_ns{0};
  std::atomic<int> finished{0};
  Clock::time_point end;
  std::uint64_t total = 0;
  // The driver spawns both into its worker's queue before it parks in join(), so both are ready
  // when the first one starts: the clock runs from the first yielder's start to the last's end.
  rt.block_on([&] {
    auto yielder = [&] {
      std::int64_t zero = 0;
      const std::int64_t now = Clock::now().time_since_epoch().count();
      start_ns.compare_exchange_strong(zero, now, std::memory_order_relaxed);
      for (std::uint64_t i = 0; i < kYieldsEach; ++i) yield_now();
      if (finished.fetch_add(1, std::memory_order_acq_rel) == 1) end = Clock::now();
      return kYieldsEach;
    };
    auto a = rt.spawn(yielder);
    auto b = rt.spawn(yielder);
    total = a.join() + b.join();
  });
  const Clock::time_point t0{Clock::duration(start_ns.load())};
  const double wall = seconds_since(t0, end);
  const double ns = wall * 1e9 / static_cast<double>(total);
  char extra[64];
  std::snprintf(extra, sizeof extra, "ns_per_yield=%.1f ", ns);
  const std::string ex = extra + counters_extra(rt);
  rt.shutdown();
  report(w, variant, static_cast<double>(total) / wall, "yields/s", wall, ex);
}

// ---------------------------------------------------------------------------- S3 ping-pong

void s3(std::string_view w, std::string_view variant) {
  const bool thread_ping = variant == "thread";
  if (variant != "2w" && variant != "1w" && !thread_ping) {
    fail(w, "unknown variant " + std::string(variant));
  }
  const std::uint64_t n = thread_ping ? 20'000 : 1'000'000;
  Runtime rt({.workers = variant == "1w" ? 1u : 2u});
  auto [ping_tx, ping_rx] = mailbox::bounded<std::uint64_t>(1);
  auto [pong_tx, pong_rx] = mailbox::bounded<std::uint64_t>(1);
  std::atomic<std::uint64_t> ping_thread{0};  // pthread_self of ping's last send
  std::uint64_t cross = 0;
  auto pong = rt.spawn([&, rx = std::move(ping_rx), tx = std::move(pong_tx)]() mutable {
    while (auto v = rx.recv()) {
      if (ping_thread.load(std::memory_order_relaxed) != ::pthread_self()) ++cross;
      if (!tx.send(*v)) fail("S3", "pong send failed");
    }
  });
  auto ping = [&, tx = std::move(ping_tx), rx = std::move(pong_rx)]() mutable {
    Result res;
    for (std::uint64_t i = 0; i < n; ++i) {
      ping_thread.store(::pthread_self(), std::memory_order_relaxed);
      if (!tx.send(i)) fail("S3", "ping send failed");
      auto v = rx.recv();
      if (!v || *v != i) fail("S3", "wrong reply at " + std::to_string(i));
      res.sum += *v;
      ++res.count;
    }
    res.end = Clock::now();
    { auto closing = std::move(tx); }  // the last sender goes: pong's loop ends
    return res;
  };
  const auto t0 = Clock::now();
  const Result r = thread_ping ? ping() : rt.block_on(std::move(ping));
  pong.join();
  if (r.count != n || r.sum != sum_below(n)) fail(w, "count/sum mismatch");
  const double wall = seconds_since(t0, r.end);
  char extra[96];
  std::snprintf(extra, sizeof extra, "ns_per_rt=%.1f cross=%.3f ",
                wall * 1e9 / static_cast<double>(n),
                static_cast<double>(cross) / static_cast<double>(n));
  const std::string ex = extra + counters_extra(rt);
  rt.shutdown();
  report(w, variant, static_cast<double>(n) / wall, "roundtrips/s", wall, ex);
}

}  // namespace

void run_scheduler(std::string_view workload, std::string_view variant) {
  if (workload == "S1") {
    s1(workload, variant.empty() ? "join" : variant);
  } else if (workload == "S2") {
    s2(workload, variant.empty() ? "1w" : variant);
  } else if (workload == "S3") {
    s3(workload, variant.empty() ? "2w" : variant);
  } else {
    fail(workload, "unknown workload");
  }
}

}  // namespace courier::bench
