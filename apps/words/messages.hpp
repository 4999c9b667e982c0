// messages.hpp: what the word-count pipeline's stages send each other.
//
//   text_reader --Chunk--> tokenizer ×T --WordPart--> word_counter ×N --ShardTable--> top_k
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "recycler.hpp"
#include "word_list.hpp"

namespace courier::apps::words {

// ReadNext is what a text_reader sends itself to read its next chunk, so that a stop is seen
// between two chunks.
struct ReadNext {};

// Chunk is a piece of the text, cut just after a separator so that no word spans two chunks.
// Whoever has handled it gives `text` back to `recycler` (if any) for the reader to reuse.
struct Chunk {
  std::string text;
  std::shared_ptr<Recycler<std::string>> recycler;
};

// WordPart is the words of one chunk that belong to counter shard `shard` (hash-partitioned),
// counted. `bytes` is the chunk's size on shard 0's part, 0 on the others, so that the bytes add
// up once.
// Whoever has handled it gives `words` back to `recycler` (if any) for the tokenizer to reuse.
struct WordPart {
  std::size_t shard = 0;
  std::uint64_t bytes = 0;
  WordList words;
  std::shared_ptr<Recycler<WordList>> recycler;
};

// courier_key() routes a part to its shard: key_hash sends key i to replica i % replicas.
inline std::size_t courier_key(const WordPart& part) noexcept {
  return part.shard;
}

// ShardTable is a counter's whole table, sent once when its input has ended.
struct ShardTable {
  WordList words;           // every word of the shard, with its count
  std::uint64_t bytes = 0;  // the text bytes reported to this shard
  std::uint64_t total = 0;  // words counted (with repeats)
};

}  // namespace courier::apps::words
