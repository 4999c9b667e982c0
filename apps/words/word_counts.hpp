// word_counts.hpp: counting words: a hash table over a WordList.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "word_list.hpp"

namespace courier::apps::words {

// WordCounts counts occurrences of words: an open-addressing table (linear probing, at most
// half full) whose slots point into a WordList, so the words are stored once, contiguously, in
// the order first seen. Callers pass the word's hash_word() so that it is computed once per word
// however many tables it passes through.
// Thread-safety: none; one owner at a time.
class WordCounts {
 public:
  WordCounts();

  // add() adds `count` to `word`, inserting it if it is new.
  void add(std::string_view word, std::uint64_t hash, std::uint64_t count = 1) {
    std::size_t i = hash & mask_;
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (;;) {
      const Slot s = slots_[i];
      if (s.index == 0) break;
      WordEntry& e = list_.entries()[s.index - 1];
      if (s.tag == tag && e.hash == hash && list_.word(e) == word) {
        e.count += count;
        return;
      }
      i = (i + 1) & mask_;
    }
    list_.push(word, hash, count);
    slots_[i] = Slot{tag, static_cast<std::uint32_t>(list_.size())};
    if (list_.size() * 2 > slots_.size()) grow();
  }

  // list() is the words counted so far, in the order first seen.
  const WordList& list() const noexcept { return list_; }
  std::size_t size() const noexcept { return list_.size(); }

  // take() hands over the words counted and leaves the table empty.
  WordList take();

  // clear() forgets every word and keeps the memory, for the next batch.
  void clear();

 private:
  struct Slot {
    std::uint32_t tag = 0;    // the hash's high half: most mismatches end here
    std::uint32_t index = 0;  // 1 + the entry's index in list_; 0 when the slot is free
  };

  void grow();

  std::vector<Slot> slots_;
  std::size_t mask_;
  WordList list_;
};

}  // namespace courier::apps::words
