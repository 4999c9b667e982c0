// stress_test.cpp: bounded-time stress: actor-like fibers passing tokens with wakes from outside
// threads, a W2-like bounded producer/consumer pipeline, and spawn storms from threads and from
// fibers. Counts are modest under ThreadSanitizer so each test stays well under 30 s there.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <new>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "runtime_fixture.hpp"

namespace courier::test {
namespace {

class Stress : public RuntimeTest {};
COURIER_INSTANTIATE_WORKERS(Stress);

// Tokens hop between fiber "actors" (each with its own mailbox) until their hop count runs out.
// Outside threads inject the tokens through bounded mailboxes (they block when full, and their
// sends wake parked fibers from off the runtime); actors forward through unbounded ones (an
// actor never blocks on another, so no cycle of full mailboxes can deadlock).
struct Token {
  std::int64_t value;
  int hops_left;
  bool stop;
};

TEST_P(Stress, ActorsPassingTokensWithOutsideWakes) {
  constexpr int kActors = 64;
  constexpr int kThreads = 2;
  constexpr int tokens_per_thread = static_cast<int>(scaled(2000));
  constexpr int kHops = 20;

  std::vector<mailbox::UnboundedSender<Token>> forward;  // actor -> actor
  std::vector<mailbox::Sender<Token>> inject;            // outside thread -> actor
  std::vector<mailbox::UnboundedReceiver<Token>> forward_rx;
  std::vector<mailbox::Receiver<Token>> inject_rx;
  for (int i = 0; i < kActors; ++i) {
    auto [ftx, frx] = mailbox::unbounded<Token>();
    auto [itx, irx] = mailbox::bounded<Token>(4);
    forward.push_back(std::move(ftx));
    forward_rx.push_back(std::move(frx));
    inject.push_back(std::move(itx));
    inject_rx.push_back(std::move(irx));
  }
  std::atomic<std::int64_t> retired_sum{0};
  std::atomic<int> retired{0};
  std::vector<JoinHandle<int>> actors;
  for (int i = 0; i < kActors; ++i) {
    // Each actor drains its inject mailbox into its own forward mailbox with a helper fiber, so
    // the actor itself waits on one mailbox only.
    actors.push_back(rt().spawn([rx = std::move(inject_rx[static_cast<std::size_t>(i)]),
                                 self = forward[static_cast<std::size_t>(i)]]() mutable {
      int n = 0;
      while (auto t = rx.recv()) {
        (void)self.send(*t);
        ++n;
      }
      return n;
    }));
    actors.push_back(rt().spawn([i, rx = std::move(forward_rx[static_cast<std::size_t>(i)]),
                                 peers = forward, &retired_sum, &retired]() mutable {
      std::minstd_rand rng(static_cast<unsigned>(i) + 1);
      int handled = 0;
      while (auto t = rx.recv()) {
        if (t->stop) break;
        ++handled;
        if (t->hops_left == 0) {
          retired_sum.fetch_add(t->value);
          retired.fetch_add(1);
          continue;
        }
        --t->hops_left;
        (void)peers[rng() % peers.size()].send(*t);
        if (rng() % 8 == 0) yield_now();
      }
      return handled;
    }));
  }
  std::vector<std::thread> threads;
  for (int th = 0; th < kThreads; ++th) {
    threads.emplace_back([th, &inject] {
      std::minstd_rand rng(static_cast<unsigned>(th) + 100);
      for (int k = 0; k < tokens_per_thread; ++k) {
        const std::int64_t value = static_cast<std::int64_t>(th) * 1'000'000 + k;
        (void)inject[rng() % inject.size()].send(Token{value, kHops, false});
      }
    });
  }
  for (auto& t : threads) t.join();
  inject.clear();  // the helper fibers end once their inject mailboxes drain
  const int total = kThreads * tokens_per_thread;
  ASSERT_TRUE(eventually([&] { return retired.load() == total; }, 60s))
      << retired.load() << " of " << total << " tokens retired";
  for (auto& f : forward) (void)f.send(Token{0, 0, true});
  forward.clear();
  long handled = 0;
  for (auto& a : actors) handled += a.join();
  std::int64_t expected_sum = 0;
  for (int th = 0; th < kThreads; ++th) {
    for (int k = 0; k < tokens_per_thread; ++k) expected_sum += th * 1'000'000LL + k;
  }
  EXPECT_EQ(retired.load(), total);
  EXPECT_EQ(retired_sum.load(), expected_sum);
  // Every token was handled once per hop plus once to retire, and counted once by a helper.
  EXPECT_EQ(handled, static_cast<long>(total) * (kHops + 1) + total);
}

// W2-like: P producer fibers, one consumer fiber, one bounded channel; checks sum and count.
TEST_P(Stress, BoundedProducersConsumer) {
  constexpr int kProducers = 8;
  constexpr std::int64_t per_producer = static_cast<std::int64_t>(scaled(50000));
  auto [tx, rx] = mailbox::bounded<std::int64_t>(64);
  auto consumer = rt().spawn([rx = std::move(rx)]() mutable {
    std::int64_t sum = 0, count = 0;
    while (auto v = rx.recv()) {
      sum += *v;
      ++count;
    }
    return std::pair(sum, count);
  });
  std::vector<JoinHandle<void>> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.push_back(rt().spawn([tx = tx, p] {
      for (std::int64_t i = 0; i < per_producer; ++i) (void)tx.send(p * per_producer + i);
    }));
  }
  { auto drop = std::move(tx); }
  for (auto& p : producers) p.join();
  const auto [sum, count] = consumer.join();
  const std::int64_t n = kProducers * per_producer;
  EXPECT_EQ(count, n);
  EXPECT_EQ(sum, n * (n - 1) / 2);
}

// Creating a fiber costs ThreadSanitizer milliseconds (and mappings of its own): the spawn counts
// are cut 100-fold there.
TEST_P(Stress, SpawnStormFromAThread) {
  const int n = static_cast<int>(scaled(100000, 100));
  std::vector<JoinHandle<int>> hs;
  hs.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) hs.push_back(rt().spawn([i] { return i & 1; }));
  long odd = 0;
  for (auto& h : hs) odd += h.join();
  EXPECT_EQ(odd, n / 2);
}

