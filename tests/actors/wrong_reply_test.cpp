// wrong_reply_test.cpp: a reply of another type than the ask expects fails the ask with
// wrong_reply_type, naming both types, and never the actor asked: it keeps its state.
#include <string>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

// Counter counts the messages it handled and replies with the count, as a std::size_t; for
// Ping{1} it defers the reply as a std::size_t instead and reports whether the promise is valid.
class Counter final : public Actor<Ping> {
 public:
  explicit Counter(std::atomic<int>* reply_result) : reply_result_(reply_result) {}
  void on_message(Ping p, Context& ctx) override {
    ++count_;
    if (p.n == 1) {
      reply_result_->store(ctx.defer_reply<std::size_t>().valid() ? 1 : 0);
      return;
    }
    reply_result_->store(ctx.reply(count_) ? 1 : 0);
  }

 private:
  Instance instance_;
  std::atomic<int>* reply_result_;
  std::size_t count_ = 0;
};

using WrongReplyTest = ActorTest;
COURIER_INSTANTIATE_WORKERS(WrongReplyTest);

TEST_P(WrongReplyTest, FailsTheAskNotTheActorAsked) {
  std::atomic<int> reply_result{-1};
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto ref = system().spawn<Counter>(SpawnOptions{.name = "counter"}, &reply_result);
  for (int n : {0, 1}) {  // reply(), then defer_reply()
    auto wrong = ref.ask<int>(Ping{n}, kDeadline);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().kind, AskError::Kind::wrong_reply_type);
    const std::string& m = wrong.error().message;
    EXPECT_TRUE(contains(m, "'counter'")) << m;
    EXPECT_TRUE(contains(m, "replied with unsigned long")) << m;
    EXPECT_TRUE(contains(m, "expects int")) << m;
    EXPECT_EQ(reply_result.load(), 0) << "reply() returns false, defer_reply() is empty";
  }
  auto right = ref.ask<std::size_t>(Ping{0}, kDeadline);
  ASSERT_TRUE(right) << right.error().message;
  EXPECT_EQ(*right, 3u) << "the actor kept its state";
  EXPECT_EQ(reply_result.load(), 1);
  EXPECT_EQ(system().restarts(), 0u);
  EXPECT_EQ(system().dead_letters().count(DeadLetterReason::handler_failed), 0u);
}

}  // namespace
}  // namespace courier::test
