// actor_workloads.cpp: A1..A6 and A4m of ../../shared/anchors/WORKLOADS.md on courier actors,
// plus Ar, the cost of a send through an ActorRef against one through a strong Sender.
// Every actor uses the default mailbox (unbounded, as Tokio's anchor) unless the variant is
// `bounded`, which gives every actor a bounded(1024) mailbox with the wait policy. A system of 2
// workers runs every workload; the main thread starts it and waits for an Event.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "courier/actors.hpp"
#include "report.hpp"

namespace courier::bench {
namespace {

constexpr std::size_t kWorkers = 2;

Mailbox mailbox_for(std::string_view variant) {
  return variant == "bounded" ? Mailbox::bounded(1024) : Mailbox::unbounded();
}

void must(bool ok, std::string_view workload, const char* what) {
  if (!ok) fail(workload, what);
}

// ---- A1 ping-pong ------------------------------------------------------------------------------

constexpr std::uint64_t kA1RoundTrips = 1'000'000;

struct A1Start {
  ActorRef<std::uint64_t> pong;
};
using A1PingMsg = std::variant<A1Start, std::uint64_t>;

class A1Ping final : public Actor<A1PingMsg> {
 public:
  A1Ping(Event* done, std::uint64_t* count) : done_(done), count_(count) {}
  void on_message(A1PingMsg m, Context&) override {
    if (auto* start = std::get_if<A1Start>(&m)) {
      pong_ = start->pong;
      (void)pong_.send(0);
      return;
    }
    if (std::get<std::uint64_t>(m) != *count_) fail("A1", "out of order");
    if (++*count_ == kA1RoundTrips) {
      done_->set();
      return;
    }
    (void)pong_.send(*count_);
  }

 private:
  Event* done_;
  std::uint64_t* count_;
  ActorRef<std::uint64_t> pong_;
};

class A1Pong final : public Actor<std::uint64_t> {
 public:
  explicit A1Pong(ActorRef<A1PingMsg> ping) : ping_(std::move(ping)) {}
  void on_message(std::uint64_t k, Context&) override { (void)ping_.send(k); }

 private:
  ActorRef<A1PingMsg> ping_;
};

void a1(std::string_view variant) {
  ActorSystem system({.workers = kWorkers});
  Event done;
  std::uint64_t count = 0;
  const auto t0 = Clock::now();
  auto ping = system.spawn<A1Ping>({.mailbox = mailbox_for(variant)}, &done, &count);
  auto pong = system.spawn<A1Pong>({.mailbox = mailbox_for(variant)}, ping);
  (void)ping.send(A1Start{pong});
  done.wait();
  const double wall = seconds_since(t0, Clock::now());
  must(count == kA1RoundTrips, "A1", "round trips");
  report("A1", variant, static_cast<double>(kA1RoundTrips) / wall, "roundtrips/s", wall);
}

// ---- A2 thread ring ----------------------------------------------------------------------------

constexpr std::size_t kA2Actors = 1000;
constexpr std::uint64_t kA2Hops = 10'000'000;

struct A2Ring {
  std::vector<ActorRef<std::uint64_t>> refs;
  std::atomic<std::uint64_t> forwards{0};
  std::size_t last = 0;
  Event done;
};

class A2Node final : public Actor<std::uint64_t> {
 public:
  A2Node(A2Ring* ring, std::size_t index) : ring_(ring), index_(index) {}
  void on_message(std::uint64_t n, Context&) override {
    if (n == 0) {
      ring_->forwards.fetch_add(std::exchange(forwarded_, 0), std::memory_order_relaxed);
      ring_->last = index_;
      ring_->done.set();
      return;
    }
    ++forwarded_;
    if (forwarded_ % 4096 == 0) {
      ring_->forwards.fetch_add(std::exchange(forwarded_, 0), std::memory_order_relaxed);
    }
    (void)ring_->refs[(index_ + 1) % kA2Actors].send(n - 1);
  }
  void on_stop(Context&) override {
    ring_->forwards.fetch_add(forwarded_, std::memory_order_relaxed);
  }