// 100 spawner fibers each spawn 1,000 tiny fibers, in rounds of 100 that they join before the
// next round (so at most about 10,000 are alive at once; see LiveFiberCapacity below).
TEST_P(Stress, SpawnStormFromFibers) {
  constexpr int kSpawners = kUnderTsan ? 10 : 100;
  constexpr int kRound = 100;
  constexpr int per_spawner = static_cast<int>(scaled(1000));
  std::atomic<long> ran{0};
  std::vector<JoinHandle<long>> spawners;
  for (int s = 0; s < kSpawners; ++s) {
    spawners.push_back(rt().spawn([&ran] {
      long spawned = 0;
      std::vector<JoinHandle<void>> hs;
      hs.reserve(kRound);
      while (spawned < per_spawner) {
        for (int i = 0; i < kRound && spawned < per_spawner; ++i, ++spawned) {
          hs.push_back(Runtime::current()->spawn([&ran] { ran.fetch_add(1); }));
        }
        for (auto& h : hs) h.join();
        hs.clear();
      }
      return spawned;
    }));
  }
  long spawned = 0;
  for (auto& s : spawners) spawned += s.join();
  EXPECT_EQ(spawned, static_cast<long>(kSpawners) * per_spawner);
  EXPECT_EQ(ran.load(), spawned);
}

// Detached fibers from several threads at once, each waking a fiber-side counter.
TEST_P(Stress, SpawnStormFromSeveralThreadsDetached) {
  constexpr int kThreads = 4;
  constexpr int per_thread = static_cast<int>(scaled(10000, 40));
  auto [tx, rx] = mailbox::unbounded<int>();
  auto counter = rt().spawn([rx = std::move(rx)]() mutable {
    long sum = 0;
    while (auto v = rx.recv()) sum += *v;
    return sum;
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, tx = tx] {
      for (int i = 0; i < per_thread; ++i) {
        (void)rt().spawn([tx = tx] { (void)tx.send(1); });  // handle dropped: detached
      }
    });
  }
  { auto drop = std::move(tx); }
  for (auto& t : threads) t.join();
  EXPECT_EQ(counter.join(), static_cast<long>(kThreads) * per_thread);
}

// How many fibers can be alive at once. Each stack is its own mapping and, with a guard page,
// two kernel VMAs; the default vm.max_map_count (65530) capped a process at about 32,700 live
// fibers (spawn threw std::bad_alloc), whatever the memory, until StackPool limited the number
// of guarded stacks. 40,000 parked fibers of 64 KiB (2.5 GiB reserved, about
// 320 MiB touched) are a modest actor system.
class LiveFiberCapacity : public LeakCheckedTest {};

TEST_F(LiveFiberCapacity, FortyThousandFibersAliveAtOnce) {
  if constexpr (kUnderSanitizer) {
    // Running out of mappings kills the sanitizer runtimes themselves ("Failed to mmap").
    GTEST_SKIP() << "exhausts vm.max_map_count, which the sanitizer runtimes do not survive";
  }
  Runtime& r = start({.workers = 2});
  constexpr int kFibers = 40000;
  Event release;
  std::vector<JoinHandle<void>> hs;
  hs.reserve(kFibers);
  std::string failure;
  try {
    for (int i = 0; i < kFibers; ++i) hs.push_back(r.spawn([&release] { release.wait(); }));
  } catch (const std::bad_alloc&) {
    failure = "spawn threw std::bad_alloc with " + std::to_string(hs.size()) + " fibers alive";
  }
  release.set();
  for (auto& h : hs) h.join();
  EXPECT_EQ(failure, "");
}

}  // namespace
}  // namespace courier::test
