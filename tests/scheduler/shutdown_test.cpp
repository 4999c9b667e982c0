// shutdown_test.cpp: shutdown cancels every wait: fibers parked on recv, send, reserve, closed(),
// sleep, join, an Event or a bare park see Cancelled, unwind (their locals and captures are
// destroyed) and end; their stacks are freed and nothing leaks. Also: many parked fibers, many
// runtimes in a row, the destructor without shutdown(), and fibers that catch Cancelled.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "runtime_fixture.hpp"

namespace courier::test {
namespace {

class Shutdown : public RuntimeTest {};
COURIER_INSTANTIATE_WORKERS(Shutdown);

// Waiters spawns fibers that each wait in one way, and counts what happens to them.
struct Waiters {
  std::atomic<int> started{0};
  std::atomic<int> cancelled{0};
  std::atomic<int> returned{0};  // a wait that returned normally: must not happen
  std::atomic<int> live{0};      // Tracked locals still alive
  std::vector<JoinHandle<void>> handles;

  void spawn(Runtime& rt, std::function<void()> wait) {
    handles.push_back(rt.spawn([this, wait = std::move(wait)] {
      Tracked local(live);
      started.fetch_add(1);
      try {
        wait();
        returned.fetch_add(1);
      } catch (const Cancelled&) {
        cancelled.fetch_add(1);
        throw;
      }
    }));
  }

