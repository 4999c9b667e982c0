// account_shard.cpp: applying, voiding and reading account operations over the journal.
#include "bank/account_shard.hpp"

#include <stdexcept>
#include <string>

namespace courier::apps::bank {

namespace {

[[noreturn]] void throw_injected(const AccountCommand& command) {
  std::string what = "injected fault in op ";
  what += std::to_string(command.op);
  what += ", attempt ";
  what += std::to_string(command.attempt);
  throw InjectedFault(what);
}

}  // namespace

std::vector<config::ParamError> AccountShard::Params::check() const {
  if (fault_probability >= 0.0 && fault_probability < 1.0) return {};
  return {{"/fault_probability", "expected a number from 0 up to (not including) 1, found " +
                                     nlohmann::json(fault_probability).dump()}};
}

AccountShard::AccountShard(const Params& params, const Outputs& outputs)
    : params_(params), faults_(params.fault_probability, params.seed), journal_(outputs[journal]) {}

void AccountShard::on_message(AccountCommand command, Context& ctx) {
  if (!shard_) load(command.shard);
  if (command.shard != *shard_) {
    throw std::logic_error("account shard " + std::to_string(*shard_) + " got a command for " +
                           std::to_string(command.shard));
  }
  switch (command.kind) {
    case CommandKind::audit:
      ctx.reply(audit(command.shards));
      return;
    case CommandKind::balance:
      if (faults_.strike(command.op, command.attempt)) throw_injected(command);
      if (!owns(command)) {
        ctx.reply(LegResult{LegStatus::unknown_account, 0});
        return;
      }
      ctx.reply(LegResult{LegStatus::applied, balance_of(command.account)});
      return;
    case CommandKind::apply:
      ctx.reply(apply(command));
      return;
    case CommandKind::void_op:
      ctx.reply(void_op(command));
      return;
  }
}

void AccountShard::load(std::size_t shard) {
  // The journal answers in its mailbox's order: an Append a failed instance had sent is handled
  // before this Replay, so the log is complete.
  auto log = journal_.ask<ShardLog>(JournalCommand{Replay{shard}}, params_.journal_timeout);
  if (!log) throw std::runtime_error("account shard replay: " + log.error().message);
  for (const JournalEntry& entry : log->entries) commit(entry);
  shard_ = shard;
}

std::int64_t AccountShard::balance_of(std::int64_t account) const {
  const auto found = balances_.find(account);
  return found == balances_.end() ? params_.initial_balance : found->second;
}

bool AccountShard::owns(const AccountCommand& command) const noexcept {
  if (command.account < 0 || command.account >= params_.accounts) return false;
  return static_cast<std::size_t>(command.account) % command.shards == *shard_;
}

LegResult AccountShard::apply(const AccountCommand& command) {
  if (const auto found = recorded_.find(command.op); found != recorded_.end()) {
    return found->second;
  }
  // Refusals change nothing and are not recorded: a retry decides again.
  if (!owns(command)) return {LegStatus::unknown_account, 0};
  const std::int64_t balance = balance_of(command.account);
  if (balance + command.delta < 0) return {LegStatus::insufficient_funds, balance};
  return journal_then_commit(command, {command.op, command.account, command.delta, false});
}

LegResult AccountShard::void_op(const AccountCommand& command) {
  if (const auto found = recorded_.find(command.op); found != recorded_.end()) {
    return found->second;
  }
  return journal_then_commit(command, {command.op, command.account, 0, true});
}

LegResult AccountShard::journal_then_commit(const AccountCommand& command,
                                            const JournalEntry& entry) {
  fail_at(command, FaultPoint::before_journal);
  auto appended =
      journal_.ask<Appended>(JournalCommand{Append{*shard_, entry}}, params_.journal_timeout);
  if (!appended) {
    std::string why = entry.voided ? "account shard void: " : "account shard append: ";
    why += appended.error().message;
    throw std::runtime_error(why);
  }
  if (!appended->fresh) {
    // Only possible if this instance's state lags the journal: a restart replays it.
    throw std::logic_error("op " + std::to_string(command.op) + " was journaled already");
  }
  fail_at(command, FaultPoint::after_journal);
  commit(entry);
  fail_at(command, FaultPoint::after_apply);
  return recorded_.at(command.op);
}

void AccountShard::commit(const JournalEntry& entry) {
  if (entry.voided) {
    recorded_[entry.op] = LegResult{LegStatus::voided, 0};
    return;
  }
  const std::int64_t balance = balance_of(entry.account) + entry.delta;
  balances_[entry.account] = balance;
  recorded_[entry.op] = LegResult{LegStatus::applied, balance};
}

void AccountShard::fail_at(const AccountCommand& command, FaultPoint point) const {
  if (faults_.strike(command.op, command.attempt) == point) throw_injected(command);
}

ShardBalances AccountShard::audit(std::size_t shards) const {
  ShardBalances result;
  for (std::int64_t account = static_cast<std::int64_t>(*shard_); account < params_.accounts;
       account += static_cast<std::int64_t>(shards)) {
    result.balances.emplace_back(account, balance_of(account));
  }
  return result;
}

}  // namespace courier::apps::bank
