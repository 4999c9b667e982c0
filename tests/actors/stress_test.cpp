// stress_test.cpp: many actors, many senders (threads and actors), stops racing sends and asks,
// for a bounded time; every message accepted is handled once or counted once as a dead letter.
#include <random>
#include <thread>
#include <vector>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

struct Counts {
  std::atomic<long> accepted{0};
  std::atomic<long> handled{0};
  Exclusive exclusive[64];
};

// Worker handles its messages, answers asks, and yields now and then so stops land mid-batch.
class Worker final : public Actor<Ping> {
 public:
  Worker(Counts* counts, int index) : counts_(counts), index_(index) {}
  void on_message(Ping p, Context& ctx) override {
    Exclusive::Scope scope(counts_->exclusive[index_]);
    counts_->handled.fetch_add(1, std::memory_order_relaxed);
    if (p.n % 8 == 0) yield_now();
    ctx.reply(p.n);
  }

 private:
  Instance instance_;
  Counts* counts_;
  int index_;
};

// Spray sends to random workers for as long as it is told, counting what was accepted.
class Spray final : public Actor<Ping> {
 public:
  Spray(std::vector<ActorRef<Ping>> to, Counts* counts) : to_(std::move(to)), counts_(counts) {}
  void on_message(Ping p, Context&) override {
    std::minstd_rand rng(static_cast<unsigned>(p.n));
    for (int i = 0; i < 200; ++i) {
      if (to_[rng() % to_.size()].send(Ping{i})) counts_->accepted.fetch_add(1);
    }
  }

 private:
  Instance instance_;
  std::vector<ActorRef<Ping>> to_;
  Counts* counts_;
};

using StressTest = ActorTest;
COURIER_INSTANTIATE_WORKERS(StressTest);

TEST_P(StressTest, StopsRaceSendsAndAsksWithoutLosingAMessage) {
  constexpr int kWorkers = 64;
  constexpr int kThreads = 3;
  const auto run_for = kUnderSanitizer ? 300ms : 600ms;
  Counts counts;
  std::vector<ActorRef<Ping>> workers;
  for (int i = 0; i < kWorkers; ++i) {
    const Mailbox box = i % 3 == 0   ? Mailbox::unbounded()
                        : i % 3 == 1 ? Mailbox::bounded(8)
                                     : Mailbox::bounded(8, Overflow::drop_newest);
    workers.push_back(
        system().spawn<Worker>(SpawnOptions{.name = "w", .mailbox = box}, &counts, i));
  }
  std::vector<ActorRef<Ping>> sprays;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  for (int i = 0; i < 4; ++i) sprays.push_back(system().spawn<Spray>(workers, &counts));
  std::atomic<bool> stop{false};
  std::atomic<long> answered{0};
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::minstd_rand rng(static_cast<unsigned>(t + 1));
      for (int i = 0; !stop.load(std::memory_order_relaxed); ++i) {
        auto& to = workers[rng() % kWorkers];
        if (i % 16 == 0) {
          // An ask was accepted if its message got into the mailbox: then it was handled
          // (a reply, or a stop while handling it), dropped by the drop policy (mailbox_full),
          // or a dead letter (stopped before it was handled). Only "has stopped" was refused.
          auto r = to.ask<int>(Ping{i}, kDeadline);
          if (r) answered.fetch_add(1);
          if (r || r.error().kind == AskError::Kind::mailbox_full ||
              (r.error().kind == AskError::Kind::dead_target &&
               r.error().message.find("has stopped") == std::string::npos)) {
            counts.accepted.fetch_add(1);
          } else {
            EXPECT_EQ(r.error().kind, AskError::Kind::dead_target) << r.error().message;
          }
          continue;
        }
        if (to.try_send(Ping{i})) counts.accepted.fetch_add(1);
        if (i % 64 == 0) {
          for (auto& s : sprays) (void)s.try_send(Ping{i});
        }
      }
    });
  }
  // The stopper: stop a worker now and then while everything else runs.
  std::minstd_rand rng(42);
  const auto until = Clock::now() + run_for;
  while (Clock::now() < until) {
    workers[rng() % kWorkers].stop();
    sleep_for(5ms);
  }
  stop = true;
  threads.clear();
  EXPECT_TRUE(system().shutdown(kDeadline));
  const auto& dl = system().dead_letters();
  EXPECT_EQ(counts.accepted.load(),
            counts.handled.load() + static_cast<long>(dl.count(DeadLetterReason::stopped) +
                                                      dl.count(DeadLetterReason::dropped)))
      << "handled " << counts.handled.load() << ", stopped " << dl.count(DeadLetterReason::stopped)
      << ", dropped " << dl.count(DeadLetterReason::dropped);
  for (auto& e : counts.exclusive) EXPECT_EQ(e.overlaps.load(), 0);
  EXPECT_GT(answered.load(), 0);
}

// An actor that several threads ask in turn goes idle between most messages, and every message
// also wakes it once more after it took that message already: its runs and its wakes race all
// the time. No message may wait unseen in an idle actor (the ask would time out).
TEST_P(StressTest, AnActorThatKeepsGoingIdleMissesNoMessage) {
  constexpr int kThreads = 3;
  const auto run_for = kUnderSanitizer ? 200ms : 400ms;
  ActorRef<Ping> echo = system().spawn<Echo>();
  std::atomic<long> answered{0};
  const auto until = Clock::now() + run_for;
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; Clock::now() < until; ++i) {
        auto r = echo.ask<int>(Ping{i}, kDeadline);
        ASSERT_TRUE(r) << "a message waited unseen: " << r.error().message;
        ASSERT_EQ(*r, i);
        answered.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  threads.clear();
  EXPECT_GT(answered.load(), 0);
}

// A stop sent while messages wake the actor lands in the control lane as the actor's runs begin
// and end: it must always be seen, and the actor stop.
TEST_P(StressTest, AStopRacingWithWakesIsNeverLeftUnseen) {
  const int rounds = kUnderSanitizer ? 100 : 500;
  for (int round = 0; round < rounds; ++round) {
    ActorRef<Ping> echo = system().spawn<Echo>();
    ASSERT_TRUE(echo.ask<int>(Ping{0}, kDeadline));  // started, and about to go idle
    std::jthread sender([&] {
      for (int i = 0; i < 4; ++i) {
        const auto sent = echo.send(Ping{i});
        EXPECT_TRUE(sent || sent.error().status == mailbox::Status::closed);
      }
    });
    echo.stop();
    ASSERT_TRUE(eventually([&] { return !echo.is_alive(); }, kDeadline))
        << "stop unseen in round " << round;
  }
}

}  // namespace
}  // namespace courier::test
