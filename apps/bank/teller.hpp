// teller.hpp: the front end that turns a customer request into account operations.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "bank/messages.hpp"
#include "courier/config/params.hpp"
#include "courier/config/registry.hpp"

namespace courier::apps::bank {

// Teller serves one request at a time: it asks the account shards (port "accounts", key_hash
// routed by shard) with a timeout and answers the client with an Outcome (port "outcomes").
// Every operation has an id made from the request's id and its leg, and a failed or timed-out
// ask is repeated with the same id (the shards are idempotent), up to `max_attempts`. When an
// apply never gets an answer, the teller voids it (same id), after which it can never apply: the
// client is told `unavailable`, or `ok` if the void found it applied. A transfer withdraws, then
// deposits; if the deposit is refused or voided it deposits the amount back (compensation).
// Thread-safety: an actor; its state is touched only by its own handler.
class Teller final : public Actor<Request> {
 public:
  struct Params {
    std::chrono::milliseconds ask_timeout{200};
    std::uint32_t max_attempts = 8;
    static constexpr auto fields =
        config::fields(config::param("ask_timeout", &Params::ask_timeout, "at least 1ms"),
                       config::param("max_attempts", &Params::max_attempts).at_least(1));
    // check() refuses an ask_timeout of 0.
    [[nodiscard]] std::vector<config::ParamError> check() const;
  };
  static constexpr auto accounts = port<AccountCommand>("accounts");
  static constexpr auto outcomes = port<ClientMessage>("outcomes");
  static constexpr auto ports = courier::ports(accounts, outcomes);

  Teller(const Params& params, const Outputs& outputs);
  void on_message(Request request, Context& ctx) override;

 private:
  // The legs of a request, each with its own operation id.
  enum Leg : std::uint64_t { kFirst = 0, kTransferDeposit = 1, kCompensation = 2, kLegs = 4 };

  Outcome serve(const Request& request);
  Outcome transfer(const Request& request, Outcome outcome);
  // settle() applies `delta` to `account` as operation `op` and says how it ended: applied,
  // refused, or voided; nullopt (in doubt) when neither the apply nor the void was answered.
  std::optional<LegResult> settle(std::uint64_t op, std::int64_t account, std::int64_t delta,
                                  Outcome& outcome);
  // ask_repeatedly() asks `command` with attempts first_attempt.. until one is answered.
  std::optional<LegResult> ask_repeatedly(AccountCommand command, std::uint32_t first_attempt,
                                          Outcome& outcome);

  Params params_;
  Output<AccountCommand> accounts_;
  Output<ClientMessage> outcomes_;
};

}  // namespace courier::apps::bank
