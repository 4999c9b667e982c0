// bank_client.hpp: the load generator that also audits the bank and judges the run.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "bank/messages.hpp"
#include "bank/tally.hpp"
#include "courier/config/params.hpp"
#include "courier/config/registry.hpp"

namespace courier::apps::bank {

// BankClient is a source: it audits every account shard (port "audit", one ask per shard), sends
// `requests` seeded requests to the tellers (port "requests") keeping at most `window`
// unanswered, counts the outcomes the tellers send back, then audits again and prints the
// report (tally.hpp) on stdout. It learns the accounts from the first audit. It then stops; or,
// when money was not conserved or a request got no outcome (none arrived for `stall_timeout`),
// it throws, which its supervision group escalates so that the run fails (exit code 1).
// Thread-safety: an actor; its state is touched only by its own handlers.
class BankClient final : public Actor<ClientMessage> {
 public:
  struct Params {
    std::uint64_t requests = 1000;
    std::uint64_t seed = 1;
    std::uint64_t window = 16;
    std::int64_t max_amount = 200;
    std::chrono::milliseconds stall_timeout{10000};
    bool show_balances = false;
    static constexpr auto fields = config::fields(
        config::param("requests", &Params::requests), config::param("seed", &Params::seed),
        config::param("window", &Params::window, "requests in flight").at_least(1),
        config::param("max_amount", &Params::max_amount).at_least(1),
        config::param("stall_timeout", &Params::stall_timeout, "at least 1ms"),
        config::param("show_balances", &Params::show_balances));
    // check() refuses a stall_timeout of 0.
    [[nodiscard]] std::vector<config::ParamError> check() const;
  };
  static constexpr auto requests = port<Request>("requests");
  static constexpr auto audit = port<AccountCommand>("audit");
  static constexpr auto ports = courier::ports(requests, audit);

  BankClient(const Params& params, const Outputs& outputs);
  void on_start(Context& ctx) override;
  void on_message(ClientMessage message, Context& ctx) override;

 private:
  void start(Context& ctx);
  void received(const Outcome& outcome, Context& ctx);
  void check_progress(Context& ctx);
  void send_next();
  void finish(Context& ctx);
  Audit take_audit();

  Params params_;
  Output<Request> requests_;
  Output<AccountCommand> audit_;
  std::optional<Tally> tally_;
  Audit before_;
  std::uint64_t sent_ = 0;
  std::uint64_t answered_at_last_check_ = 0;
  bool finished_ = false;
};

}  // namespace courier::apps::bank
