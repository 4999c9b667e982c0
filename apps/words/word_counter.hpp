// word_counter.hpp: one shard of the word counts.
#pragma once

#include <cstdint>

#include "courier/config/registry.hpp"
#include "messages.hpp"
#include "word_counts.hpp"

namespace courier::apps::words {

// WordCounter adds up the WordParts of its shard. When its input has ended (every tokenizer
// has stopped and its mailbox is drained) it sends its whole table, with the bytes and words it
// was told of, on its port "table", once.
// Thread-safety: an actor; its methods run one at a time.
class WordCounter final : public Actor<WordPart> {
 public:
  static constexpr auto table = port<ShardTable>("table");
  static constexpr auto ports = courier::ports(table);

  explicit WordCounter(const Outputs& outputs) : out_(outputs[table]) {}
  void on_message(WordPart part, Context& ctx) override;
  void on_stop(Context& ctx) override;

 private:
  Output<ShardTable> out_;
  WordCounts counts_;
  std::uint64_t bytes_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace courier::apps::words
