// bank_client.cpp: issuing requests, counting outcomes, auditing and judging.
#include "bank/bank_client.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "bank/request_stream.hpp"

namespace courier::apps::bank {

std::vector<config::ParamError> BankClient::Params::check() const {
  if (stall_timeout.count() < 1) return {{"/stall_timeout", "expected at least 1ms, found 0ms"}};
  return {};
}

BankClient::BankClient(const Params& params, const Outputs& outputs)
    : params_(params), requests_(outputs[requests]), audit_(outputs[audit]) {}

void BankClient::on_start(Context& ctx) {
  (void)ctx.self<ClientMessage>().send(ClientMessage{Start{}});
}

void BankClient::on_message(ClientMessage message, Context& ctx) {
  if (finished_) return;
  if (std::holds_alternative<Start>(message)) {
    start(ctx);
  } else if (const auto* outcome = std::get_if<Outcome>(&message)) {
    received(*outcome, ctx);
  } else {
    check_progress(ctx);
  }
}

void BankClient::start(Context& ctx) {
  before_ = take_audit();
  // The requests are drawn up front so the tally knows each one's amount when it is answered.
  RequestStream stream(params_.seed, static_cast<std::int64_t>(before_.balances.size()),
                       params_.max_amount);
  std::vector<Request> drawn;
  drawn.reserve(params_.requests);
  for (std::uint64_t i = 0; i < params_.requests; ++i) drawn.push_back(stream.next());
  tally_.emplace(std::move(drawn));
  if (params_.requests == 0) {
    finish(ctx);
    return;
  }
  ctx.send_every(params_.stall_timeout, ctx.self<ClientMessage>(), ClientMessage{StallCheck{}});
  while (sent_ < params_.requests && sent_ < params_.window) send_next();
}

void BankClient::received(const Outcome& outcome, Context& ctx) {
  tally_->record(outcome);
  if (tally_->answered() == params_.requests) {
    finish(ctx);
    return;
  }
  if (sent_ < params_.requests) send_next();
}

void BankClient::check_progress(Context& ctx) {
  // A whole stall_timeout without one outcome: the missing ones are not coming.
  if (tally_->answered() == answered_at_last_check_) {
    finish(ctx);
    return;
  }
  answered_at_last_check_ = tally_->answered();
}

void BankClient::send_next() {
  // A request the tellers refuse stays unanswered: the stall check reports it.
  (void)requests_.send(tally_->request(++sent_));
}

void BankClient::finish(Context& ctx) {
  finished_ = true;
  const Audit after = take_audit();
  const Tally::Conclusion conclusion{.before = before_,
                                     .after = after,
                                     .restarts = ctx.system().restarts(),
                                     .show_balances = params_.show_balances,
                                     .shards = audit_.replicas(),
                                     .tellers = requests_.replicas(),
                                     .window = params_.window};
  const std::string report = tally_->report(conclusion);
  std::fputs(report.c_str(), stdout);
  std::fflush(stdout);
  if (!tally_->healthy(conclusion)) {
    std::string why = "bank:";
    if (!tally_->conserved(conclusion)) why += " money was not conserved;";
    if (tally_->unanswered() > 0) {
      why += ' ';
      why += std::to_string(tally_->unanswered());
      why += " requests got no reply and no error;";
    }
    if (tally_->unexpected() > 0) why += " a teller answered a request twice or unasked;";
    why.pop_back();
    throw std::runtime_error(why);
  }
  ctx.stop();
}

Audit BankClient::take_audit() {
  const std::size_t shards = audit_.replicas();
  if (shards == 0) throw std::runtime_error("bank client: the audit port is not connected");
  std::vector<std::pair<std::int64_t, std::int64_t>> all;
  for (std::size_t shard = 0; shard < shards; ++shard) {
    auto answer = audit_.ask<ShardBalances>(
        AccountCommand{.kind = CommandKind::audit, .shard = shard, .shards = shards},
        params_.stall_timeout);
    if (!answer) throw std::runtime_error("bank client audit: " + answer.error().message);
    all.insert(all.end(), answer->balances.begin(), answer->balances.end());
  }
  Audit taken;
  taken.balances.assign(all.size(), 0);
  for (const auto& [account, balance] : all) {
    if (account < 0 || static_cast<std::size_t>(account) >= all.size()) {
      throw std::runtime_error("bank client audit: the shards did not list accounts 0..n-1");
    }
    taken.balances[static_cast<std::size_t>(account)] = balance;
    taken.sum += balance;
  }
  return taken;
}

}  // namespace courier::apps::bank