 private:
  A2Ring* ring_;
  std::size_t index_;
  std::uint64_t forwarded_ = 0;
};

void a2(std::string_view variant) {
  A2Ring ring;
  std::uint64_t forwards = 0;
  double wall = 0;
  {
    ActorSystem system({.workers = kWorkers});
    for (std::size_t i = 0; i < kA2Actors; ++i) {
      ring.refs.push_back(system.spawn<A2Node>({.mailbox = mailbox_for(variant)}, &ring, i));
    }
    const auto t0 = Clock::now();
    (void)ring.refs[0].send(kA2Hops);
    ring.done.wait();
    wall = seconds_since(t0, Clock::now());
    must(system.shutdown(), "A2", "shutdown");
    forwards = ring.forwards.load();
  }
  must(ring.last == kA2Hops % kA2Actors, "A2", "last actor");
  must(forwards == kA2Hops, "A2", "forward count");
  report("A2", variant, static_cast<double>(kA2Hops) / wall, "hops/s", wall);
}

// ---- A3 counting -------------------------------------------------------------------------------

constexpr std::uint64_t kA3Messages = 10'000'000;

struct A3Inc {};
struct A3Get {};
using A3CounterMsg = std::variant<A3Inc, A3Get>;

class A3Counter final : public Actor<A3CounterMsg> {
 public:
  void on_message(A3CounterMsg m, Context& ctx) override {
    if (std::holds_alternative<A3Inc>(m)) {
      ++count_;
    } else {
      ctx.reply(count_);
    }
  }

 private:
  std::uint64_t count_ = 0;
};

struct A3Start {};

class A3Producer final : public Actor<A3Start> {
 public:
  A3Producer(ActorRef<A3CounterMsg> counter, Event* done, std::uint64_t* total)
      : counter_(std::move(counter)), done_(done), total_(total) {}
  void on_message(A3Start, Context&) override {
    for (std::uint64_t i = 0; i < kA3Messages; ++i) (void)counter_.send(A3Inc{});
    auto total = counter_.ask<std::uint64_t>(A3Get{}, std::chrono::seconds(60));
    if (!total) fail("A3", total.error().message);
    *total_ = *total;
    done_->set();
  }

 private:
  ActorRef<A3CounterMsg> counter_;
  Event* done_;
  std::uint64_t* total_;
};

void a3(std::string_view variant) {
  ActorSystem system({.workers = kWorkers});
  Event done;
  std::uint64_t total = 0;
  const auto t0 = Clock::now();
  auto counter = system.spawn<A3Counter>({.mailbox = mailbox_for(variant)});
  auto producer =
      system.spawn<A3Producer>({.mailbox = mailbox_for(variant)}, counter, &done, &total);
  (void)producer.send(A3Start{});
  done.wait();
  const double wall = seconds_since(t0, Clock::now());
  must(total == kA3Messages, "A3", "count");
  report("A3", variant, static_cast<double>(kA3Messages) / wall, "msgs/s", wall);
}

// ---- A4 spawn ----------------------------------------------------------------------------------

constexpr std::uint64_t kA4Actors = 1'000'000;

struct A4Start {};
struct A4Done {
  std::uint64_t index;
};
using A4SpawnerMsg = std::variant<A4Start, A4Done>;

class A4Child final : public Actor<std::uint64_t> {
 public:
  explicit A4Child(ActorRef<A4SpawnerMsg> spawner) : spawner_(std::move(spawner)) {}
  void on_message(std::uint64_t i, Context& ctx) override {
    (void)spawner_.send(A4Done{i});
    ctx.stop();
  }

 private:
  ActorRef<A4SpawnerMsg> spawner_;
};

class A4Spawner final : public Actor<A4SpawnerMsg> {
 public:
  A4Spawner(std::string variant, Event* done, std::uint64_t* sum)
      : variant_(std::move(variant)), done_(done), sum_(sum) {}
  void on_message(A4SpawnerMsg m, Context& ctx) override {
    if (std::holds_alternative<A4Start>(m)) {
      auto self = ctx.self<A4SpawnerMsg>();
      for (std::uint64_t i = 0; i < kA4Actors; ++i) {
        (void)ctx.spawn<A4Child>({.mailbox = mailbox_for(variant_)}, self).send(i);
      }
      return;
    }
    *sum_ += std::get<A4Done>(m).index;
    if (++replies_ == kA4Actors) done_->set();
  }

