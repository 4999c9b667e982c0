// channel_workloads.cpp: W1..W4, the mailbox alone. P producers send 0..N-1 between them (each a
// contiguous range) into one channel; one consumer receives until the channel reports closed and
// drained, and checks count and sum. Wall time runs from just before the first thread starts to
// the consumer's end of stream.
//
// How producers and the consumer run is the Executor: ThreadExecutor (variants thread and
// thread-many: one std::thread each) or FiberExecutor (variant fibers: one fiber each on a
// courier::Runtime with 2 workers, spawned from the main thread as Tokio's anchor spawns its tasks
// from block_on; the runtime is started before the clock). A fiber's send/recv suspends the fiber.
#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "courier/mailbox.hpp"
#include "courier/scheduler.hpp"
#include "report.hpp"

namespace courier::bench {
namespace {

constexpr std::uint64_t kN = 10'000'000;
constexpr std::size_t kBatch = 256;  // recv_many limit of the thread-many variant

struct ChannelSpec {
  std::string_view id;
  std::uint64_t producers;
  std::size_t capacity;  // 0: unbounded
};
constexpr ChannelSpec kSpecs[] = {{"W1", 1, 0}, {"W2", 1, 1024}, {"W3", 4, 1024}, {"W4", 4, 0}};

// ThreadExecutor runs every task on its own std::thread.
class ThreadExecutor {
 public:
  template <class F>
  void spawn(F&& f) {
    threads_.emplace_back(std::forward<F>(f));
  }
  void join() {
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

 private:
  std::vector<std::thread> threads_;
};

// FiberExecutor runs every task on its own fiber of `rt`; join() blocks the calling thread.
class FiberExecutor {
 public:
  explicit FiberExecutor(Runtime& rt) : rt_(rt) {}
  template <class F>
  void spawn(F&& f) {
    handles_.push_back(rt_.spawn(std::forward<F>(f)));
  }
  void join() {
    for (auto& h : handles_) h.join();
    handles_.clear();
  }

 private:
  Runtime& rt_;
  std::vector<JoinHandle<void>> handles_;
};

struct Outcome {
  std::uint64_t count = 0;
  std::uint64_t sum = 0;
  Clock::time_point end;
};

// consume() receives until closed and drained; `many` takes values in batches with recv_many().
template <class Rx>
void consume(Rx& rx, bool many, Outcome& out) {
  std::uint64_t count = 0, sum = 0;
  if (many) {
    std::vector<std::uint64_t> batch;
    batch.reserve(kBatch);
    while (rx.recv_many(batch, kBatch) != 0) {
      for (std::uint64_t v : batch) sum += v;
      count += batch.size();
      batch.clear();
    }
  } else {
    while (auto v = rx.recv()) {
      sum += *v;
      ++count;
    }
  }
  out = {count, sum, Clock::now()};
}

template <class Executor, class Tx, class Rx>
double pump(Executor& exec, std::string_view id, Tx tx, Rx rx, std::uint64_t producers, bool many,
            Outcome& out) {
  const std::uint64_t per = kN / producers;
  const auto t0 = Clock::now();
  exec.spawn([&out, many, rx = std::move(rx)]() mutable { consume(rx, many, out); });
  for (std::uint64_t p = 0; p < producers; ++p) {
    auto send_range = [id, p, per](const Tx& mine) {
      for (std::uint64_t i = p * per; i < (p + 1) * per; ++i) {
        if (!mine.send(i)) fail(id, "send failed at " + std::to_string(i));
      }
    };
    // The last producer takes the original sender, so the channel closes when all are done.
    if (p + 1 == producers) {
      exec.spawn([send_range, mine = std::move(tx)] { send_range(mine); });
    } else {
      exec.spawn([send_range, mine = tx] { send_range(mine); });
    }
  }
  exec.join();
  return seconds_since(t0, out.end);
}

template <class Executor>
double run_spec(Executor& exec, const ChannelSpec& spec, bool many, Outcome& out) {
  if (spec.capacity == 0) {
    auto [tx, rx] = mailbox::unbounded<std::uint64_t>();
    return pump(exec, spec.id, std::move(tx), std::move(rx), spec.producers, many, out);
  }
  auto [tx, rx] = mailbox::bounded<std::uint64_t>(spec.capacity);
  return pump(exec, spec.id, std::move(tx), std::move(rx), spec.producers, many, out);
}

}  // namespace

void run_channel(std::string_view workload, std::string_view variant) {
  const ChannelSpec* spec = nullptr;
  for (const auto& s : kSpecs) {
    if (s.id == workload) spec = &s;
  }
  if (spec == nullptr) fail(workload, "unknown workload");
  Outcome out;
  double wall = 0;
  if (variant == "thread" || variant == "thread-many") {
    ThreadExecutor exec;
    wall = run_spec(exec, *spec, variant == "thread-many", out);
  } else if (variant == "fibers") {
    Runtime rt({.workers = 2});
    FiberExecutor exec(rt);
    wall = run_spec(exec, *spec, false, out);
  } else {
    fail(workload, "unknown variant " + std::string(variant));
  }
  const std::uint64_t want_sum = kN * (kN - 1) / 2;
  if (out.count != kN || out.sum != want_sum) {
    fail(workload, "count " + std::to_string(out.count) + " sum " + std::to_string(out.sum) +
                       " expected " + std::to_string(kN) + " " + std::to_string(want_sum));
  }
  report(workload, variant, static_cast<double>(kN) / wall, "msgs/s", wall);
}

}  // namespace courier::bench
