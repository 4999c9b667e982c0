// basics_test.cpp: spawning, sending in order, ask, stop.
#include <gtest/gtest.h>

#include "courier/actors.hpp"

namespace courier::test {
namespace {

using namespace std::chrono_literals;

struct Add {
  int n;
};

class Summer final : public Actor<Add> {
 public:
  explicit Summer(std::atomic<long>& sum) : sum_(sum) {}
  void on_message(Add m, Context& ctx) override {
    sum_ += m.n;
    ctx.reply(sum_.load());
  }

 private:
  std::atomic<long>& sum_;
};

TEST(Basics, SendAndAsk) {
  ActorSystem system({.workers = 2});
  std::atomic<long> sum{0};
  auto ref = system.spawn<Summer>(SpawnOptions{.name = "summer"}, std::ref(sum));
  for (int i = 1; i <= 100; ++i) ASSERT_TRUE(ref.send(Add{i}));
  auto r = ref.ask<long>(Add{0}, 5s);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, 5050);
  ref.stop();
  EXPECT_TRUE(system.wait_all_stopped(5s));
  auto after = ref.send(Add{1});
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().status, mailbox::Status::closed);
  EXPECT_EQ(after.error().value.n, 1);
}

}  // namespace
}  // namespace courier::test
