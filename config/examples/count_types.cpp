// count_types.cpp: the example actor types and their registration.
#include "count_types.hpp"

#include <cstdio>
#include <stdexcept>

namespace courier::examples {

void from_json(const nlohmann::json& j, Number& n) {
  j.at("value").get_to(n.value);
}

std::size_t courier_key(const Number& n) noexcept {
  return static_cast<std::size_t>(n.value);
}

RangeSource::RangeSource(const Params& params, const Outputs& outputs)
    : params_(params), out_(outputs[out]), next_(params.from) {}

void RangeSource::on_start(Context& ctx) {
  (void)ctx.self<Tick>().send(Tick{});
}

void RangeSource::on_message(Tick tick, Context& ctx) {
  (void)tick;
  for (std::int64_t i = 0; i < params_.batch; ++i) {
    if (params_.to != 0 && next_ > params_.to) {
      ctx.stop();
      return;
    }
    (void)out_.send(Number{next_++});
  }
  (void)ctx.self<Tick>().send(Tick{});
}

void Squarer::on_message(Number n, Context& ctx) {
  (void)ctx;
  (void)out_.send(Number{n.value * n.value});
}

void Flaky::on_message(Number n, Context& ctx) {
  (void)ctx;
  if (fail_every_ != 0 && n.value % fail_every_ == 0) {
    throw std::runtime_error("flaky: " + std::to_string(n.value) + " is a multiple of " +
                             std::to_string(fail_every_));
  }
  (void)out_.send(n);
}

void Summer::on_message(Number n, Context& ctx) {
  (void)ctx;
  sum_ += n.value;
  ++numbers_;
}

void Summer::on_stop(Context& ctx) {
  (void)ctx;
  std::printf("%s: %lld (%llu numbers)\n", label_.c_str(), static_cast<long long>(sum_),
              static_cast<unsigned long long>(numbers_));
  std::fflush(stdout);
}

void register_examples(Registry& registry) {
  registry.name<Number>("Number").name<Tick>("Tick");
  registry.add<RangeSource>("range_source")
      .add<Squarer>("squarer")
      .add<Flaky>("flaky")
      .add<Summer>("summer");
}

}  // namespace courier::examples
