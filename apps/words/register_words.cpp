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
  registry
      .add<TextReader>("text_reader",
                       "path: string (required; a missing or unreadable file fails the launch), "
                       "chunk_bytes: int = 262144 (1..1073741824; chunks end at a separator)")
      .add<Tokenizer>("tokenizer")
      .add<WordCounter>("word_counter")
      .add<TopK>("top_k",
                 "k: int = 10 (words printed), dump: string = \"\" (a file to write every "
                 "\"word<TAB>count\" to, most frequent first)");
}

}  // namespace courier::apps::words
