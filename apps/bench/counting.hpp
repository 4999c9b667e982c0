// counting.hpp: A3 of the anchors' WORKLOADS.md as a topology (counting.json): a producer sends
// `messages` increments to a counter, then asks it for the total and checks it.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <variant>

#include "courier/config/params.hpp"
#include "courier/config/registry.hpp"
#include "result_line.hpp"

namespace courier::apps::bench {

struct Increment {};
struct TotalQuery {};
using CounterMessage = std::variant<Increment, TotalQuery>;

// Counter counts increments and replies the count (std::uint64_t) to a TotalQuery.
// Thread-safety: an actor; its handlers run one at a time.
class Counter final : public Actor<CounterMessage> {
 public:
  void on_message(CounterMessage m, Context& ctx) override;

 private:
  std::uint64_t count_ = 0;
};

// Produce is what the producer sends itself to do its work in a handler, where it may ask.
struct Produce {};

// CountingProducer starts the clock when it starts, sends `messages` increments on "counter",
// asks for the total, checks it, prints the result line and stops itself (the counter's input
// ends with it). Stopped before that (Ctrl-C), it fails the run. Thread-safety: an actor.
class CountingProducer final : public Actor<Produce> {
 public:
  struct Params {
    std::uint64_t messages = 10'000'000;
    static constexpr auto fields =
        config::fields(config::param("messages", &Params::messages).within(1, 1'000'000'000));
  };
  static constexpr auto counter = port<CounterMessage>("counter");
  static constexpr auto ports = courier::ports(counter);

  CountingProducer(const Params& params, const Outputs& outputs)
      : messages_(params.messages), counter_(outputs[counter]) {}
  void on_start(Context& ctx) override;
  void on_message(Produce produce, Context& ctx) override;
  void on_stop(Context& ctx) override;

 private:
  std::uint64_t messages_;
  Output<CounterMessage> counter_;
  Clock::time_point start_{};
  bool checked_ = false;
};

// register_counting() adds bench_counter and bench_counting_producer, and names their messages.
void register_counting(Registry& registry);

}  // namespace courier::apps::bench
