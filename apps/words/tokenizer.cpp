// tokenizer.cpp: a chunk counted and partitioned.
#include "tokenizer.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "word_scan.hpp"

namespace courier::apps::words {

Tokenizer::Tokenizer(const Outputs& outputs)
    : out_(outputs[parts]),
      // Enough lists for the parts in flight to a few counters; more are simply freed.
      lists_(std::make_shared<Recycler<WordList>>(64)) {}

void Tokenizer::on_message(Chunk chunk, Context& ctx) {
  (void)ctx;
  counts_.clear();
  for_each_word(chunk.text, [this](std::string_view word) { counts_.add(word, hash_word(word)); });

  const std::size_t shards = std::max<std::size_t>(out_.replicas(), 1);
  std::vector<WordPart> split(shards);
  for (std::size_t i = 0; i < shards; ++i) {
    split[i].shard = i;
    split[i].words = lists_->take();
    split[i].recycler = lists_;
  }
  split[0].bytes = chunk.text.size();
  const WordList& list = counts_.list();
  for (const WordEntry& e : list.entries()) {
    split[shard_of(e.hash, shards)].words.push(list.word(e), e.hash, e.count);
  }
  // Shard 0 always hears of the chunk (its bytes count even when it has no words).
  if (chunk.recycler) chunk.recycler->give_back(std::move(chunk.text));
  for (WordPart& part : split) {
    if (part.shard == 0 || !part.words.empty()) {
      (void)out_.send(std::move(part));
    } else {
      lists_->give_back(std::move(part.words));
    }
  }
}

}  // namespace courier::apps::words
