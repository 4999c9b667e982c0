// teller.cpp: retries, voids and compensation on behalf of one request.
#include "bank/teller.hpp"

#include <stdexcept>

namespace courier::apps::bank {

namespace {

OutcomeStatus status_of(LegStatus leg) noexcept {
  switch (leg) {
    case LegStatus::applied:
      return OutcomeStatus::ok;
    case LegStatus::voided:
      return OutcomeStatus::unavailable;
    case LegStatus::insufficient_funds:
      return OutcomeStatus::insufficient_funds;
    case LegStatus::unknown_account:
      return OutcomeStatus::unknown_account;
  }
  return OutcomeStatus::in_doubt;
}

}  // namespace

std::vector<config::ParamError> Teller::Params::check() const {
  if (ask_timeout.count() < 1) return {{"/ask_timeout", "expected at least 1ms, found 0ms"}};
  return {};
}

Teller::Teller(const Params& params, const Outputs& outputs)
    : params_(params), accounts_(outputs[accounts]), outcomes_(outputs[outcomes]) {}

void Teller::on_message(Request request, Context& ctx) {
  (void)ctx;
  (void)outcomes_.send(ClientMessage{serve(request)});
}

Outcome Teller::serve(const Request& request) {
  Outcome outcome{.id = request.id, .kind = request.kind};
  const std::uint64_t op = request.id * kLegs + kFirst;
  switch (request.kind) {
    case RequestKind::deposit:
    case RequestKind::withdraw: {
      const std::int64_t delta =
          request.kind == RequestKind::deposit ? request.amount : -request.amount;
      const auto leg = settle(op, request.account, delta, outcome);
      outcome.status = leg ? status_of(leg->status) : OutcomeStatus::in_doubt;
      if (leg) outcome.balance = leg->balance;
      return outcome;
    }
    case RequestKind::balance: {
      const auto read = ask_repeatedly(
          AccountCommand{.op = op, .kind = CommandKind::balance, .account = request.account}, 1,
          outcome);
      outcome.status = read ? status_of(read->status) : OutcomeStatus::unavailable;
      if (read) outcome.balance = read->balance;
      return outcome;
    }
    case RequestKind::transfer:
      return transfer(request, outcome);
  }
  return outcome;
}

Outcome Teller::transfer(const Request& request, Outcome outcome) {
  const std::uint64_t base = request.id * kLegs;
  const auto withdrawn = settle(base + kFirst, request.account, -request.amount, outcome);
  if (!withdrawn || withdrawn->status != LegStatus::applied) {
    outcome.status = withdrawn ? status_of(withdrawn->status) : OutcomeStatus::in_doubt;
    return outcome;
  }
  outcome.balance = withdrawn->balance;
  const auto deposited = settle(base + kTransferDeposit, request.to, request.amount, outcome);
  if (!deposited) {
    // The deposit may have happened: giving the money back could create some.
    outcome.status = OutcomeStatus::in_doubt;
    return outcome;
  }
  if (deposited->status == LegStatus::applied) {
    outcome.status = OutcomeStatus::ok;
    return outcome;
  }
  const auto refunded = settle(base + kCompensation, request.account, request.amount, outcome);
  const bool compensated = refunded && refunded->status == LegStatus::applied;
  outcome.status = compensated ? status_of(deposited->status) : OutcomeStatus::in_doubt;
  if (compensated) outcome.balance = refunded->balance;
  return outcome;
}

std::optional<LegResult> Teller::settle(std::uint64_t op, std::int64_t account, std::int64_t delta,
                                        Outcome& outcome) {
  AccountCommand command{.op = op, .kind = CommandKind::apply, .account = account, .delta = delta};
  if (auto applied = ask_repeatedly(command, 1, outcome)) return applied;
  // Attempts go on counting, so the void does not meet the faults the apply met.
  command.kind = CommandKind::void_op;
  command.delta = 0;
  return ask_repeatedly(command, params_.max_attempts + 1, outcome);
}

std::optional<LegResult> Teller::ask_repeatedly(AccountCommand command, std::uint32_t first_attempt,
                                                Outcome& outcome) {
  command.shards = accounts_.replicas();
  if (command.shards == 0) return std::nullopt;
  command.shard = static_cast<std::size_t>(command.account) % command.shards;
  for (std::uint32_t i = 0; i < params_.max_attempts; ++i) {
    command.attempt = first_attempt + i;
    if (i > 0) ++outcome.retries;
    auto answer = accounts_.ask<LegResult>(command, params_.ask_timeout);
    if (answer) return *answer;
    if (answer.error().kind == AskError::Kind::handler_failed) ++outcome.failures;
  }
  return std::nullopt;
}

}  // namespace courier::apps::bank
