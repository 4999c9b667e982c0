// outlive_system_test.cpp: refs, StrongRefs and ReplyPromises kept after their ActorSystem is
// destroyed answer as for a stopped actor and read none of its memory (run the actors tests under
// AddressSanitizer to see that: an ask used to read the freed system).
#include <optional>
#include <string>
#include <thread>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

// Deferred is where Defers leaves the promise of the ask it takes; `taken` is set once it has.
struct Deferred {
  std::optional<ReplyPromise<int>> promise;
  Event taken;
};

// Defers hands the one ask it is sent to the test, and answers nothing itself.
class Defers final : public Actor<Ping> {
 public:
  explicit Defers(Deferred* out) : out_(out) {}
  void on_message(Ping, Context& ctx) override {
    out_->promise.emplace(ctx.defer_reply<int>());
    out_->taken.set();
  }

 private:
  Deferred* out_;
};

class OutliveTest : public ::testing::TestWithParam<Mailbox> {};
INSTANTIATE_TEST_SUITE_P(Mailboxes, OutliveTest,
                         ::testing::Values(Mailbox::unbounded(), Mailbox::bounded(4),
                                           Mailbox::bounded(4, Overflow::fail),
                                           Mailbox::bounded(4, Overflow::drop_newest)));

TEST_P(OutliveTest, HandlesKeptAfterTheSystemAnswerAsForAStoppedActor) {
  Deferred deferred;  // declared before the system: it outlives it
  auto& promise = deferred.promise;
  std::optional<ActorSystem> system(std::in_place, SystemOptions{.workers = 2});
  const SpawnOptions options{.name = "echo", .mailbox = GetParam()};
  auto ref = system->spawn<Echo>(options);
  auto strong = StrongRef<Ping>::make(ref);
  ASSERT_TRUE(strong);
  auto deferring = system->spawn<Defers>(SpawnOptions{.mailbox = GetParam()}, &deferred);
  ASSERT_TRUE(ref.ask<int>(Ping{1}, kDeadline));
  auto timed_out = deferring.ask<int>(Ping{2}, 10ms);
  ASSERT_FALSE(timed_out);
  deferred.taken.wait();
  ASSERT_TRUE(promise && promise->valid());
  const ActorId id = ref.id();
  system.reset();

  auto asked = ref.ask<int>(Ping{3}, kDeadline);
  ASSERT_FALSE(asked);
  EXPECT_EQ(asked.error().kind, AskError::Kind::dead_target);
  EXPECT_TRUE(contains(asked.error().message, "has stopped")) << asked.error().message;
  auto forever_asked = ref.ask<int>(Ping{3}, forever);
  ASSERT_FALSE(forever_asked);
  EXPECT_EQ(forever_asked.error().kind, AskError::Kind::dead_target);
  expect_closed(ref.send(Ping{4}), 4);
  expect_closed(ref.try_send(Ping{5}), 5);
  expect_closed(ref.send_timeout(Ping{6}, 1s), 6);
  expect_closed(strong->send(Ping{7}), 7);
  expect_closed(strong->try_send(Ping{8}), 8);
  ref.stop();
  ref.end_input();
  EXPECT_FALSE(ref.is_alive());
  EXPECT_EQ(ref.id(), id);
  EXPECT_EQ(ref.name(), "echo");
  auto again = StrongRef<Ping>::make(ref);
  ASSERT_TRUE(again) << "the StrongRef kept still holds the input open";
  expect_closed(again->send(Ping{9}), 9);
  strong.reset();
  again.reset();
  EXPECT_FALSE(StrongRef<Ping>::make(ref)) << "no StrongRef left";
  EXPECT_FALSE(promise->fulfill(10)) << "the asker gave up long ago";
  EXPECT_FALSE(promise->fail("late"));
}

TEST(OutliveSystem, APromiseDroppedAfterTheSystemEndsItsAsk) {
  Deferred deferred;
  std::optional<ActorSystem> system(std::in_place, SystemOptions{.workers = 2});
  auto deferring = system->spawn<Defers>(&deferred);
  std::optional<courier::Expected<int, AskError>> answer;
  std::jthread asker([&] { answer = deferring.ask<int>(Ping{}, kDeadline); });
  deferred.taken.wait();
  system.reset();
  deferred.promise.reset();  // answers the asker, still waiting, with no_reply
  asker.join();
  ASSERT_TRUE(answer && !*answer);
  EXPECT_EQ(answer->error().kind, AskError::Kind::no_reply);
}

}  // namespace
}  // namespace courier::test
