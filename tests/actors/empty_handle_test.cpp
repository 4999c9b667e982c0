// empty_handle_test.cpp: every operation of an empty handle (a default ActorRef, a moved-from
// StrongRef, an empty ReplyPromise) answers as for a stopped actor, or throws std::logic_error
// where it has no way to fail; none crashes.

#include <functional>
#include <stdexcept>
#include <string>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

// WatchesWhatItIsTold watches the ref it is given and reports what the watch threw.
class WatchesWhatItIsTold final : public Actor<ActorRef<Ping>> {
 public:
  void on_message(ActorRef<Ping> target, Context& ctx) override {
    try {
      ctx.watch(target);
      ctx.reply(std::string("no error"));
    } catch (const std::logic_error& e) {
      ctx.unwatch(target);  // does nothing on an empty ref either
      ctx.reply(std::string(e.what()));
    }
  }
};

// EmptyHandleCase is one operation on an empty handle, with the checks of what it must answer.
struct EmptyHandleCase {
  const char* name;
  std::function<void(ActorSystem&)> check;
};

const ActorRef<Ping> kEmpty;

// moved_from() is a StrongRef that has been moved from.
StrongRef<Ping> moved_from(ActorSystem& system) {
  auto strong = StrongRef<Ping>::make(system.spawn<Echo>());
  if (!strong) throw std::runtime_error("no StrongRef to a live actor");
  StrongRef<Ping> taker = std::move(strong.value());
  (void)taker;
  return std::move(strong.value());  // moves the moved-from state on
}

const EmptyHandleCase kEmptyCases[] = {
    {"RefSend", [](ActorSystem&) { expect_closed(kEmpty.send(Ping{1}), 1); }},
    {"RefTrySend", [](ActorSystem&) { expect_closed(kEmpty.try_send(Ping{2}), 2); }},
    {"RefSendTimeout", [](ActorSystem&) { expect_closed(kEmpty.send_timeout(Ping{3}, 1s), 3); }},
    {"RefAsk",
     [](ActorSystem&) {
       auto r = kEmpty.ask<int>(Ping{4}, kDeadline);
       ASSERT_FALSE(r);
       EXPECT_EQ(r.error().kind, AskError::Kind::dead_target);
       EXPECT_TRUE(contains(r.error().message, "empty ActorRef")) << r.error().message;
       EXPECT_TRUE(contains(r.error().message, "Ping")) << r.error().message;
     }},
    {"RefStopAndEndInput",
     [](ActorSystem&) {
       kEmpty.stop();
       kEmpty.end_input();
     }},
    {"RefQueries",
     [](ActorSystem&) {
       EXPECT_FALSE(kEmpty.is_alive());
       EXPECT_EQ(kEmpty.id(), 0u);
       EXPECT_THROW((void)kEmpty.name(), std::logic_error);
       EXPECT_FALSE(kEmpty);
       EXPECT_EQ(kEmpty, ActorRef<Ping>());
       EXPECT_EQ(std::hash<ActorRef<Ping>>()(kEmpty),
                 std::hash<ActorRef<Ping>>()(ActorRef<Ping>()));
       ActorRef<Ping> copy = kEmpty;
       copy = ActorRef<Ping>();
       EXPECT_FALSE(copy);
     }},
    {"StrongRefOfAnEmptyRef", [](ActorSystem&) { EXPECT_FALSE(StrongRef<Ping>::make(kEmpty)); }},
    {"MovedFromStrongRef",
     [](ActorSystem& system) {
       StrongRef<Ping> strong = moved_from(system);
       EXPECT_FALSE(strong.ref());
       expect_closed(strong.send(Ping{5}), 5);
       expect_closed(strong.try_send(Ping{6}), 6);
       StrongRef<Ping> copy = strong;  // copies nothing to hold
       copy = strong;
       expect_closed(copy.send(Ping{7}), 7);
     }},
    {"WatchAnEmptyRef",
     [](ActorSystem& system) {
       auto watcher = system.spawn<WatchesWhatItIsTold>();
       auto r = watcher.ask<std::string>(kEmpty, kDeadline);
       ASSERT_TRUE(r) << r.error().message;
       EXPECT_TRUE(contains(*r, "empty ActorRef")) << *r;
       EXPECT_EQ(system.restarts(), 0u);
     }},
    {"SpawnUnderAnEmptyRef",
     [](ActorSystem& system) {
       EXPECT_THROW(system.spawn_under<Echo>(kEmpty, {}), std::runtime_error);
     }},
    {"EmptyReplyPromise",
     [](ActorSystem&) {
       ReplyPromise<int> promise;
       EXPECT_FALSE(promise.valid());
       EXPECT_FALSE(promise.fulfill(1));
       EXPECT_FALSE(promise.fail("why"));
       ReplyPromise<int> other = std::move(promise);
       promise = std::move(other);
       EXPECT_FALSE(promise.valid());
     }},
};

class EmptyHandleTest : public ::testing::TestWithParam<EmptyHandleCase> {};
INSTANTIATE_TEST_SUITE_P(Operations, EmptyHandleTest, ::testing::ValuesIn(kEmptyCases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST_P(EmptyHandleTest, AnswersAsForAStoppedActor) {
  ActorSystem system({.workers = 2});
  GetParam().check(system);
}

}  // namespace
}  // namespace courier::test