  // expect_all_cancelled() checks every fiber saw Cancelled and unwound, and join rethrows it.
  void expect_all_cancelled() {
    const int n = static_cast<int>(handles.size());
    EXPECT_EQ(cancelled.load(), n);
    EXPECT_EQ(returned.load(), 0);
    EXPECT_EQ(live.load(), 0) << "a cancelled fiber did not destroy its locals";
    for (auto& h : handles) EXPECT_THROW(h.join(), Cancelled);
  }
};

TEST_P(Shutdown, CancelsEveryKindOfWait) {
  Runtime& r = rt();
  auto [empty_tx, empty_rx] = mailbox::bounded<int>(1);  // nothing to receive
  auto [full_tx, full_rx] = mailbox::bounded<int>(1);    // no capacity
  ASSERT_TRUE(full_tx.try_send(0).has_value());
  auto [open_tx, open_rx] = mailbox::bounded<int>(1);  // never closes
  auto [utx, urx] = mailbox::unbounded<int>();
  Event never;
  std::atomic<int> captured_live{0};

  Waiters w;
  w.spawn(r, [rx = std::make_shared<mailbox::Receiver<int>>(std::move(empty_rx))] {
    (void)rx->recv();
  });
  w.spawn(r, [rx = std::make_shared<mailbox::UnboundedReceiver<int>>(std::move(urx))] {
    std::vector<int> buf;
    (void)rx->recv_many(buf, 8);
  });
  w.spawn(r, [&full_tx] { (void)full_tx.send(1); });
  w.spawn(r, [&full_tx] { (void)full_tx.reserve(); });
  w.spawn(r, [&full_tx] { (void)full_tx.reserve_many(1); });
  w.spawn(r, [&full_tx] { (void)full_tx.reserve_owned(); });
  w.spawn(r, [&full_tx] { (void)full_tx.send_timeout(1, std::chrono::hours(1)); });
  w.spawn(r, [&open_tx] { open_tx.closed(); });
  w.spawn(r, [] { sleep_for(std::chrono::hours(1)); });
  w.spawn(r, [&never] { never.wait(); });
  w.spawn(r, [&never] { (void)never.wait_until(Clock::now() + std::chrono::hours(1)); });
  w.spawn(r, [] { Parker::current().park(); });
  w.spawn(r, [t = Tracked(captured_live), &never] { never.wait(); });
  w.spawn(r, [&r, &never] {
    // Joins a fiber that waits forever: both are cancelled.
    r.spawn([&never] {
       try {
         never.wait();
       } catch (const Cancelled&) {
       }
     }).join();
    never.wait();  // the joined fiber swallowed its Cancelled; this wait is cancelled too
  });
  auto timed_rx = std::make_shared<mailbox::Receiver<int>>(std::move(open_rx));
  w.spawn(r, [timed_rx] { (void)timed_rx->recv_timeout(std::chrono::hours(1)); });

  const int n = static_cast<int>(w.handles.size());
  ASSERT_TRUE(eventually([&] { return w.started.load() == n; }));
  std::this_thread::sleep_for(20ms);  // let them all reach their waits
  EXPECT_GE(r.live_fibers(), static_cast<std::size_t>(n));
  r.shutdown();
  EXPECT_EQ(r.live_fibers(), 0u);
  w.expect_all_cancelled();
  EXPECT_EQ(captured_live.load(), 0) << "a cancelled fiber's captures were not destroyed";
  // The channels lost nothing: the value in the full channel is still there.
  EXPECT_EQ(full_rx.try_recv().value_or(-1), 0);
  EXPECT_EQ(full_rx.try_recv().error(), mailbox::Status::empty);
}

TEST_P(Shutdown, CancelsFibersThatHaveNotStartedYet) {
  // Spawned and shut down at once: some have not started; they start, and their first wait
  // throws Cancelled.
  Waiters w;
  for (int i = 0; i < 100; ++i) w.spawn(rt(), [] { sleep_for(std::chrono::hours(1)); });
  rt().shutdown();
  EXPECT_EQ(w.started.load(), 100);
  w.expect_all_cancelled();
}

TEST_P(Shutdown, ManyParkedFibers) {
  const int n = static_cast<int>(scaled(10000, 20));  // fibers are costly under TSan
  std::vector<mailbox::Sender<int>> senders;
  senders.reserve(static_cast<std::size_t>(n));
  Event never;
  Waiters w;
  w.handles.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    switch (i % 3) {
      case 0: {
        auto [tx, rx] = mailbox::bounded<int>(1);
        senders.push_back(std::move(tx));
        w.spawn(rt(), [rx = std::make_shared<mailbox::Receiver<int>>(std::move(rx))] {
          (void)rx->recv();
        });
        break;
      }
      case 1:
        w.spawn(rt(), [&never] { never.wait(); });
        break;
      default:
        w.spawn(rt(), [] { sleep_for(std::chrono::hours(1)); });
        break;
    }
  }
  ASSERT_TRUE(eventually([&] { return w.started.load() == n; }, 60s));
  EXPECT_EQ(rt().live_fibers(), static_cast<std::size_t>(n));
  const auto t0 = Clock::now();
  rt().shutdown();
  const auto took = Clock::now() - t0;
  EXPECT_EQ(rt().live_fibers(), 0u);
  w.expect_all_cancelled();
  EXPECT_LT(took, kUnderSanitizer ? 30s : 5s);
}

TEST_P(Shutdown, HundredRuntimesInARow) {
  for (int round = 0; round < 100; ++round) {
    Event never;
    Waiters w;
    {
      Runtime r({.workers = workers()});
      for (int i = 0; i < 4; ++i) w.spawn(r, [&never] { never.wait(); });
      EXPECT_EQ(r.block_on([round] { return round; }), round);
      if (round % 2 == 0) r.shutdown();  // the other half: the destructor shuts down
    }
    w.expect_all_cancelled();
    if (HasFailure()) break;
  }
}

TEST_P(Shutdown, DestructorWithoutShutdownCancelsAndJoins) {
  Waiters w;
  auto [tx, rx] = mailbox::bounded<int>(1);
  {
    Runtime r({.workers = workers()});
    w.spawn(r,
            [rx = std::make_shared<mailbox::Receiver<int>>(std::move(rx))] { (void)rx->recv(); });
    w.spawn(r, [] { sleep_for(std::chrono::hours(1)); });
    ASSERT_TRUE(eventually([&] { return w.started.load() == 2; }));
  }
  w.expect_all_cancelled();
  EXPECT_TRUE(tx.is_closed());  // the receiver died with its fiber
}

TEST_P(Shutdown, CancellationIsStickyAndAFiberMayStillReturnAValue) {
  Event started;
  auto h = rt().spawn([&started] {
    started.set();
    int cancels = 0;
    try {
      sleep_for(std::chrono::hours(1));
    } catch (const Cancelled&) {
      ++cancels;
    }
    try {
      yield_now();  // yielding is not a wait: it goes on
      sleep_for(1ms);
    } catch (const Cancelled&) {
      ++cancels;
    }
    try {
      Event e;
      e.set();
      e.wait();  // already set: returns without waiting
    } catch (const Cancelled&) {
      cancels += 100;
    }
    return cancels;
  });
  started.wait();
  rt().shutdown();
  EXPECT_EQ(h.join(), 2);
}

TEST_P(Shutdown, WaitsForAFiberThatKeepsComputingAfterCancel) {
  Event started;
  std::atomic<bool> finished{false};
  auto h = rt().spawn([&] {
    started.set();
    try {
      sleep_for(std::chrono::hours(1));
    } catch (const Cancelled&) {
    }
    std::this_thread::sleep_for(50ms);  // "computing"
    finished = true;
    return 1;
  });
  started.wait();
  std::this_thread::sleep_for(5ms);
  rt().shutdown();
  EXPECT_TRUE(finished.load()) << "shutdown returned before the fiber ended";
  EXPECT_EQ(h.join(), 1);
}

TEST_P(Shutdown, FibersThatSpawnInALoopStopOnShutdown) {
  std::atomic<int> refused{0};
  std::vector<JoinHandle<void>> spawners;
  for (int i = 0; i < 4; ++i) {
    spawners.push_back(rt().spawn([&refused] {
      try {
        while (true) {
          (void)Runtime::current()->spawn([] { sleep_for(std::chrono::hours(1)); });
          yield_now();
        }
      } catch (const std::runtime_error&) {
        refused.fetch_add(1);
      }
    }));
  }
  std::this_thread::sleep_for(20ms);
  rt().shutdown();
  EXPECT_EQ(refused.load(), 4);
  for (auto& s : spawners) s.join();
}

// A fiber enters the list that shutdown cancels only at its first wait. One that has never waited
// when shutdown begins (it is busy) is not in the list; its first wait, after shutdown has begun,
// must still throw Cancelled, or shutdown would wait for it for ever.
TEST_P(Shutdown, AFiberThatFirstWaitsAfterShutdownBeganIsCancelled) {
  Waiters w;
  std::atomic<bool> saw_shutdown{false};
  w.spawn(rt(), [&saw_shutdown] {
    // Busy, no wait, until a spawn is refused: shutdown has begun and has cancelled the fibers
    // it listed.
    try {
      while (true) {
        (void)Runtime::current()->spawn([] {});
        yield_now();  // not a wait: it lets the spawned fibers run on a 1-worker runtime
      }
    } catch (const std::runtime_error&) {
      saw_shutdown = true;
    }
    sleep_for(std::chrono::hours(1));
  });
  ASSERT_TRUE(eventually([&] { return w.started.load() == 1; }));
  rt().shutdown();
  EXPECT_TRUE(saw_shutdown.load());
  w.expect_all_cancelled();
}

// Threads spawning while another shuts down: every spawn is either refused (std::runtime_error)
// or its fiber runs to its end; none is lost, none is left alive.
TEST_P(Shutdown, SpawnsRacingShutdownEitherRunOrAreRefused) {
  constexpr int kThreads = 3;
  std::atomic<long> accepted{0}, ran{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> spawners;
  for (int t = 0; t < kThreads; ++t) {
    spawners.emplace_back([&] {
      try {
        while (true) {
          rt().spawn([&ran] { ran.fetch_add(1, std::memory_order_relaxed); });
          accepted.fetch_add(1, std::memory_order_relaxed);
        }
      } catch (const std::runtime_error&) {
        refused.fetch_add(1);
      }
    });
  }
  ASSERT_TRUE(eventually([&] { return accepted.load() > 100; }));
  rt().shutdown();
  for (auto& t : spawners) t.join();
  EXPECT_EQ(refused.load(), kThreads);
  EXPECT_EQ(ran.load(), accepted.load()) << "an accepted spawn never ran";
  EXPECT_EQ(rt().live_fibers(), 0u);
}

TEST_P(Shutdown, JoinFromAThreadIsReleasedByShutdown) {
  Event never;
  auto h = rt().spawn([&never] { never.wait(); });
  std::atomic<bool> threw_cancelled{false};
  std::thread joiner([&] {
    try {
      h.join();
    } catch (const Cancelled&) {
      threw_cancelled = true;
    }
  });
  std::this_thread::sleep_for(10ms);
  rt().shutdown();
  joiner.join();
  EXPECT_TRUE(threw_cancelled.load());
}

// shutdown() is documented as safe from any thread: two threads shutting down at once must both
// return with the runtime stopped, its workers joined.
TEST_P(Shutdown, ConcurrentShutdownFromTwoThreads) {
  // Found broken (the second caller joined the worker threads again and hung in pthread_join);
  // fixed in RuntimeCore::shutdown() by serialising callers.
  Event never;
  Waiters w;
  for (int i = 0; i < 50; ++i) w.spawn(rt(), [&never] { never.wait(); });
  ASSERT_TRUE(eventually([&] { return w.started.load() == 50; }));
  std::thread a([this] { rt().shutdown(); });
  std::thread b([this] { rt().shutdown(); });
  a.join();
  b.join();
  w.expect_all_cancelled();
}

}  // namespace
}  // namespace courier::test