 private:
  std::string variant_;
  Event* done_;
  std::uint64_t* sum_;
  std::uint64_t replies_ = 0;
};

void a4(std::string_view variant) {
  ActorSystem system({.workers = kWorkers});
  Event done;
  std::uint64_t sum = 0;
  // Room for every reply is made before the clock starts, as Go's anchor makes its spawner's
  // buffered channel before its clock starts.
  auto spawner = system.spawn<A4Spawner>({.mailbox = Mailbox::unbounded().reserve(kA4Actors)},
                                         std::string(variant), &done, &sum);
  const auto t0 = Clock::now();
  (void)spawner.send(A4Start{});
  done.wait();
  const double wall = seconds_since(t0, Clock::now());
  must(sum == kA4Actors * (kA4Actors - 1) / 2, "A4", "sum of indices");
  report("A4", variant, static_cast<double>(kA4Actors) / wall, "actors/s", wall);
}

// ---- A4m bytes per idle actor ------------------------------------------------------------------

constexpr std::size_t kA4mActors = 100'000;

class A4mIdle final : public Actor<std::uint64_t> {
 public:
  explicit A4mIdle(std::atomic<std::size_t>* started) : started_(started) {}
  void on_start(Context&) override { started_->fetch_add(1, std::memory_order_relaxed); }
  void on_message(std::uint64_t, Context&) override {}

 private:
  std::atomic<std::size_t>* started_;
};

void a4m(std::string_view variant) {
  ActorSystem system({.workers = kWorkers});
  std::atomic<std::size_t> started{0};
  // Warm up what stays allocated for good (worker stacks, carriers, allocator arenas).
  system.spawn<A4mIdle>({.mailbox = mailbox_for(variant)}, &started).stop();
  must(system.wait_all_stopped(std::chrono::seconds(10)), "A4m", "warm-up");
  started = 0;
  const std::uint64_t baseline_kb = status_kb("VmRSS");
  const auto t0 = Clock::now();
  std::vector<ActorRef<std::uint64_t>> refs;
  refs.reserve(kA4mActors);
  const std::uint64_t refs_kb = status_kb("VmRSS") - baseline_kb;  // the test's own vector
  for (std::size_t i = 0; i < kA4mActors; ++i) {
    refs.push_back(system.spawn<A4mIdle>({.mailbox = mailbox_for(variant)}, &started));
  }
  while (started.load() != kA4mActors) sleep_for(std::chrono::milliseconds(1));
  const double wall = seconds_since(t0, Clock::now());
  const std::uint64_t peak_kb = status_kb("VmHWM");
  const double bytes = (static_cast<double>(peak_kb - baseline_kb - refs_kb) * 1024) / kA4mActors;
  report("A4m", variant, bytes, "bytes/actor", wall,
         "baseline_kb=" + std::to_string(baseline_kb) + " refs_kb=" + std::to_string(refs_kb),
         /*decimals=*/true);
}

// ---- A5 fan-in ---------------------------------------------------------------------------------

constexpr std::size_t kA5Senders = 1000;
constexpr std::uint64_t kA5PerSender = 10'000;
constexpr std::uint64_t kA5Messages = kA5Senders * kA5PerSender;

class A5Sink final : public Actor<std::uint64_t> {
 public:
  A5Sink(Event* done, std::uint64_t* sum) : done_(done), sum_(sum) {}
  void on_message(std::uint64_t v, Context&) override {
    *sum_ += v;
    if (++count_ == kA5Messages) done_->set();
  }

 private:
  Event* done_;
  std::uint64_t* sum_;
  std::uint64_t count_ = 0;
};

struct A5Start {};

class A5Sender final : public Actor<A5Start> {
 public:
  explicit A5Sender(ActorRef<std::uint64_t> sink) : sink_(std::move(sink)) {}
  void on_message(A5Start, Context&) override {
    for (std::uint64_t i = 0; i < kA5PerSender; ++i) (void)sink_.send(i);
  }

