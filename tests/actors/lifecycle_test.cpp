// lifecycle_test.cpp: hooks run in order (on_start, messages, on_stop, destruction); children
// spawned with ctx.spawn stop first (a parent's on_stop sees them all stopped); shutdown stops
// everything and returns true, or returns false, cleanly, when an on_stop outlives its timeout;
// a parent busy in one handler does not pile up what its ended children leave behind.
#include <algorithm>
#include <mutex>
#include <vector>

#include "actor_fixture.hpp"

namespace courier::test {
namespace {

struct Log {
  std::mutex mutex;
  std::vector<std::string> lines;
  void add(std::string line) {
    std::lock_guard lock(mutex);
    lines.push_back(std::move(line));
  }
  // started() counts the on_start calls so far.
  int started() {
    std::lock_guard lock(mutex);
    return static_cast<int>(std::count_if(lines.begin(), lines.end(), [](const std::string& l) {
      return l.rfind("start ", 0) == 0;
    }));
  }
  std::vector<std::string> take() {
    std::lock_guard lock(mutex);
    return std::exchange(lines, {});
  }
};

// Node spawns `depth` levels of `fan_out` children under it, and logs its hooks by name. Its
// on_stop checks that all its children have stopped already.
class Node final : public Actor<Ping> {
 public:
  Node(std::string name, int depth, int fan_out, Log* log)
      : name_(std::move(name)), depth_(depth), fan_out_(fan_out), log_(log) {}
  ~Node() override { log_->add("~" + name_); }
  void on_start(Context& ctx) override {
    log_->add("start " + name_);
    for (int i = 0; depth_ > 0 && i < fan_out_; ++i) {
      const std::string child = name_ + "." + std::to_string(i);
      children_.push_back(
          ctx.spawn<Node>(SpawnOptions{.name = child}, child, depth_ - 1, fan_out_, log_));
    }
  }
  void on_message(Ping p, Context& ctx) override {
    log_->add("message " + name_ + " " + std::to_string(p.n));
    ctx.reply(static_cast<int>(children_.size()));
  }
  void on_stop(Context&) override {
    for (const auto& c : children_) {
      if (c.is_alive()) log_->add("ALIVE " + c.name() + " at on_stop of " + name_);
    }
    log_->add("stop " + name_);
  }

 private:
  Instance instance_;
  std::string name_;
  int depth_;
  int fan_out_;
  Log* log_;
  std::vector<ActorRef<Ping>> children_;
};

// OneShot stops itself on its first message.
class OneShot final : public Actor<Ping> {
 public:
  void on_message(Ping, Context& ctx) override { ctx.stop(); }

 private:
  Instance instance_;
};

// Churner, on Ping{n}, spawns n one-shot children one after the other within the one handler,
// waiting each out (its control lane is not read meanwhile), and replies by how many the
// allocations outstanding grew meanwhile.
class Churner final : public Actor<Ping> {
 public:
  void on_message(Ping p, Context& ctx) override {
    const std::int64_t before = live_allocations();
    for (int i = 0; i < p.n; ++i) {
      auto child = ctx.spawn<OneShot>();
      ASSERT_TRUE(child.send(Ping{}));
      while (child.is_alive()) sleep_for(50us);
    }
    ctx.reply(live_allocations() - before);
  }

