// ordering_test.cpp: messages to one actor are handled one at a time, in the order each sender
// sent them, whether the senders are plain threads or other actors, into bounded and unbounded
// mailboxes.
#include <thread>
#include <vector>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

struct Seq {
  int sender;
  int n;
};

struct Observed {
  Exclusive exclusive;
  std::atomic<int> out_of_order{0};
  std::atomic<int> handled{0};
};

// Checker checks that each sender's numbers arrive as 1, 2, 3, ... and that no two of its
// handlers overlap; now and then it yields inside the handler to give an overlap its chance.
class Checker final : public Actor<Seq> {
 public:
  Checker(Observed* observed, int senders) : observed_(observed), last_(senders, 0) {}
  void on_message(Seq m, Context&) override {
    Exclusive::Scope scope(observed_->exclusive);
    int& last = last_[m.sender];
    if (m.n != last + 1) observed_->out_of_order.fetch_add(1);
    last = m.n;
    if (m.n % 64 == 0) yield_now();
    observed_->handled.fetch_add(1, std::memory_order_release);
  }

 private:
  Instance instance_;
  Observed* observed_;
  std::vector<int> last_;
};

// Sender sends 1..count as sender `id` when it is told its id.
class Sender final : public Actor<int> {
 public:
  Sender(ActorRef<Seq> to, int count) : to_(std::move(to)), count_(count) {}
  void on_message(int id, Context&) override {
    for (int n = 1; n <= count_; ++n) ASSERT_TRUE(to_.send(Seq{id, n}));
  }

 private:
  Instance instance_;
  ActorRef<Seq> to_;
  int count_;
};

using OrderingTest = ActorTest;
COURIER_INSTANTIATE_WORKERS(OrderingTest);

TEST_P(OrderingTest, EachSendersOrderIsKeptAndHandlersNeverOverlap) {
  constexpr int kThreads = 3;
  constexpr int kActors = 5;
  constexpr int kSenders = kThreads + kActors;
  const int per_sender = static_cast<int>(scaled(4000));
  for (const Mailbox& box : {Mailbox::bounded(16), Mailbox::unbounded()}) {
    SCOPED_TRACE(box.kind == Mailbox::Kind::bounded ? "bounded" : "unbounded");
    Observed observed;
    auto checker = system().spawn<Checker>(SpawnOptions{.name = "checker", .mailbox = box},
                                           &observed, kSenders);
    std::vector<ActorRef<int>> actors;
    for (int a = 0; a < kActors; ++a) {
      actors.push_back(system().spawn<Sender>(checker, per_sender));
      ASSERT_TRUE(actors.back().send(kThreads + a));
    }
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int n = 1; n <= per_sender; ++n) ASSERT_TRUE(checker.send(Seq{t, n}));
      });
    }
    threads.clear();
    ASSERT_TRUE(
        eventually([&] { return observed.handled.load() == kSenders * per_sender; }, kDeadline))
        << observed.handled.load() << " of " << kSenders * per_sender << " handled";
    EXPECT_EQ(observed.out_of_order.load(), 0);
    EXPECT_EQ(observed.exclusive.overlaps.load(), 0);
    checker.stop();
    for (auto& a : actors) a.stop();
    ASSERT_TRUE(system().wait_all_stopped(kDeadline));
  }
}

// With a budget of one message per activation the actor yields after every message, so order
// and exclusion hold across many activations on whatever worker takes each.
TEST_P(OrderingTest, ABudgetOfOneKeepsOrderAcrossActivations) {
  constexpr int kThreads = 4;
  const int per_sender = static_cast<int>(scaled(2000));
  Observed observed;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto checker =
      system().spawn<Checker>(SpawnOptions{.name = "checker", .budget = 1}, &observed, kThreads);
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 1; n <= per_sender; ++n) ASSERT_TRUE(checker.send(Seq{t, n}));
    });
  }
  threads.clear();
  ASSERT_TRUE(
      eventually([&] { return observed.handled.load() == kThreads * per_sender; }, kDeadline));
  EXPECT_EQ(observed.out_of_order.load(), 0);
  EXPECT_EQ(observed.exclusive.overlaps.load(), 0);
}

}  // namespace
}  // namespace courier::test
