// register_words.cpp: the app's types as `courier types` lists them.
#include "register_words.hpp"

#include "text_reader.hpp"
#include "tokenizer.hpp"
#include "top_k.hpp"
#include "word_counter.hpp"

namespace courier::apps::words {

void register_words(Registry& registry) {
  registry.name<ReadNext>("ReadNext")
      .name<Chunk>("Chunk")
      .name<WordPart>("WordPart")
      .name<ShardTable>("ShardTable");
  registry.add<TextReader>("text_reader")
      .add<Tokenizer>("tokenizer")
      .add<WordCounter>("word_counter")
      .add<TopK>("top_k");
}

}  // namespace courier::apps::words
