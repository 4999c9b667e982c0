// fan_in.hpp: A5 of the anchors' WORKLOADS.md as a topology (fan-in.json): `count` replicas of
// bench_fan_in_sender each send `messages_per_sender` values to one sink.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "courier/config/params.hpp"
#include "courier/config/registry.hpp"
#include "result_line.hpp"

namespace courier::apps::bench {

// FanInItem is one value sent to the sink.
struct FanInItem {
  std::uint64_t value = 0;
};
// FanInStart tells a sender how many values to send.
struct FanInStart {
  std::uint64_t messages = 0;
};

// FanInSender sends 0 … messages-1 on "out" when told, then stops itself. Thread-safety: an
// actor; its handlers run one at a time.
class FanInSender final : public Actor<FanInStart> {
 public:
  static constexpr auto out = port<FanInItem>("out");
  static constexpr auto ports = courier::ports(out);

  explicit FanInSender(const Outputs& outputs) : out_(outputs[out]) {}
  void on_message(FanInStart start, Context& ctx) override;

 private:
  Output<FanInItem> out_;
};

// FanInSink starts the clock when it starts and tells every sender replica (its "senders" port,
// round robin, one FanInStart each) to send `messages_per_sender`; it adds up what arrives and,
// on the last value, checks the sum and prints the result line. It stops once every sender has
// stopped and its mailbox is drained (its input ends with them). Thread-safety: an actor.
class FanInSink final : public Actor<FanInItem> {
 public:
  struct Params {
    std::uint64_t messages_per_sender = 10'000;
    static constexpr auto fields = config::fields(
        config::param("messages_per_sender", &Params::messages_per_sender).within(1, 100'000'000));
  };
  static constexpr auto senders = port<FanInStart>("senders");
  static constexpr auto ports = courier::ports(senders);

  FanInSink(const Params& params, const Outputs& outputs)
      : per_sender_(params.messages_per_sender), senders_(outputs[senders]) {}
  void on_start(Context& ctx) override;
  void on_message(FanInItem item, Context& ctx) override;
  void on_stop(Context& ctx) override;

 private:
  std::uint64_t per_sender_;
  Output<FanInStart> senders_;
  std::uint64_t expected_ = 0;
  std::uint64_t received_ = 0;
  std::uint64_t sum_ = 0;
  Clock::time_point start_{};
};

// register_fan_in() adds bench_fan_in_sender and bench_fan_in_sink, and names their messages.
void register_fan_in(Registry& registry);

}  // namespace courier::apps::bench
