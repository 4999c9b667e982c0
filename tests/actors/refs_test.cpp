// refs_test.cpp: refs never keep an actor alive (stopped while refs exist, its instance is
// destroyed and sends hand the message back), and refs compare equal and hash by identity.
#include <unordered_set>
#include <vector>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

// Holder's instance is counted in `live`; it answers with a ref to itself.
class Holder final : public Actor<Ping> {
 public:
  explicit Holder(std::atomic<int>* live) : tracked_(*live) {}
  void on_message(Ping, Context& ctx) override { ctx.reply(ctx.self<Ping>()); }

 private:
  Instance instance_;
  Tracked tracked_;
};

using RefsTest = ActorTest;
COURIER_INSTANTIATE_WORKERS(RefsTest);

TEST_P(RefsTest, AStoppedActorIsDestroyedWhileRefsToItRemain) {
  std::atomic<int> live{0};
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto ref = system().spawn<Holder>(SpawnOptions{.name = "holder"}, &live);
  std::vector<ActorRef<Ping>> copies(100, ref);
  ASSERT_TRUE(ref.ask<ActorRef<Ping>>(Ping{1}, kDeadline));
  EXPECT_EQ(live.load(), 1);
  ref.stop();
  ASSERT_TRUE(system().wait_all_stopped(kDeadline));
  EXPECT_EQ(live.load(), 0) << "the refs kept the instance alive";
  for (const auto& copy : copies) {
    EXPECT_FALSE(copy.is_alive());
    auto sent = copy.send(Ping{42});
    ASSERT_FALSE(sent);
    EXPECT_EQ(sent.error().status, mailbox::Status::closed);
    EXPECT_EQ(sent.error().value.n, 42) << "the message comes back";
  }
  auto tried = ref.try_send(Ping{7});
  ASSERT_FALSE(tried);
  EXPECT_EQ(tried.error().status, mailbox::Status::closed);
  EXPECT_EQ(tried.error().value.n, 7);
  auto timed = ref.send_timeout(Ping{8}, 1s);
  ASSERT_FALSE(timed);
  EXPECT_EQ(timed.error().status, mailbox::Status::closed);
  EXPECT_EQ(system().dead_letters().count(), 0u) << "a refused send is handed back, not dead";
}

TEST_P(RefsTest, RefsCompareAndHashByIdentity) {
  std::atomic<int> live{0};
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto a = system().spawn<Holder>(&live);
  auto b = system().spawn<Holder>(&live);
  const ActorRef<Ping> a2 = a;
  EXPECT_EQ(a, a2);
  EXPECT_NE(a, b);
  EXPECT_NE(a.id(), b.id());
  EXPECT_EQ(std::hash<ActorRef<Ping>>()(a), std::hash<ActorRef<Ping>>()(a2));
  std::unordered_set<ActorRef<Ping>> set{a, b, a2, b, a};
  EXPECT_EQ(set.size(), 2u);
  auto self = a.ask<ActorRef<Ping>>(Ping{}, kDeadline);
  ASSERT_TRUE(self) << self.error().message;
  EXPECT_EQ(*self, a) << "self() names the same actor as the spawn's ref";
  EXPECT_TRUE(set.contains(*self));
  const ActorRef<Ping> empty;
  EXPECT_FALSE(empty);
  EXPECT_TRUE(a);
  EXPECT_EQ(empty, ActorRef<Ping>());
  EXPECT_NE(empty, a);
  a.stop();
  ASSERT_TRUE(eventually([&] { return !a.is_alive(); }));
  EXPECT_EQ(a, a2) << "identity survives the actor";
  EXPECT_TRUE(set.contains(a2));
  b.stop();  // its instance counts itself in `live`, which dies with this scope
  ASSERT_TRUE(system().wait_all_stopped(kDeadline));
}

// WrongSelf asks for a ref of the wrong message type.
class WrongSelf final : public Actor<Ping> {
 public:
  void on_message(Ping, Context& ctx) override {
    try {
      (void)ctx.self<int>();
      ctx.reply(std::string("no error"));
    } catch (const std::logic_error& e) {
      ctx.reply(std::string(e.what()));
    }
  }

 private:
  Instance instance_;
};

TEST_P(RefsTest, SelfOfTheWrongTypeIsALogicError) {
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto ref = system().spawn<WrongSelf>(SpawnOptions{.name = "wrong"});
  auto r = ref.ask<std::string>(Ping{}, kDeadline);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_NE(r->find("self<int>() on actor 'wrong'"), std::string::npos) << *r;
}

}  // namespace
}  // namespace courier::test
