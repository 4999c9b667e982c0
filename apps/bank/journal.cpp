// journal.cpp: appending and replaying shard entries.
#include "bank/journal.hpp"

namespace courier::apps::bank {

void Journal::on_message(JournalCommand command, Context& ctx) {
  if (const auto* append = std::get_if<Append>(&command)) {
    Shard& shard = shards_[append->shard];
    const bool fresh = shard.ops.insert(append->entry.op).second;
    if (fresh) shard.entries.push_back(append->entry);
    ctx.reply(Appended{fresh});
    return;
  }
  const auto& replay = std::get<Replay>(command);
  const auto found = shards_.find(replay.shard);
  ctx.reply(ShardLog{found == shards_.end() ? std::vector<JournalEntry>{} : found->second.entries});
}

}  // namespace courier::apps::bank
