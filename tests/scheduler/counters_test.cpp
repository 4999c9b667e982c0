// counters_test.cpp: the per-worker counters: fibers_run grows with work, parks grows when the
// workers go idle, queue_depth shows the fibers waiting in a local queue.
#include <gtest/gtest.h>

#include <vector>

#include "runtime_fixture.hpp"

namespace courier::test {
namespace {

class Counters : public RuntimeTest {};
COURIER_INSTANTIATE_WORKERS(Counters);

TEST_P(Counters, FibersRunGrowsWithWork) {
  const auto before = total_fibers_run(rt());
  std::vector<JoinHandle<void>> hs;
  for (int i = 0; i < 100; ++i) hs.push_back(rt().spawn([] { yield_now(); }));
  for (auto& h : hs) h.join();
  // Each fiber was resumed at least twice: to start, and after its yield.
  EXPECT_GE(total_fibers_run(rt()) - before, 200u);
}

TEST_P(Counters, ParksGrowWhenIdle) {
  EXPECT_TRUE(eventually([this] { return total_parks(rt()) >= workers(); }))
      << "not every worker went to sleep on an idle runtime";
  const auto before = total_parks(rt());
  EXPECT_EQ(rt().block_on([] { return 1; }), 1);
  EXPECT_TRUE(eventually([&] { return total_parks(rt()) > before; }))
      << "no worker went back to sleep after the work was done";
}

TEST_P(Counters, EveryWorkerIsReadableAndIdleQueuesAreEmpty) {
  EXPECT_EQ(rt().block_on([] { return 1; }), 1);
  for (std::size_t i = 0; i < rt().worker_count(); ++i) {
    const WorkerCounters c = rt().counters(i);
    EXPECT_EQ(c.queue_depth, 0u) << "worker " << i;
  }
  EXPECT_THROW((void)rt().counters(workers()), std::out_of_range);
}

TEST_P(Counters, CountersCanBeReadFromAFiber) {
  Runtime& r = rt();
  const auto run = r.block_on([&r] {
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < r.worker_count(); ++i) n += r.counters(i).fibers_run;
    return n;
  });
  EXPECT_GE(run, 1u);  // at least this fiber
}

// On one worker nothing is stolen: fibers spawned from a fiber wait in its local queue.
class QueueDepth : public LeakCheckedTest {};

TEST_F(QueueDepth, ShowsFibersSpawnedFromAFiber) {
  Runtime& r = start({.workers = 1});
  constexpr int kChildren = 10;
  const auto depth = r.block_on([&r] {
    std::vector<JoinHandle<void>> children;
    for (int i = 0; i < kChildren; ++i) children.push_back(Runtime::current()->spawn([] {}));
    const auto d = r.counters(0).queue_depth;
    for (auto& c : children) c.join();
    return d;
  });
  EXPECT_EQ(depth, static_cast<std::uint32_t>(kChildren));
  EXPECT_EQ(r.counters(0).queue_depth, 0u);
  EXPECT_EQ(r.counters(0).steals, 0u);
}

}  // namespace
}  // namespace courier::test
