// delivery_test.cpp: no message is lost or duplicated through restarts and shutdown: every message
// sent is handled once or counted once as a dead letter; a restart keeps the queued messages.
#include <memory>
#include <thread>
#include <vector>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

struct Tally {
  explicit Tally(int n) : seen(static_cast<std::size_t>(n)) {}
  std::vector<std::atomic<int>> seen;  // handlings of each message
  std::atomic<int> handled{0};
  std::atomic<int> generations{0};
};

// Flaky handles messages and throws on every multiple of `fail_every` (a message it consumes).
class Flaky final : public Actor<Ping> {
 public:
  Flaky(Tally* tally, int fail_every) : tally_(tally), fail_every_(fail_every) {
    tally_->generations.fetch_add(1);
  }
  void on_message(Ping p, Context&) override {
    if (p.n % fail_every_ == 0) throw std::runtime_error("flaky");
    tally_->seen[static_cast<std::size_t>(p.n)].fetch_add(1);
    if (p.n % 32 == 0) yield_now();  // widen the window in which a stop or restart can land
    tally_->handled.fetch_add(1, std::memory_order_release);
  }

 private:
  Instance instance_;
  Tally* tally_;
  int fail_every_;
};

using DeliveryTest = ActorTest;
COURIER_INSTANTIATE_WORKERS(DeliveryTest);

TEST_P(DeliveryTest, EveryMessageIsHandledOnceOrFailedOnceThroughRestarts) {
  constexpr int kFailEvery = 7;
  constexpr int kThreads = 3;
  const int per_thread = static_cast<int>(scaled(3000));
  const int total = kThreads * per_thread;
  auto& sys = start({.root = {.max_restarts = 1'000'000, .within = 1s}});
  Tally tally(total);
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto flaky = sys.spawn<Flaky>(SpawnOptions{.name = "flaky", .mailbox = Mailbox::bounded(32)},
                                &tally, kFailEvery);
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) ASSERT_TRUE(flaky.send(Ping{t * per_thread + i}));
    });
  }
  threads.clear();
  const int failing = (total + kFailEvery - 1) / kFailEvery;
  auto& letters = sys.dead_letters();
  ASSERT_TRUE(eventually(
      [&] {
        return tally.handled.load() + letters.count(DeadLetterReason::handler_failed) ==
               static_cast<std::uint64_t>(total);
      },
      kDeadline));
  EXPECT_EQ(tally.handled.load(), total - failing);
  EXPECT_EQ(letters.count(DeadLetterReason::handler_failed), static_cast<std::uint64_t>(failing));
  EXPECT_EQ(letters.count(), static_cast<std::uint64_t>(failing)) << "no other dead letter";
  for (int n = 0; n < total; ++n) {
    ASSERT_EQ(tally.seen[static_cast<std::size_t>(n)].load(), n % kFailEvery == 0 ? 0 : 1)
        << "message " << n;
  }
  EXPECT_TRUE(eventually([&] { return sys.restarts() == static_cast<std::uint64_t>(failing); }));
  EXPECT_EQ(tally.generations.load(), failing + 1);
  EXPECT_TRUE(flaky.is_alive());
}

// Restarted waits for the test on its first message, then fails: the messages queued meanwhile
// must all reach the next instance, in order.
class Restarted final : public Actor<Ping> {
 public:
  Restarted(Gate* gate, std::vector<int>* log, std::atomic<int>* generation)
      : gate_(gate), log_(log), generation_(generation->fetch_add(1) + 1) {}
  void on_message(Ping p, Context&) override {
    if (p.n == 0) {
      gate_->wait();
      throw std::runtime_error("first message");
    }
    log_->push_back(generation_ * 1000 + p.n);
  }
  void on_restart(Context&, const std::exception_ptr& cause) override {
    try {
      std::rethrow_exception(cause);
    } catch (const std::runtime_error& e) {
      restart_cause_ok_ = std::string(e.what()) == "first message";
    }
    log_->push_back(restart_cause_ok_ ? -1 : -2);
  }

