// word_list.hpp: a flat list of distinct words with their hashes and counts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace courier::apps::words {

// WordEntry is one word of a WordList: its bytes are text()[offset, offset + length).
struct WordEntry {
  std::uint64_t hash = 0;
  std::uint64_t count = 0;
  std::size_t offset = 0;
  std::uint32_t length = 0;
};

// WordList holds words and their counts in two flat arrays (all the words' bytes in one string),
// so that a whole list moves between actors as two pointers and is read front to back.
// Thread-safety: none; one owner at a time (it is moved inside messages).
class WordList {
 public:
  // push() appends `word` (hash `hash`) with `count`; it does not look for an earlier copy.
  void push(std::string_view word, std::uint64_t hash, std::uint64_t count) {
    entries_.push_back({hash, count, text_.size(), static_cast<std::uint32_t>(word.size())});
    text_.append(word);
  }

  // word() is the bytes of `e`, an entry of this list.
  std::string_view word(const WordEntry& e) const noexcept {
    return std::string_view(text_).substr(e.offset, e.length);
  }

  const std::vector<WordEntry>& entries() const noexcept { return entries_; }
  std::vector<WordEntry>& entries() noexcept { return entries_; }
  std::size_t size() const noexcept { return entries_.size(); }
  bool empty() const noexcept { return entries_.empty(); }

  // clear() empties the list and keeps its memory.
  void clear() noexcept {
    entries_.clear();
    text_.clear();
  }

 private:
  std::vector<WordEntry> entries_;
  std::string text_;
};

}  // namespace courier::apps::words
