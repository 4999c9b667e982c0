// word_scan.hpp: what a word is, and how a text is cut into words.
//
// A word is a maximal run of word bytes: ASCII letters, ASCII digits, and every byte >= 0x80 (so
// UTF-8 letters stay inside words, and invalid UTF-8 is simply more word bytes). ASCII letters
// are lower-cased; every other byte (spaces, punctuation, control bytes, NUL) separates words.
// Nothing here decodes UTF-8, so no input can make it fail.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace courier::apps::words {

namespace detail {

// kFolded maps each byte to itself lower-cased when it is a word byte, and to 0 when it
// separates words.
inline constexpr std::array<unsigned char, 256> kFolded = [] {
  std::array<unsigned char, 256> t{};
  for (int b = 0; b < 256; ++b) {
    if (b >= 'A' && b <= 'Z') {
      t[b] = static_cast<unsigned char>(b - 'A' + 'a');
    } else if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80) {
      t[b] = static_cast<unsigned char>(b);
    }
  }
  return t;
}();

}  // namespace detail

// is_word_byte() is true for the bytes words are made of.
inline bool is_word_byte(unsigned char b) noexcept {
  return detail::kFolded[b] != 0;
}

// last_separator() is the position just after the last separator byte of `text`, or 0 when
// `text` has none: cutting there leaves no word split between the two parts.
std::size_t last_separator(std::string_view text) noexcept;

// hash_word() is the hash every table of this app keys a (lower-cased) word by.
std::uint64_t hash_word(std::string_view word) noexcept;

// for_each_word() calls `f(word)` for each word of `text`, lower-cased, in order. The view
// passed to `f` lives until `f` returns. Words longer than the scratch buffer are still whole:
// the buffer grows. `f` must not wait (send, ask, sleep): the scratch buffer is per thread, and a
// fiber that waits may resume on another worker.
template <class F>
void for_each_word(std::string_view text, F&& f);

}  // namespace courier::apps::words

#include "word_scan_inl.hpp"
