// account_shard.hpp: one replica of the accounts: the accounts whose id % replicas is its index.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <vector>

#include "bank/fault_plan.hpp"
#include "bank/messages.hpp"
#include "courier/config/params.hpp"
#include "courier/config/registry.hpp"

namespace courier::apps::bank {

// AccountShard holds the balances of its accounts and the result of every operation it applied
// or voided, keyed by operation id, so a repeated operation answers its recorded result instead
// of applying twice. Its state is a cache of the journal: an operation counts once the journal
// acknowledged it, and an instance rebuilds its state from the journal (Replay) before its first
// command, so a restarted shard (a new instance, same mailbox) loses nothing but the command that
// failed. A shard learns its index from the commands sent to it (they carry it: key_hash routing
// sends `shard` to replica shard % count). With `fault_probability` > 0 its handler throws where
// its FaultPlan says (see fault_plan.hpp); a balance read throws before it reads. An audit never
// fails on purpose.
// Thread-safety: an actor; its state is touched only by its own handlers.
class AccountShard final : public Actor<AccountCommand> {
 public:
  struct Params {
    std::int64_t accounts = 64;           // account ids are 0 .. accounts-1, over all replicas
    std::int64_t initial_balance = 1000;  // every account's balance before any operation
    double fault_probability = 0.0;       // chance that one attempt's handler throws
    std::uint64_t seed = 1;               // seeds the FaultPlan
    std::chrono::milliseconds journal_timeout{1000};
    static constexpr auto fields =
        config::fields(config::param("accounts", &Params::accounts).at_least(1),
                       config::param("initial_balance", &Params::initial_balance).at_least(0),
                       config::param("fault_probability", &Params::fault_probability,
                                     "chance a handler throws, in [0, 1)"),
                       config::param("seed", &Params::seed),
                       config::param("journal_timeout", &Params::journal_timeout));
    // check() keeps fault_probability in [0, 1).
    [[nodiscard]] std::vector<config::ParamError> check() const;
  };
  static constexpr auto journal = port<JournalCommand>("journal");
  static constexpr auto ports = courier::ports(journal);

  AccountShard(const Params& params, const Outputs& outputs);
  void on_message(AccountCommand command, Context& ctx) override;

 private:
  void load(std::size_t shard);
  std::int64_t balance_of(std::int64_t account) const;
  bool owns(const AccountCommand& command) const noexcept;
  LegResult apply(const AccountCommand& command);
  LegResult void_op(const AccountCommand& command);
  // journal_then_commit() records `entry` in the journal, then in this instance's state, with a
  // fault point before, between and after.
  LegResult journal_then_commit(const AccountCommand& command, const JournalEntry& entry);
  void commit(const JournalEntry& entry);
  void fail_at(const AccountCommand& command, FaultPoint point) const;
  ShardBalances audit(std::size_t shards) const;

  Params params_;
  FaultPlan faults_;
  Output<JournalCommand> journal_;
  std::optional<std::size_t> shard_;
  std::unordered_map<std::int64_t, std::int64_t> balances_;  // accounts touched so far
  std::unordered_map<std::uint64_t, LegResult> recorded_;    // op -> its result
};

}  // namespace courier::apps::bank