 private:
  ActorRef<std::uint64_t> sink_;
};

void a5(std::string_view variant) {
  ActorSystem system({.workers = kWorkers});
  Event done;
  std::uint64_t sum = 0;
  auto sink = system.spawn<A5Sink>({.mailbox = mailbox_for(variant)}, &done, &sum);
  std::vector<ActorRef<A5Start>> senders;
  for (std::size_t i = 0; i < kA5Senders; ++i) {
    senders.push_back(system.spawn<A5Sender>({.mailbox = mailbox_for(variant)}, sink));
  }
  const auto t0 = Clock::now();
  for (auto& s : senders) (void)s.send(A5Start{});
  done.wait();
  const double wall = seconds_since(t0, Clock::now());
  must(sum == kA5Senders * (kA5PerSender * (kA5PerSender - 1) / 2), "A5", "sum");
  report("A5", variant, static_cast<double>(kA5Messages) / wall, "msgs/s", wall);
}

// ---- A6 big ------------------------------------------------------------------------------------

constexpr std::size_t kA6Actors = 1000;
constexpr std::uint64_t kA6PerActor = 2000;

struct A6Ping {
  std::uint32_t from;
};
struct A6Pong {};
struct A6Start {};
using A6Msg = std::variant<A6Start, A6Ping, A6Pong>;

struct A6World {
  std::vector<ActorRef<A6Msg>> refs;
  std::atomic<std::size_t> finished{0};
  std::atomic<std::uint64_t> round_trips{0};
  Event done;
};

class A6Node final : public Actor<A6Msg> {
 public:
  A6Node(A6World* world, std::uint32_t index)
      : world_(world), index_(index), rng_(0x9E3779B97F4A7C15ull * (index + 1)) {}
  void on_message(A6Msg m, Context&) override {
    if (auto* ping = std::get_if<A6Ping>(&m)) {
      (void)world_->refs[ping->from].send(A6Pong{});
      return;
    }
    if (std::holds_alternative<A6Pong>(m) && ++done_ == kA6PerActor) {
      world_->round_trips.fetch_add(done_, std::memory_order_relaxed);
      if (world_->finished.fetch_add(1) + 1 == kA6Actors) world_->done.set();
      return;
    }
    (void)world_->refs[next_peer()].send(A6Ping{index_});
  }

 private:
  std::uint32_t next_peer() {
    rng_ ^= rng_ << 13;
    rng_ ^= rng_ >> 7;
    rng_ ^= rng_ << 17;
    return static_cast<std::uint32_t>(rng_ % kA6Actors);
  }
  A6World* world_;
  std::uint32_t index_;
  std::uint64_t rng_;
  std::uint64_t done_ = 0;
};

void a6(std::string_view variant) {
  ActorSystem system({.workers = kWorkers});
  A6World world;
  for (std::uint32_t i = 0; i < kA6Actors; ++i) {
    world.refs.push_back(system.spawn<A6Node>({.mailbox = mailbox_for(variant)}, &world, i));
  }
  const auto t0 = Clock::now();
  for (auto& r : world.refs) (void)r.send(A6Start{});
  world.done.wait();
  const double wall = seconds_since(t0, Clock::now());
  const std::uint64_t total = world.round_trips.load();
  must(total == kA6Actors * kA6PerActor, "A6", "round trips");
  report("A6", variant, static_cast<double>(total) / wall, "roundtrips/s", wall);
}

// ---- Ar: an ActorRef send against a strong Sender send -----------------------------------------

constexpr std::uint64_t kArMessages = 10'000'000;
constexpr std::uint64_t kArBatch = 10'000;
// A message at or above kArGate is no payload: it holds the sink until the sending thread lets
// it go (its index is the message minus kArGate).
constexpr std::uint64_t kArGate = std::uint64_t{1} << 63;

// ArGate parks the sink's handler while the sending thread fills its mailbox.
struct ArGate {
  Event entered;  // the sink is inside the gate's handler: its mailbox is not being drained
  Event release;  // the sending thread is done: the sink may drain
};

class ArSink final : public Actor<std::uint64_t> {
 public:
  explicit ArSink(std::vector<ArGate>* gates) : gates_(gates) {}
  void on_message(std::uint64_t m, Context&) override {
    if (m < kArGate) return;
    ArGate& gate = (*gates_)[m - kArGate];
    gate.entered.set();
    gate.release.wait();
  }

