// count_types.hpp: small actor types for the shipped example topologies and the launch tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "courier/config/params.hpp"
#include "courier/config/registry.hpp"

namespace courier::examples {

// Number is the message every example type passes on. It can be injected ({"value": 7}) and
// routed by key_hash (courier_key).
struct Number {
  std::int64_t value = 0;
};
void from_json(const nlohmann::json& j, Number& n);
std::size_t courier_key(const Number& n) noexcept;

// Tick is what a range_source sends itself to emit its next batch.
struct Tick {};

// RangeSource emits `from`, `from`+1, … `to` on its port "out", `batch` numbers per message it
// sends itself (so a stop is seen between batches), then stops itself. `to` 0 never ends.
class RangeSource final : public Actor<Tick> {
 public:
  struct Params {
    std::int64_t from = 1;
    std::int64_t to = 0;
    std::int64_t batch = 64;
    static constexpr auto fields = config::fields(
        config::param("from", &Params::from), config::param("to", &Params::to, "0: never ends"),
        config::param("batch", &Params::batch, "numbers per turn").at_least(1));
  };
  static constexpr auto out = port<Number>("out");
  static constexpr auto ports = courier::ports(out);

  RangeSource(const Params& params, const Outputs& outputs);
  void on_start(Context& ctx) override;
  void on_message(Tick tick, Context& ctx) override;

 private:
  Params params_;
  Output<Number> out_;
  std::int64_t next_;
};

// Squarer sends the square of each number on "out".
class Squarer final : public Actor<Number> {
 public:
  static constexpr auto out = port<Number>("out");
  static constexpr auto ports = courier::ports(out);

  explicit Squarer(const Outputs& outputs) : out_(outputs[out]) {}
  void on_message(Number n, Context& ctx) override;

 private:
  Output<Number> out_;
};

// Flaky passes numbers on to "out", but throws on every multiple of `fail_every`: its
// supervision group decides what follows (the number itself is a dead letter).
class Flaky final : public Actor<Number> {
 public:
  struct Params {
    std::int64_t fail_every = 0;
    static constexpr auto fields =
        config::fields(config::param("fail_every", &Params::fail_every, "0: never").at_least(0));
  };
  static constexpr auto out = port<Number>("out");
  static constexpr auto ports = courier::ports(out);

  Flaky(const Params& params, const Outputs& outputs)
      : fail_every_(params.fail_every), out_(outputs[out]) {}
  void on_message(Number n, Context& ctx) override;

 private:
  std::int64_t fail_every_;
  Output<Number> out_;
};

// Summer adds up the numbers it receives and, when it stops, prints "LABEL: SUM (N numbers)" on
// stdout.
class Summer final : public Actor<Number> {
 public:
  struct Params {
    std::string label = "sum";
    static constexpr auto fields = config::fields(config::param("label", &Params::label));
  };

  explicit Summer(const Params& params) : label_(params.label) {}
  void on_message(Number n, Context& ctx) override;
  void on_stop(Context& ctx) override;

 private:
  std::string label_;
  std::int64_t sum_ = 0;
  std::uint64_t numbers_ = 0;
};

// register_examples() adds range_source, squarer, flaky and summer, and names Number and Tick.
void register_examples(Registry& registry);

}  // namespace courier::examples
