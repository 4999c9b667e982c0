// word_counter.cpp: merging parts, and the table sent at the end.
#include "word_counter.hpp"

#include <utility>

namespace courier::apps::words {

void WordCounter::on_message(WordPart part, Context& ctx) {
  (void)ctx;
  bytes_ += part.bytes;
  for (const WordEntry& e : part.words.entries()) {
    counts_.add(part.words.word(e), e.hash, e.count);
    total_ += e.count;
  }
  if (part.recycler) part.recycler->give_back(std::move(part.words));
}

void WordCounter::on_stop(Context& ctx) {
  (void)ctx;
  (void)out_.send(ShardTable{counts_.take(), bytes_, total_});
}

}  // namespace courier::apps::words
