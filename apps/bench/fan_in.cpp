// fan_in.cpp: A5, fan-in.
#include "fan_in.hpp"

#include <string>

namespace courier::apps::bench {

void FanInSender::on_message(FanInStart start, Context& ctx) {
  for (std::uint64_t i = 0; i < start.messages; ++i) (void)out_.send(FanInItem{i});
  ctx.stop();
}

void FanInSink::on_start(Context& ctx) {
  (void)ctx;
  const std::uint64_t replicas = senders_.replicas();
  expected_ = replicas * per_sender_;
  start_ = Clock::now();
  for (std::uint64_t i = 0; i < replicas; ++i) (void)senders_.send(FanInStart{per_sender_});
}

void FanInSink::on_message(FanInItem item, Context& ctx) {
  (void)ctx;
  sum_ += item.value;
  if (++received_ != expected_) return;
  const double wall = seconds_since(start_);
  if (sum_ != senders_.replicas() * (per_sender_ * (per_sender_ - 1) / 2)) {
    fail_workload("A5", "wrong sum");
  }
  print_result("A5", static_cast<double>(received_) / wall, "msgs/s", wall);
}

void FanInSink::on_stop(Context& ctx) {
  (void)ctx;
  if (received_ != expected_) {
    std::string why = "the sink received ";
    why += std::to_string(received_);
    why += " values, not ";
    why += std::to_string(expected_);
    fail_workload("A5", why);
  }
}

void register_fan_in(Registry& registry) {
  registry.name<FanInItem>("FanInItem").name<FanInStart>("FanInStart");
  registry.add<FanInSender>("bench_fan_in_sender").add<FanInSink>("bench_fan_in_sink");
}

}  // namespace courier::apps::bench
