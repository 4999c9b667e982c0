// messages.hpp: what the bank's actors say to each other: a client's requests and their outcomes,
// the commands an account shard takes and their results, and the journal's records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace courier::apps::bank {

// RequestKind is what a client asks a teller to do.
enum class RequestKind : std::uint8_t { deposit, withdraw, transfer, balance };
inline constexpr std::size_t kRequestKinds = 4;

// Request is one customer request, numbered by the client (`id` is unique within a run).
// `to` is only read for a transfer.
struct Request {
  std::uint64_t id = 0;
  RequestKind kind = RequestKind::balance;
  std::int64_t account = 0;
  std::int64_t to = 0;
  std::int64_t amount = 0;
};

// OutcomeStatus is how a request ended. Every status but `ok` is an error the client counts:
// insufficient_funds and unknown_account are business errors (nothing changed);
// `unavailable` means the accounts could not be reached and the operation was voided (nothing
// changed); `in_doubt` means even voiding failed, so the teller cannot say what happened.
enum class OutcomeStatus : std::uint8_t {
  ok,
  insufficient_funds,
  unknown_account,
  unavailable,
  in_doubt
};
inline constexpr std::size_t kOutcomeStatuses = 5;

// Outcome is a teller's answer to one request. `balance` is the account's balance after a
// deposit, withdrawal or balance request (after the withdrawal for a transfer). `retries` counts
// the asks the teller repeated, `failures` those that ended with handler_failed.
struct Outcome {
  std::uint64_t id = 0;
  RequestKind kind = RequestKind::balance;
  OutcomeStatus status = OutcomeStatus::ok;
  std::int64_t balance = 0;
  std::uint32_t retries = 0;
  std::uint32_t failures = 0;
};

// Start is what the client sends itself to begin; StallCheck is its periodic look for progress.
struct Start {};
struct StallCheck {};

// ClientMessage is everything the client handles.
using ClientMessage = std::variant<Start, Outcome, StallCheck>;

// CommandKind is what an account shard is asked: apply a signed amount to an account, void an
// operation that was never applied (so that it never will be), read a balance, or list every
// balance of the shard (an audit).
enum class CommandKind : std::uint8_t { apply, void_op, balance, audit };

// AccountCommand goes to the account shard `shard` (key_hash routing on it, so it must be
// account % shards, or the audited shard). `op` identifies an apply or a void: a retry repeats
// it, with `attempt` counted from 1. An audit names the number of shards, to tell which accounts
// are the shard's.
struct AccountCommand {
  std::uint64_t op = 0;
  CommandKind kind = CommandKind::balance;
  std::size_t shard = 0;
  std::size_t shards = 1;
  std::int64_t account = 0;
  std::int64_t delta = 0;
  std::uint32_t attempt = 1;
};
std::size_t courier_key(const AccountCommand& command) noexcept;

// LegStatus is how an account command ended: `applied` (also for a balance read), `voided` (the
// operation was voided and will never apply), or a business refusal.
enum class LegStatus : std::uint8_t { applied, voided, insufficient_funds, unknown_account };

// LegResult answers apply, void_op and balance. `balance` is the account's balance after the
// operation; for a repeated op it is the recorded one.
struct LegResult {
  LegStatus status = LegStatus::applied;
  std::int64_t balance = 0;
};

// ShardBalances answers an audit: (account, balance) for each account of the shard, by account.
struct ShardBalances {
  std::vector<std::pair<std::int64_t, std::int64_t>> balances;
};

// JournalEntry is one committed operation of a shard: `delta` added to `account`, or, when
// `voided`, a promise that operation `op` never applies.
struct JournalEntry {
  std::uint64_t op = 0;
  std::int64_t account = 0;
  std::int64_t delta = 0;
  bool voided = false;
};

// Append asks the journal to record `entry` for `shard`; it answers Appended.
struct Append {
  std::size_t shard = 0;
  JournalEntry entry;
};
// Appended: `fresh` is false when the journal already had this op for the shard.
struct Appended {
  bool fresh = true;
};
// Replay asks the journal for every entry of `shard`, in commit order; it answers ShardLog.
struct Replay {
  std::size_t shard = 0;
};
struct ShardLog {
  std::vector<JournalEntry> entries;
};

// JournalCommand is everything the journal handles.
using JournalCommand = std::variant<Append, Replay>;

// name_of() is the word the report uses for a kind or a status ("deposit", "in_doubt").
std::string_view name_of(RequestKind kind) noexcept;
std::string_view name_of(OutcomeStatus status) noexcept;

}  // namespace courier::apps::bank