 private:
  Instance instance_;
};

using LifecycleTest = ActorTest;
COURIER_INSTANTIATE_WORKERS(LifecycleTest);

TEST_P(LifecycleTest, HooksRunInOrder) {
  Log log;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto ref = system().spawn<Node>(SpawnOptions{.name = "n"}, "n", 0, 0, &log);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(ref.send(Ping{i}));
  ASSERT_TRUE(ref.ask<int>(Ping{3}, kDeadline));
  ref.stop();
  ASSERT_TRUE(system().wait_all_stopped(kDeadline));
  EXPECT_EQ(log.take(), (std::vector<std::string>{"start n", "message n 0", "message n 1",
                                                  "message n 2", "message n 3", "stop n", "~n"}));
}

// index_of() is where `line` is in `lines` (or lines.size()).
std::size_t index_of(const std::vector<std::string>& lines, const std::string& line) {
  return static_cast<std::size_t>(std::find(lines.begin(), lines.end(), line) - lines.begin());
}

// expect_children_first() checks that every node of the tree stopped, after its descendants.
void expect_children_first(const std::vector<std::string>& lines, int nodes) {
  int stops = 0;
  for (const auto& line : lines) {
    EXPECT_NE(line.rfind("ALIVE", 0), 0u) << line;
    if (line.rfind("stop ", 0) != 0) continue;
    ++stops;
    const std::string name = line.substr(5);
    for (int i = 0; i < 3; ++i) {
      const std::string child = "stop " + name + "." + std::to_string(i);
      if (index_of(lines, child) < lines.size()) {
        EXPECT_LT(index_of(lines, child), index_of(lines, line)) << child << " before " << line;
      }
    }
  }
  EXPECT_EQ(stops, nodes);
}

TEST_P(LifecycleTest, ABusyParentReclaimsTheSlotsOfEndedChildren) {
  if (!allocation_counting()) GTEST_SKIP() << "needs the allocation counter";
  constexpr int kChildren = 400;
  const auto stop_first = shutdown_at_exit();
  auto parent = system().spawn<Churner>();
  ASSERT_TRUE(parent.ask<std::int64_t>(Ping{kChildren}, kDeadline));  // the slot list's growth
  const auto grown = parent.ask<std::int64_t>(Ping{kChildren}, kDeadline);
  ASSERT_TRUE(grown);
  // Each ended child held at least an allocation until its parent read a notice of its end:
  // hundreds, had the busy parent to read its lane to free them.
  EXPECT_LT(*grown, kChildren / 4);
}

// Idle counts its starts and does nothing else.
class Idle final : public Actor<Ping> {
 public:
  explicit Idle(std::atomic<int>* started) : started_(started) {}
  void on_start(Context&) override { started_->fetch_add(1); }
  void on_message(Ping, Context&) override {}

 private:
  std::atomic<int>* started_;
};

// IdleWithRef is Idle given a ref as well, as most actors are: its saved constructor arguments
// are not trivially copyable.
class IdleWithRef final : public Actor<Ping> {
 public:
  IdleWithRef(std::atomic<int>* started, ActorRef<Ping> peer)
      : started_(started), peer_(std::move(peer)) {}
  void on_start(Context&) override { started_->fetch_add(1); }
  void on_message(Ping, Context&) override {}

