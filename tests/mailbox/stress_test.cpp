// stress_test.cpp: many threads at once, with every value accounted for. Iteration counts are
// modest (and smaller under ThreadSanitizer, see scaled()) so each test takes well under a few
// seconds; the races they provoke are the point, and the sanitizer builds check them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace courier::mailbox::test {
namespace {

// A message from producer `producer`, its `seq`-th.
struct Msg {
  std::uint32_t producer;
  std::uint32_t seq;
};

// stress_count() is n for roomy channels and less for capacities 1 and 2, where nearly every send
// waits (a futex round trip), so that each test stays well under a few seconds.
template <class Kind>
constexpr std::size_t stress_count(std::size_t n) noexcept {
  return scaled(Kind::kCapacity == 1 ? n / 16 : Kind::kCapacity == 2 ? n / 8 : n);
}

template <class Kind>
class Stress : public ::testing::Test {};
using StressKinds = ::testing::Types<BoundedKind<1>, BoundedKind<2>, BoundedKind<32>,
                                     BoundedKind<1024>, UnboundedKind>;
TYPED_TEST_SUITE(Stress, StressKinds, KindNames);

// Many producers, one consumer: each producer's values arrive complete and in its order.
TYPED_TEST(Stress, ManyProducersOneConsumerKeepPerProducerOrder) {
  constexpr std::uint32_t kProducers = 4;
  constexpr auto per_producer = static_cast<std::uint32_t>(stress_count<TypeParam>(20'000));
  auto [tx, rx] = TypeParam::template make<Msg>();

  std::vector<std::uint32_t> next(kProducers, 0);
  std::vector<std::uint64_t> sums(kProducers, 0);
  std::jthread consumer([&, r = std::move(rx)]() mutable {
    std::vector<Msg> batch;
    while (true) {
      batch.clear();
      if (r.recv_many(batch, 16) == 0) break;
      for (const Msg& m : batch) {
        ASSERT_LT(m.producer, kProducers);
        ASSERT_EQ(m.seq, next[m.producer]) << "producer " << m.producer;
        ++next[m.producer];
        sums[m.producer] += m.seq;
      }
    }
  });
  {
    auto mine = std::move(tx);
    run_threads(kProducers, [&mine](std::size_t p) {
      auto copy = mine;
      for (std::uint32_t i = 0; i < per_producer; ++i) {
        ASSERT_TRUE(copy.send(Msg{static_cast<std::uint32_t>(p), i}));
      }
    });
  }
  consumer.join();
  for (std::uint32_t p = 0; p < kProducers; ++p) {
    EXPECT_EQ(next[p], per_producer);
    EXPECT_EQ(sums[p], std::uint64_t{per_producer} * (per_producer - 1) / 2);
  }
}

// close() racing with senders: every value is either delivered or handed back, never both and
// never neither.
TYPED_TEST(Stress, CloseRacingWithSendersLosesAndDuplicatesNothing) {
  constexpr std::size_t kProducers = 3;
  const std::size_t per_producer = stress_count<TypeParam>(2'000);
  const std::size_t rounds = scaled(20);
  for (std::size_t round = 0; round < rounds; ++round) {
    const std::size_t total = kProducers * per_producer;
    auto [tx, rx] = TypeParam::template make<std::uint32_t>();
    std::vector<std::atomic<int>> seen(total);
    std::atomic<std::size_t> returned{0};
    std::jthread consumer([&, r = std::move(rx)]() mutable {
      const std::size_t close_after = (round * 397) % (total / 2);
      std::size_t got = 0;
      while (auto v = r.recv()) {
        seen[*v].fetch_add(1);
        if (++got == close_after) r.close();
      }
      if (close_after == 0 || got < close_after) r.close();
    });
    {
      auto mine = std::move(tx);
      run_threads(kProducers, [&](std::size_t p) {
        auto copy = mine;
        for (std::size_t i = 0; i < per_producer; ++i) {
          const auto id = static_cast<std::uint32_t>(p * per_producer + i);
          auto r = copy.send(id);
          if (!r) {
            EXPECT_EQ(r.error().status, Status::closed);
            EXPECT_EQ(r.error().value, id);
            seen[id].fetch_add(1);
            returned.fetch_add(1);
          }
        }
      });
    }
    consumer.join();
    for (std::size_t id = 0; id < total; ++id) {
      ASSERT_EQ(seen[id].load(), 1) << "value " << id << " in round " << round;
    }
  }
}

// The receiver dropped while senders (plain sends, permits and owned permits) are busy: every
// value is destroyed exactly once, whether received, handed back, or given to the sink.
TYPED_TEST(Stress, ReceiverDropRacingWithSendersDestroysEachValueOnce) {
  constexpr std::size_t kProducers = 3;
  const std::size_t per_producer = stress_count<TypeParam>(1'500);
  const std::size_t rounds = scaled(16);
  for (std::size_t round = 0; round < rounds; ++round) {
    const std::size_t total = kProducers * per_producer;
    Tracker tracker(total);
    std::atomic<std::size_t> received{0}, returned{0}, sunk{0};
    {
      auto [tx, rx] = TypeParam::template make<Tracked>();
      rx.set_sink([&sunk](Tracked t) {
        EXPECT_TRUE(t.valid());
        sunk.fetch_add(1);
      });
      std::jthread consumer([&, r = std::move(rx)]() mutable {
        const std::size_t drop_after = (round * 211) % total;
        for (std::size_t i = 0; i < drop_after; ++i) {
          if (!r.recv()) break;
          received.fetch_add(1);
        }
        auto gone = std::move(r);  // dropped mid-stream
      });
      auto mine = std::move(tx);
      run_threads(kProducers, [&](std::size_t p) {
        auto copy = mine;
        for (std::size_t i = 0; i < per_producer; ++i) {
          const std::size_t id = p * per_producer + i;
          if constexpr (TypeParam::kBounded) {
            switch (i % 3) {
              case 0:
                if (auto permit = copy.reserve()) {
                  std::move(*permit).send(Tracked(tracker, id));
                } else {
                  (void)Tracked(tracker, id);  // never sent: made and destroyed here
                  returned.fetch_add(1);
                }
                continue;
              case 1:
                if (auto permit = copy.reserve_owned()) {
                  (void)std::move(*permit).send(Tracked(tracker, id));
                } else {
                  (void)Tracked(tracker, id);
                  returned.fetch_add(1);
                }
                continue;
              default:
                break;
            }
          }
          if (auto r = copy.send(Tracked(tracker, id)); !r) returned.fetch_add(1);
        }
      });
      consumer.join();
    }  // the channel is freed here: late arrivals reach the sink
    ASSERT_TRUE(tracker.all_dropped_once()) << "round " << round;
    ASSERT_EQ(received + returned + sunk, total) << "round " << round;
  }
}

// Permits reserved and then dropped unused, mixed with permits used, never leak capacity.
TEST(StressBounded, PermitsDroppedMidwayNeverLeakCapacity) {
  constexpr std::size_t kProducers = 4;
  constexpr std::size_t kCapacity = 8;
  const std::size_t per_producer = scaled(4'000);
  auto [tx, rx] = bounded<std::uint64_t>(kCapacity);
  std::atomic<std::uint64_t> sent_sum{0}, sent_count{0};
  std::uint64_t recv_sum = 0, recv_count = 0;
  std::jthread consumer([&] {
    while (auto v = rx.recv()) {
      recv_sum += *v;
      ++recv_count;
    }
  });
  {
    auto mine = std::move(tx);
    run_threads(kProducers, [&](std::size_t p) {
      auto copy = mine;
      std::minstd_rand rng(static_cast<unsigned>(p + 1));
      for (std::size_t i = 0; i < per_producer; ++i) {
        const std::uint64_t value = p * 1'000'000 + i;
        switch (rng() % 4) {
          case 0: {  // reserve and drop unused
            auto permit = copy.reserve();
            ASSERT_TRUE(permit);
            break;
          }
          case 1: {  // reserve several, use some
            const std::size_t n = 1 + rng() % 3;
            auto permits = copy.reserve_many(n);
            ASSERT_TRUE(permits);
            const std::size_t use = rng() % (n + 1);
            for (std::size_t k = 0; k < use; ++k) {
              permits->send(value);
              sent_sum += value;
              ++sent_count;
            }
            break;
          }
          case 2: {  // owned permit, released unused
            auto permit = copy.try_reserve_owned();
            if (permit) (void)std::move(*permit).release();
            break;
          }
          default:
            ASSERT_TRUE(copy.send(value));
            sent_sum += value;
            ++sent_count;
        }
      }
      EXPECT_LE(copy.capacity(), kCapacity);
    });
    EXPECT_EQ(mine.strong_count(), 1u);
  }
  consumer.join();
  EXPECT_EQ(recv_count, sent_count.load());
  EXPECT_EQ(recv_sum, sent_sum.load());
  EXPECT_EQ(rx.capacity(), kCapacity);
}

// WeakSender::upgrade racing with the drop of the last strong sender: once an upgrade fails, no
// later one succeeds, every upgraded sender's value arrives, and the receiver sees the end.
TYPED_TEST(Stress, UpgradeRacingWithLastStrongDrop) {
  const std::size_t rounds = scaled(200);
  constexpr std::size_t kUpgraders = 3;
  for (std::size_t round = 0; round < rounds; ++round) {
    auto [tx, rx] = TypeParam::template make<int>();
    auto weak = tx.downgrade();
    std::atomic<int> upgrades{0};
    std::atomic<bool> go{false};
    std::jthread consumer([&, r = std::move(rx)]() mutable {
      int n = 0;
      while (r.recv()) ++n;  // ends only once every strong sender is gone
      EXPECT_EQ(n, upgrades.load());
    });
    auto body = [&](std::size_t i) {
      while (!go) std::this_thread::yield();
      if (i == kUpgraders) {
        auto gone = std::move(tx);
        return;
      }
      bool failed = false;
      auto mine = weak;
      for (int attempt = 0; attempt < 20; ++attempt) {
        auto strong = mine.upgrade();
        if (!strong) {
          failed = true;
          continue;
        }
        EXPECT_FALSE(failed) << "upgrade succeeded after the strong count reached zero";
        if (auto r = strong->send(1); r) upgrades.fetch_add(1);
      }
    };
    {
      std::vector<std::jthread> threads;
      for (std::size_t i = 0; i <= kUpgraders; ++i) threads.emplace_back(body, i);
      go = true;
    }
    consumer.join();
    EXPECT_FALSE(weak.upgrade().has_value());
  }
}

// Senders blocked on a full channel racing with close(): each wait ends, with success or closed,
// and every value is delivered or handed back exactly once.
TEST(StressBounded, BlockedWaitersRacingWithClose) {
  const std::size_t rounds = scaled(60);
  constexpr std::size_t kSenders = 6;
  constexpr std::size_t kEach = 40;
  for (std::size_t round = 0; round < rounds; ++round) {
    const std::size_t capacity = 1 + round % 3;
    auto [tx, rx] = bounded<std::uint32_t>(capacity);
    std::vector<std::atomic<int>> seen(kSenders * kEach);
    std::atomic<bool> go{false};
    std::jthread consumer([&, r = std::move(rx)]() mutable {
      while (!go) std::this_thread::yield();
      const std::size_t close_after = round % 17;
      std::size_t got = 0;
      while (got < close_after) {
        auto v = r.recv();
        if (!v) break;
        seen[*v].fetch_add(1);
        ++got;
      }
      r.close();
      while (auto v = r.recv()) seen[*v].fetch_add(1);
    });
    {
      auto mine = std::move(tx);
      auto body = [&](std::size_t s) {
        auto copy = mine;
        while (!go) std::this_thread::yield();
        for (std::size_t i = 0; i < kEach; ++i) {
          const auto id = static_cast<std::uint32_t>(s * kEach + i);
          if (s % 2 == 0) {
            if (auto r = copy.send(id); !r) {
              EXPECT_EQ(r.error().status, Status::closed);
              seen[r.error().value].fetch_add(1);
            }
          } else if (auto permits = copy.reserve_many(std::min(capacity, 1 + i % 2))) {
            permits->send(id);  // a granted permit delivers even after the close
          } else {
            EXPECT_EQ(permits.error(), Status::closed);
            seen[id].fetch_add(1);
          }
        }
      };
      std::vector<std::jthread> threads;
      for (std::size_t i = 0; i < kSenders; ++i) threads.emplace_back(body, i);
      go = true;
    }
    consumer.join();
    for (std::size_t id = 0; id < seen.size(); ++id) {
      ASSERT_EQ(seen[id].load(), 1) << "value " << id << " round " << round;
    }
  }
}

// send_timeout with short deadlines racing with the receiver: every value is either delivered or
// returned with timeout, and no capacity is lost to the timeouts.
TEST(StressBounded, SendTimeoutsRacingWithReceivesLoseNoCapacity) {
  constexpr std::size_t kSenders = 4;
  const std::size_t per_sender = scaled(1'500);
  constexpr std::size_t kCapacity = 2;
  auto [tx, rx] = bounded<std::uint32_t>(kCapacity);
  std::vector<std::atomic<int>> seen(kSenders * per_sender);
  std::jthread consumer([&] {
    std::size_t n = 0;
    while (auto v = rx.recv()) {
      seen[*v].fetch_add(1);
      if (++n % 64 == 0) std::this_thread::sleep_for(50us);  // let some sends time out
    }
  });
  {
    auto mine = std::move(tx);
    run_threads(kSenders, [&](std::size_t s) {
      auto copy = mine;
      for (std::size_t i = 0; i < per_sender; ++i) {
        const auto id = static_cast<std::uint32_t>(s * per_sender + i);
        if (auto r = copy.send_timeout(id, std::chrono::microseconds(20 + i % 50)); !r) {
          EXPECT_EQ(r.error().status, Status::timeout);
          seen[r.error().value].fetch_add(1);
        }
      }
    });
  }
  consumer.join();
  for (std::size_t id = 0; id < seen.size(); ++id) ASSERT_EQ(seen[id].load(), 1) << id;
  EXPECT_EQ(rx.capacity(), kCapacity);
}

// Cancelled sends racing with the receiver handing out capacity: a cancelled send delivers
// nothing and keeps nothing, so in the end all capacity is back and nothing extra arrived.
TEST(StressBounded, CancelledSendsRacingWithHandOutLoseNoCapacity) {
  constexpr std::size_t kSenders = 4;
  const std::size_t per_sender = scaled(400);
  constexpr std::size_t kCapacity = 2;
  auto [tx, rx] = bounded<std::uint32_t>(kCapacity);
  std::vector<std::atomic<int>> seen(kSenders * per_sender);
  std::vector<std::unique_ptr<ThreadParker>> parkers;
  for (std::size_t s = 0; s < kSenders; ++s) parkers.push_back(std::make_unique<ThreadParker>());
  std::atomic<std::size_t> finished{0};
  std::jthread canceller([&] {
    std::minstd_rand rng(7);
    while (finished.load() < kSenders) {
      parkers[rng() % kSenders]->cancel();
      std::this_thread::sleep_for(std::chrono::microseconds(rng() % 200));
    }
  });
  std::jthread consumer([&] {
    while (auto v = rx.recv()) seen[*v].fetch_add(1);
  });
  {
    auto mine = std::move(tx);
    run_threads(kSenders, [&](std::size_t s) {
      auto copy = mine;
      {
        InstallParker use(*parkers[s]);
        for (std::size_t i = 0; i < per_sender; ++i) {
          const auto id = static_cast<std::uint32_t>(s * per_sender + i);
          try {
            EXPECT_TRUE(copy.send(id));
          } catch (const Cancelled&) {
            seen[id].fetch_add(1);  // the value was not sent
          }
        }
      }
      finished.fetch_add(1);
    });
  }
  canceller.join();
  consumer.join();
  for (std::size_t id = 0; id < seen.size(); ++id) ASSERT_EQ(seen[id].load(), 1) << id;
  EXPECT_EQ(rx.capacity(), kCapacity);
}

// A receiver racing its own waker handshake with senders: poll_recv plus waiting for the wake
// never misses a value or the end.
TYPED_TEST(Stress, PollRecvNeverMissesAWake) {
  const auto count = static_cast<int>(stress_count<TypeParam>(20'000));
  auto [tx, rx] = TypeParam::template make<int>();
  std::jthread producer([&, t = std::move(tx)] {
    for (int i = 0; i < count; ++i) ASSERT_TRUE(t.send(i));
  });
  int expected = 0;
  while (true) {
    CountingWaker waker;
    auto r = rx.poll_recv(waker);
    if (r) {
      ASSERT_EQ(*r, expected++);
      continue;
    }
    if (r.error() == Status::closed) break;
    ASSERT_TRUE(waker.wait_for_wakes(1)) << "lost wake-up at " << expected;
    rx.cancel_poll();
  }
  EXPECT_EQ(expected, count);
}

// An owner racing its run state with several senders: it runs only when woken, looks until it
// finds nothing, then tries to go idle; it never misses a value or the end.
TYPED_TEST(Stress, AnOwnerNeverMissesNews) {
  constexpr int kProducers = 3;
  const auto count = static_cast<int>(stress_count<TypeParam>(20'000));
  auto [tx, rx] = TypeParam::template make<int>();
  CountingWaker owner;
  rx.own(owner);
  std::vector<std::jthread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&, t = tx] {
      for (int i = 0; i < count; ++i) ASSERT_TRUE(t.send(i));
    });
  }
  { auto drop = std::move(tx); }
  long received = 0;
  int wakes = 0;  // a new owner starts scheduled: its first run needs no wake
  while (true) {
    auto r = rx.try_recv();
    if (r) {
      ++received;
      continue;
    }
    if (r.error() == Status::closed) break;
    if (!rx.run_state().try_idle()) continue;  // notified meanwhile: look again
    ASSERT_TRUE(owner.wait_for_wakes(++wakes)) << "lost wake-up after " << received << " values";
  }
  EXPECT_EQ(received, static_cast<long>(kProducers) * count);
}

}  // namespace
}  // namespace courier::mailbox::test
