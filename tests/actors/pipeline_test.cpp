// pipeline_test.cpp: a pipeline wired with StrongRefs ends by itself: source -> middle -> sink,
// with end_input() on middle and sink; once the source stops, middle and sink handle every
// message and stop (StopReason::inputs_ended), and wait_all_stopped() returns true.
#include <optional>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

struct Totals {
  std::atomic<long> middle{0};
  std::atomic<long> sink_count{0};
  std::atomic<long> sink_sum{0};
  std::atomic<int> inputs_ended{0};  // notices with StopReason::inputs_ended
  std::atomic<int> notices{0};
};

// Source sends 1..count downstream when told, then stops (dropping its StrongRef).
class Source final : public Actor<Ping> {
 public:
  Source(StrongRef<Ping> out, int count) : out_(std::move(out)), count_(count) {}
  void on_message(Ping, Context& ctx) override {
    for (int n = 1; n <= count_; ++n) ASSERT_TRUE(out_.send(Ping{n}));
    ctx.stop();
  }

 private:
  Instance instance_;
  StrongRef<Ping> out_;
  int count_;
};

// Middle doubles and forwards.
class Middle final : public Actor<Ping> {
 public:
  Middle(StrongRef<Ping> out, Totals* totals) : out_(std::move(out)), totals_(totals) {}
  void on_message(Ping p, Context&) override {
    totals_->middle.fetch_add(1);
    ASSERT_TRUE(out_.send(Ping{2 * p.n}));
  }

 private:
  Instance instance_;
  StrongRef<Ping> out_;
  Totals* totals_;
};

class Sink final : public Actor<Ping> {
 public:
  explicit Sink(Totals* totals) : totals_(totals) {}
  void on_message(Ping p, Context&) override {
    totals_->sink_sum.fetch_add(p.n);
    totals_->sink_count.fetch_add(1);
  }

 private:
  Instance instance_;
  Totals* totals_;
};

// Monitor watches the stages and stops itself once it has seen `expected` notices.
class Monitor final : public Actor<Ping> {
 public:
  Monitor(std::vector<ActorRef<Ping>> watched, Totals* totals)
      : watched_(std::move(watched)), totals_(totals) {}
  void on_start(Context& ctx) override {
    for (const auto& w : watched_) ctx.watch(w);
  }
  void on_message(Ping, Context&) override {}
  void on_terminated(const Terminated& notice, Context& ctx) override {
    if (notice.reason == StopReason::inputs_ended) totals_->inputs_ended.fetch_add(1);
    if (totals_->notices.fetch_add(1) + 1 == static_cast<int>(watched_.size())) ctx.stop();
  }

 private:
  Instance instance_;
  std::vector<ActorRef<Ping>> watched_;
  Totals* totals_;
};

using PipelineTest = ActorTest;
COURIER_INSTANTIATE_WORKERS(PipelineTest);

TEST_P(PipelineTest, APipelineEndsByItselfOnceEveryMessageIsHandled) {
  const int count = static_cast<int>(scaled(5000));
  for (const Mailbox& box : {Mailbox::bounded(4), Mailbox::unbounded()}) {
    SCOPED_TRACE(box.kind == Mailbox::Kind::bounded ? "bounded" : "unbounded");
    Totals totals;
    auto sink = system().spawn<Sink>(SpawnOptions{.name = "sink", .mailbox = box}, &totals);
    auto to_sink = StrongRef<Ping>::make(sink);
    ASSERT_TRUE(to_sink);
    auto middle =
        system().spawn<Middle>(SpawnOptions{.name = "middle", .mailbox = box}, *to_sink, &totals);
    auto to_middle = StrongRef<Ping>::make(middle);
    ASSERT_TRUE(to_middle);
    auto source = system().spawn<Source>(SpawnOptions{.name = "source"}, *to_middle, count);
    to_sink.reset();  // the edges now live in the actors alone
    to_middle.reset();
    auto monitor = system().spawn<Monitor>(std::vector{middle, sink}, &totals);
    middle.end_input();
    sink.end_input();
    ASSERT_TRUE(source.send(Ping{}));
    ASSERT_TRUE(system().wait_all_stopped(kDeadline)) << system().live_actors() << " alive";
    EXPECT_EQ(totals.middle.load(), count);
    EXPECT_EQ(totals.sink_count.load(), count);
    EXPECT_EQ(totals.sink_sum.load(), static_cast<long>(count) * (count + 1));
    EXPECT_EQ(totals.inputs_ended.load(), 2);
    EXPECT_EQ(system().dead_letters().count(), 0u);
    EXPECT_FALSE(StrongRef<Ping>::make(sink)) << "an ended input cannot be held again";
  }
}

TEST_P(PipelineTest, AnEndedInputWaitsForItsLastStrongRef) {
  Totals totals;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto sink = system().spawn<Sink>(SpawnOptions{.name = "sink"}, &totals);
  auto strong = StrongRef<Ping>::make(sink);
  ASSERT_TRUE(strong);
  sink.end_input();
  ASSERT_TRUE(strong->send(Ping{1}));
  ASSERT_TRUE(eventually([&] { return totals.sink_count.load() == 1; }, kDeadline));
  sleep_for(10ms);
  EXPECT_TRUE(sink.is_alive()) << "a StrongRef still holds the input";
  ASSERT_TRUE(sink.send(Ping{2})) << "a plain ref sends while the actor lives";
  strong.reset();
  ASSERT_TRUE(system().wait_all_stopped(kDeadline));
  EXPECT_EQ(totals.sink_count.load(), 2);
}

TEST_P(PipelineTest, AStoppedActorLetsGoOfTheStrongRefsItWasMadeWith) {
  Totals totals;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto sink = system().spawn<Sink>(SpawnOptions{.name = "sink"}, &totals);
  auto middle =
      system().spawn<Middle>(SpawnOptions{.name = "middle"}, *StrongRef<Ping>::make(sink), &totals);
  sink.end_input();
  ASSERT_TRUE(middle.send(Ping{1}));
  ASSERT_TRUE(eventually([&] { return totals.sink_count.load() == 1; }, kDeadline));
  middle.stop();
  // `middle` still names the stopped actor: only its instance and saved arguments are gone.
  ASSERT_TRUE(system().wait_all_stopped(kDeadline)) << "the sink's input is still held";
  EXPECT_FALSE(sink.is_alive());
}

}  // namespace
}  // namespace courier::test