 private:
  Instance instance_;
  Gate* gate_;
  std::vector<int>* log_;
  int generation_;
  bool restart_cause_ok_ = false;
};

TEST_P(DeliveryTest, QueuedMessagesSurviveARestart) {
  constexpr int kQueued = 100;
  Gate gate;
  std::vector<int> log;  // written by the actor only; read after it stopped
  std::atomic<int> generation{0};
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto ref = system().spawn<Restarted>(&gate, &log, &generation);
  ASSERT_TRUE(ref.send(Ping{0}));
  ASSERT_TRUE(gate.entered.wait_until(Clock::now() + kDeadline));
  for (int n = 1; n <= kQueued; ++n) ASSERT_TRUE(ref.send(Ping{n}));
  gate.opened.set();
  ASSERT_TRUE(eventually([&] { return system().restarts() == 1; }, kDeadline));
  ref.stop();  // the control lane: after the handlers already running, before nothing queued
  ASSERT_TRUE(system().wait_all_stopped(kDeadline));
  const auto stopped = static_cast<int>(system().dead_letters().count(DeadLetterReason::stopped));
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.front(), -1) << "on_restart runs on the new instance, with the cause";
  EXPECT_EQ(static_cast<int>(log.size()) - 1 + stopped, kQueued) << "handled + dead == queued";
  for (std::size_t i = 1; i < log.size(); ++i) {
    EXPECT_EQ(log[i], 2000 + static_cast<int>(i)) << "handled by the second instance, in order";
  }
}

// Sink counts what it handles, yielding now and then so that messages are still queued when the
// system shuts down.
class Sink final : public Actor<Ping> {
 public:
  explicit Sink(std::atomic<long>* handled) : handled_(handled) {}
  void on_message(Ping p, Context&) override {
    if (p.n % 16 == 0) yield_now();
    handled_->fetch_add(1, std::memory_order_relaxed);
  }

 private:
  Instance instance_;
  std::atomic<long>* handled_;
};

TEST_P(DeliveryTest, EveryMessageSentBeforeShutdownIsHandledOrADeadLetter) {
  constexpr int kSinks = 6;
  constexpr int kThreads = 3;
  std::atomic<long> handled{0};
  std::vector<ActorRef<Ping>> sinks;
  for (int i = 0; i < kSinks; ++i) {
    const Mailbox box = i % 2 == 0 ? Mailbox::bounded(8) : Mailbox::unbounded();
    sinks.push_back(system().spawn<Sink>(SpawnOptions{.name = "sink", .mailbox = box}, &handled));
  }
  std::atomic<long> accepted{0};
  std::atomic<long> refused{0};
  std::atomic<int> started{0};
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      started.fetch_add(1);
      for (int i = 0;; ++i) {
        auto r = sinks[static_cast<std::size_t>((i + t) % kSinks)].send(Ping{i});
        if (!r) {
          EXPECT_EQ(r.error().status, mailbox::Status::closed);
          EXPECT_EQ(r.error().value.n, i) << "the refused message comes back";
          refused.fetch_add(1);
          if (i > 0 && refused.load() >= kSinks * kThreads) return;
          continue;
        }
        accepted.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  ASSERT_TRUE(eventually([&] { return started.load() == kThreads && accepted.load() > 1000; }));
  EXPECT_TRUE(system().shutdown(kDeadline));
  threads.clear();
  const auto& letters = system().dead_letters();
  EXPECT_EQ(accepted.load(),
            handled.load() + static_cast<long>(letters.count(DeadLetterReason::stopped)))
      << "accepted = handled + dead letters; handled " << handled.load();
  EXPECT_EQ(letters.count(), letters.count(DeadLetterReason::stopped));
  const auto counted = letters.count();
  sinks.clear();  // frees the mailboxes: a message still in one would become a dead letter now
  EXPECT_EQ(letters.count(), counted) << "messages were left in stopped mailboxes";
}

}  // namespace
}  // namespace courier::test