 private:
  std::atomic<int>* started_;
  ActorRef<Ping> peer_;
};

// A system holds hundreds of thousands of idle actors, so what one costs is a contract: its cell
// (with the shared count and the saved constructor arguments in the same allocation), its
// instance and its mailbox, and no more. A separate count block, a std::function for the saved
// arguments or for the mailbox's dead-letter sink would each add an allocation and tens of bytes
// to every idle actor (A4m in docs/BENCHMARKS.md). The cell fits a 320-byte size class of the
// allocators with its 16-byte count.
template <class A, class... Args>
void expect_three_allocations_per_idle_actor(ActorSystem& system, Args... args) {
  static_assert(sizeof(detail::SpawnedCell<A, std::atomic<int>*, Args...>) <= 304,
                "an idle actor's cell grew");
  constexpr int kActors = 2000;
  std::atomic<int> started{0};
  std::vector<ActorRef<Ping>> refs;
  refs.reserve(kActors);
  // The first top-level actor makes what stays for good (the root's list of children).
  refs.push_back(system.spawn<A>(&started, args...));
  ASSERT_TRUE(eventually([&] { return started.load() == 1; }, kDeadline));
  const std::int64_t before = live_allocations();
  for (int i = 1; i < kActors; ++i) refs.push_back(system.spawn<A>(&started, args...));
  ASSERT_TRUE(eventually([&] { return started.load() == kActors; }, kDeadline));
  const double per_actor = static_cast<double>(live_allocations() - before) / (kActors - 1);
  // The root's list grows by a chunk per few dozen children: a tenth of an allocation at most.
  EXPECT_LE(per_actor, 3.1);
}

TEST_P(LifecycleTest, AnIdleActorCostsThreeAllocations) {
  if (!allocation_counting()) GTEST_SKIP() << "needs the allocation counter";
  const auto stop_first = shutdown_at_exit();
  expect_three_allocations_per_idle_actor<Idle>(system());
}

TEST_P(LifecycleTest, AnIdleActorGivenARefCostsThreeAllocations) {
  if (!allocation_counting()) GTEST_SKIP() << "needs the allocation counter";
  const auto stop_first = shutdown_at_exit();
  std::atomic<int> peer_started{0};
  const auto peer = system().spawn<Idle>(&peer_started);
  expect_three_allocations_per_idle_actor<IdleWithRef>(system(), peer);
}

TEST_P(LifecycleTest, AReservedMailboxMakesItsRoomAtSpawn) {
  if (!allocation_counting()) GTEST_SKIP() << "needs the allocation counter";
  constexpr std::size_t kBlocks = 100;  // of 32 messages each
  const auto stop_first = shutdown_at_exit();
  std::atomic<int> started{0};
  const auto first = system().spawn<Idle>(&started);  // makes what stays (the root's child list)
  ASSERT_TRUE(eventually([&] { return started.load() == 1; }, kDeadline));
  int spawned = 1;
  for (const Mailbox kind : {Mailbox::unbounded(), Mailbox::bounded(kBlocks * 32)}) {
    const std::int64_t before = live_allocations();
    const auto reserved =
        system().spawn<Idle>(SpawnOptions{.mailbox = kind.reserve(kBlocks * 32)}, &started);
    EXPECT_GE(live_allocations() - before, static_cast<std::int64_t>(kBlocks))
        << (kind.kind == Mailbox::Kind::bounded ? "bounded" : "unbounded");
    ++spawned;
    ASSERT_TRUE(eventually([&] { return started.load() == spawned; }, kDeadline));
  }
}

TEST_P(LifecycleTest, AStoppedParentStopsItsChildrenFirst) {
  Log log;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto root = system().spawn<Node>(SpawnOptions{.name = "r"}, "r", 2, 3, &log);
  auto children = root.ask<int>(Ping{0}, kDeadline);
  ASSERT_TRUE(children);
  EXPECT_EQ(*children, 3);
  // The grandchildren are spawned by the children's on_start, which runs on its own time; an
  // actor stopped before its on_start runs no on_stop either.
  ASSERT_TRUE(eventually([&] { return log.started() == 13; }, kDeadline));
  EXPECT_EQ(system().live_actors(), 13u);
  root.stop();
  ASSERT_TRUE(system().wait_all_stopped(kDeadline));
  expect_children_first(log.take(), 13);
}

TEST_P(LifecycleTest, ShutdownStopsEverythingChildrenFirst) {
  Log log;
  for (int t = 0; t < 3; ++t) {
    const std::string name = "t" + std::to_string(t);
    auto top = system().spawn<Node>(SpawnOptions{.name = name}, name, 2, 3, &log);
    ASSERT_TRUE(top.ask<int>(Ping{0}, kDeadline));
  }
  ASSERT_TRUE(eventually([&] { return log.started() == 39; }, kDeadline));
  EXPECT_EQ(system().live_actors(), 39u);
  EXPECT_TRUE(system().shutdown(kDeadline));
  EXPECT_EQ(system().live_actors(), 0u);
  expect_children_first(log.take(), 39);
  EXPECT_THROW(system().spawn<Node>("late", 0, 0, &log), std::runtime_error);
}

// Holder's handler waits on a gate: while it does, its control lane is not handled, so the
// children given to it with spawn_under wait, unadopted.
class Holder final : public Actor<Ping> {
 public:
  explicit Holder(Gate* gate) : gate_(gate) {}
  void on_message(Ping, Context&) override { gate_->wait(); }

