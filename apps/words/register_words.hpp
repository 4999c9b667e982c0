// register_words.hpp: the word-count app's actor types, for a Registry.
#pragma once

#include "courier/config/registry.hpp"

namespace courier::apps::words {

// register_words() adds text_reader, tokenizer, word_counter and top_k, and names their
// messages (Chunk, WordPart, ShardTable, ReadNext).
void register_words(Registry& registry);

}  // namespace courier::apps::words
