// journal.hpp: the bank's durable record: every committed operation of every account shard.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "bank/messages.hpp"
#include "courier/config/registry.hpp"

namespace courier::apps::bank {

// Journal keeps, per account shard, the entries the shard committed, in commit order. An
// operation counts once the journal has answered its Append; a restarted shard rebuilds itself
// from Replay. It never fails on purpose (it plays the part of the disk). Append is idempotent
// per (shard, op): a repeat is not recorded again and answers `fresh = false`.
// Thread-safety: an actor; its state is touched only by its own handler.
class Journal final : public Actor<JournalCommand> {
 public:
  Journal() = default;
  void on_message(JournalCommand command, Context& ctx) override;

 private:
  struct Shard {
    std::vector<JournalEntry> entries;
    std::unordered_set<std::uint64_t> ops;
  };
  std::unordered_map<std::size_t, Shard> shards_;
};

}  // namespace courier::apps::bank
