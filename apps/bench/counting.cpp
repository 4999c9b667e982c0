// counting.cpp: A3, counting.
#include "counting.hpp"

#include <chrono>
#include <string>

namespace courier::apps::bench {

void Counter::on_message(CounterMessage m, Context& ctx) {
  if (std::holds_alternative<Increment>(m)) {
    ++count_;
  } else {
    ctx.reply(count_);
  }
}

void CountingProducer::on_start(Context& ctx) {
  start_ = Clock::now();
  (void)ctx.self<Produce>().send(Produce{});
}

void CountingProducer::on_message(Produce produce, Context& ctx) {
  (void)produce;
  for (std::uint64_t i = 0; i < messages_; ++i) (void)counter_.send(Increment{});
  const auto total = counter_.ask<std::uint64_t>(TotalQuery{}, std::chrono::seconds(60));
  if (!total) fail_workload("A3", total.error().message);
  if (*total != messages_) {
    std::string why = "the counter counted ";
    why += std::to_string(*total);
    why += ", not ";
    why += std::to_string(messages_);
    fail_workload("A3", why);
  }
  const double wall = seconds_since(start_);
  print_result("A3", static_cast<double>(messages_) / wall, "msgs/s", wall);
  checked_ = true;
  ctx.stop();
}

void CountingProducer::on_stop(Context& ctx) {
  (void)ctx;
  if (!checked_) fail_workload("A3", "stopped before the total was checked");
}

void register_counting(Registry& registry) {
  registry.name<CounterMessage>("CounterMessage").name<Produce>("Produce");
  registry.add<Counter>("bench_counter").add<CountingProducer>("bench_counting_producer");
}

}  // namespace courier::apps::bench
