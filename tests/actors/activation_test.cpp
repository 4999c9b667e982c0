// activation_test.cpp: how much an activation takes, and when a busy actor gets its turn. A batch
// takes its budget, or the whole backlog it found when that is deeper; an actor woken by senders
// that keep yielding runs while they still send.
#include <atomic>
#include <cstdint>
#include <vector>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

using ActivationTest = ActorTest;
COURIER_INSTANTIATE_WORKERS(ActivationTest);

// Gated handles message 0 by waiting on a gate; for every other message n it records in seen[n]
// how many messages its cell had counted when the current batch began (handled() is updated at
// the end of each batch), so messages with the same record were handled in one batch.
class Gated final : public Actor<int> {
 public:
  struct Shared {
    Event entered;
    Event release;
    std::vector<std::uint64_t> seen;
    std::atomic<int> handled{0};
  };
  explicit Gated(Shared* shared) : shared_(shared) {}
  void on_message(int n, Context& ctx) override {
    if (n == 0) {
      shared_->entered.set();
      shared_->release.wait();
      return;
    }
    shared_->seen[n] = ctx.self<int>().cell()->handled();
    shared_->handled.fetch_add(1, std::memory_order_release);
  }

 private:
  Shared* shared_;
};

// With a budget of 4, the batch that began with only the gate queued takes the gate and three
// more; the 97 messages queued behind them while the gate held are then taken in one batch, not
// in 25 batches of 4.
TEST_P(ActivationTest, ABacklogDeeperThanTheBudgetIsTakenInOneBatch) {
  constexpr int kMessages = 100;
  constexpr std::uint32_t kBudget = 4;
  Gated::Shared shared;
  shared.seen.resize(kMessages + 1);
  const auto stop_first = shutdown_at_exit();
  auto gated = system().spawn<Gated>(SpawnOptions{.budget = kBudget}, &shared);
  ASSERT_TRUE(gated.send(0));
  shared.entered.wait();
  for (int n = 1; n <= kMessages; ++n) ASSERT_TRUE(gated.send(n));
  shared.release.set();
  ASSERT_TRUE(eventually([&] { return shared.handled.load() == kMessages; }, kDeadline));
  for (int n = 1; n < static_cast<int>(kBudget); ++n) {
    EXPECT_EQ(shared.seen[n], 0u) << "message " << n << " was not in the gate's batch";
  }
  for (int n = kBudget; n <= kMessages; ++n) {
    EXPECT_EQ(shared.seen[n], kBudget) << "message " << n << " was not in the backlog's batch";
  }
}

// FirstSeen records, at its first message, how many messages its senders had sent by then.
class FirstSeen final : public Actor<int> {
 public:
  FirstSeen(const std::atomic<int>* sent, std::atomic<int>* first_seen)
      : sent_(sent), first_seen_(first_seen) {}
  void on_message(int, Context&) override {
    if (first_seen_->load() < 0) first_seen_->store(sent_->load());
  }

 private:
  const std::atomic<int>* sent_;
  std::atomic<int>* first_seen_;
};

struct Go {};

// Sender sends its share to the sink in one handler, counting each send before it makes it; its
// sends spend the coop budget, so it yields every slice.
class Sender final : public Actor<Go> {
 public:
  Sender(ActorRef<int> sink, int count, std::atomic<int>* sent)
      : sink_(std::move(sink)), count_(count), sent_(sent) {}
  void on_message(Go, Context&) override {
    for (int i = 0; i < count_; ++i) {
      sent_->fetch_add(1, std::memory_order_relaxed);
      if (!sink_.send(i)) return;
    }
  }

 private:
  ActorRef<int> sink_;
  int count_;
  std::atomic<int>* sent_;
};

// A thousand senders, started from this thread, each send their share in one handler, yielding
// every slice; they are more than a worker's local queue holds, so the overflow keeps the
// injector full. The sink, woken into a worker's LIFO slot by the first send, must run while they
// still send, not once they have all finished (which is what A5 did: it queued all 10 M messages
// before its sink took one).
TEST_P(ActivationTest, ASinkFedByManyYieldingSendersRunsWhileTheyStillSend) {
  constexpr int kSenders = 1000;
  const int each = static_cast<int>(scaled(300, 10));  // TSan: 50x slower here (1,000 fibers)
  std::atomic<int> sent{0};
  std::atomic<int> first_seen{-1};
  const auto stop_first = shutdown_at_exit();
  auto sink = system().spawn<FirstSeen>(&sent, &first_seen);
  std::vector<ActorRef<Go>> senders;
  for (int s = 0; s < kSenders; ++s) senders.push_back(system().spawn<Sender>(sink, each, &sent));
  for (auto& s : senders) ASSERT_TRUE(s.send(Go{}));
  ASSERT_TRUE(eventually([&] { return sent.load() == kSenders * each; }, kDeadline));
  ASSERT_TRUE(eventually([&] { return first_seen.load() >= 0; }, kDeadline));
  EXPECT_LT(first_seen.load(), kSenders * each / 2)
      << "the sink took its first message only after " << first_seen.load() << " of "
      << kSenders * each << " had been sent";
}

}  // namespace
}  // namespace courier::test