 private:
  Instance instance_;
  Gate* gate_;
};

// Starter logs its on_start once `gate` (if any) opens, and its on_stop.
class Starter final : public Actor<Ping> {
 public:
  Starter(std::string name, Gate* gate, Log* log)
      : name_(std::move(name)), gate_(gate), log_(log) {}
  void on_start(Context&) override {
    if (gate_ != nullptr) gate_->wait();
    log_->add("start " + name_);
  }
  void on_message(Ping, Context&) override {}
  void on_stop(Context&) override { log_->add("stop " + name_); }

 private:
  Instance instance_;
  std::string name_;
  Gate* gate_;
  Log* log_;
};

TEST_P(LifecycleTest, SpawnUnderStartsAChildOnlyAfterItsParentsOnStart) {
  Log log;
  Gate holding;
  Gate starting;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto holder = system().spawn<Holder>(SpawnOptions{.name = "h"}, &holding);
  ASSERT_TRUE(holder.send(Ping{}));
  ASSERT_TRUE(holding.entered.wait_until(Clock::now() + kDeadline));
  // `parent` is not adopted yet, so the AdoptChild of `child` is in its lane before its first
  // run: the one order in which a child could overtake its parent's on_start.
  auto parent =
      system().spawn_under<Starter>(holder, SpawnOptions{.name = "p"}, "p", &starting, &log);
  system().spawn_under<Starter>(parent, SpawnOptions{.name = "c"}, "c", nullptr, &log);
  holding.opened.set();
  ASSERT_TRUE(starting.entered.wait_until(Clock::now() + kDeadline));
  // The parent's on_start waits: its child must not start meanwhile (a bounded look, since the
  // claim is that something does not happen).
  EXPECT_FALSE(eventually([&] { return log.started() > 0; }, 100ms)) << "the child started first";
  starting.opened.set();
  ASSERT_TRUE(eventually([&] { return log.started() == 2; }, kDeadline));
  holder.stop();
  ASSERT_TRUE(system().wait_all_stopped(kDeadline));
  EXPECT_EQ(log.take(), (std::vector<std::string>{"start p", "start c", "stop c", "stop p"}));
}

// Stubborn's on_stop waits far longer than any shutdown timeout.
class Stubborn final : public Actor<Ping> {
 public:
  explicit Stubborn(std::atomic<int>* cancelled) : cancelled_(cancelled) {}
  void on_message(Ping, Context& ctx) override { ctx.reply(0); }
  void on_stop(Context&) override {
    try {
      sleep_for(1h);
    } catch (const Cancelled&) {
      cancelled_->fetch_add(1);
      throw;
    }
  }

 private:
  Instance instance_;
  std::atomic<int>* cancelled_;
};

TEST_P(LifecycleTest, AShutdownThatTimesOutCancelsTheWaitAndReturnsCleanly) {
  shutdown_may_time_out();
  std::atomic<int> cancelled{0};
  Log log;
  const auto stop_first = shutdown_at_exit();  // before the locals the actors use go
  auto stubborn = system().spawn<Stubborn>(SpawnOptions{.name = "stubborn"}, &cancelled);
  system().spawn<Node>(SpawnOptions{.name = "o"}, "o", 1, 2, &log);
  ASSERT_TRUE(eventually([&] { return log.started() == 3; }, kDeadline));
  // Started, so it has an on_stop to run (an actor stopped before it starts runs no hook).
  ASSERT_TRUE(stubborn.ask<int>(Ping{0}, kDeadline));
  const auto start = Clock::now();
  EXPECT_FALSE(system().shutdown(50ms));
  EXPECT_LT(Clock::now() - start, kDeadline / 2);
  EXPECT_EQ(cancelled.load(), 1) << "the runtime's shutdown cancelled on_stop's wait";
  EXPECT_EQ(system().live_actors(), 0u);
  EXPECT_FALSE(stubborn.is_alive());
  expect_children_first(log.take(), 3);
}

}  // namespace
}  // namespace courier::test
