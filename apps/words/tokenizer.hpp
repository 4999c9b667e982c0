// tokenizer.hpp: counts the words of each chunk and splits the counts over the counter shards.
#pragma once

#include <memory>

#include "courier/config/registry.hpp"
#include "messages.hpp"
#include "word_counts.hpp"

namespace courier::apps::words {

// Tokenizer counts each Chunk's words into a table of its own, then sends one WordPart per
// counter shard on its port "parts": part i holds the words whose hash_word() picks shard i, and
// is sent with key i (key_hash routing gives it to counter replica i). Counting first means a
// shard receives each distinct word of a chunk once, not every occurrence.
// Thread-safety: an actor; its methods run one at a time.
class Tokenizer final : public Actor<Chunk> {
 public:
  static constexpr auto parts = port<WordPart>("parts");
  static constexpr auto ports = courier::ports(parts);

  explicit Tokenizer(const Outputs& outputs);
  void on_message(Chunk chunk, Context& ctx) override;

 private:
  Output<WordPart> out_;
  WordCounts counts_;
  std::shared_ptr<Recycler<WordList>> lists_;
};

// shard_of() is the counter shard of a word with hash `hash`, out of `shards`. It uses the
// hash's high half: tables pick their slots from the low one.
inline std::size_t shard_of(std::uint64_t hash, std::size_t shards) noexcept {
  return static_cast<std::size_t>((hash >> 32) % shards);
}

}  // namespace courier::apps::words