 private:
  std::vector<ArGate>* gates_;
};

// ArTimes adds up the time of each path over the rounds of one phase.
struct ArTimes {
  Clock::duration ref{};
  Clock::duration sender{};
  double ratio() const {
    return std::chrono::duration<double>(ref).count() /
           std::chrono::duration<double>(sender).count();
  }
};

// ar() compares the two ways into one actor's unbounded mailbox from one thread: through an
// ActorRef (the actor system's path: the cell, its overflow policy, a weak sender) and through
// the strong Sender underneath (a StrongRef's hold). Each round sends a batch each way into the
// same channel, the two in turn first, so both meet the same memory. Two phases:
//  - parked (the figure the target is about, `ratio`): before each round the sink enters a
//    handler that waits until the round is sent, so the sends meet no receiver and the ratio is
//    the cost of the path itself;
//  - live (`live_ratio`): the sink drains as the thread sends. A receiver that keeps up polls the
//    tail's cache line and makes every send's claim of a slot dearer, the more so the slower the
//    sender, which amplifies any difference between the paths (docs/BENCHMARKS.md).
// Rate: ref sends per second, parked.
void ar(std::string_view variant) {
  constexpr std::uint64_t kRounds = kArMessages / 2 / (2 * kArBatch);
  ActorSystem system({.workers = 1});
  std::vector<ArGate> gates(kRounds);
  auto sink = system.spawn<ArSink>({.mailbox = Mailbox::unbounded()}, &gates);
  auto hold = sink.cell()->hold_input();
  must(hold.has_value(), "Ar", "hold the input");
  auto& strong = std::get<mailbox::UnboundedSender<detail::Envelope<std::uint64_t>>>(*hold);
  auto by_ref = [&] {
    const auto t0 = Clock::now();
    for (std::uint64_t i = 0; i < kArBatch; ++i) {
      if (!sink.send(i)) fail("Ar", "ref send failed");
    }
    return Clock::now() - t0;
  };
  auto by_sender = [&] {
    const auto t0 = Clock::now();
    for (std::uint64_t i = 0; i < kArBatch; ++i) {
      if (!strong.send({i, nullptr})) fail("Ar", "sender send failed");
    }
    return Clock::now() - t0;
  };
  auto round = [&](std::uint64_t r, ArTimes& times) {
    if (r % 2 == 0) {
      times.ref += by_ref();
      times.sender += by_sender();
    } else {
      times.sender += by_sender();
      times.ref += by_ref();
    }
  };
  ArTimes parked, live;
  for (std::uint64_t r = 0; r < kRounds; ++r) {
    must(sink.send(kArGate + r).has_value(), "Ar", "send the gate");
    gates[r].entered.wait();  // the mailbox is drained up to the gate, and nobody drains it now
    round(r, parked);
    gates[r].release.set();
  }
  for (std::uint64_t r = 0; r < kRounds; ++r) round(r, live);
  const double ref_s = std::chrono::duration<double>(parked.ref).count();
  const double sender_s = std::chrono::duration<double>(parked.sender).count();
  const double per_path = static_cast<double>(kArMessages / 4);
  report("Ar", variant, per_path / ref_s, "msgs/s", ref_s,
         "sender_rate=" + std::to_string(static_cast<std::uint64_t>(per_path / sender_s)) +
             " ratio=" + std::to_string(parked.ratio()) +
             " live_ratio=" + std::to_string(live.ratio()));
}

}  // namespace

void run_actors(std::string_view workload, std::string_view variant) {
  if (variant.empty()) variant = "unbounded";
  if (variant != "unbounded" && variant != "bounded") fail(workload, "unknown variant");
  if (workload == "A1") return a1(variant);
  if (workload == "A2") return a2(variant);
  if (workload == "A3") return a3(variant);
  if (workload == "A4") return a4(variant);
  if (workload == "A4m") return a4m(variant);
  if (workload == "A5") return a5(variant);
  if (workload == "A6") return a6(variant);
  if (workload == "Ar") return ar(variant);
  fail(workload, "unknown workload");
}

}  // namespace courier::bench
