// word_scan.cpp: cutting points and the word hash.
#include "word_scan.hpp"

#include <cstring>

namespace courier::apps::words {

std::size_t last_separator(std::string_view text) noexcept {
  for (std::size_t i = text.size(); i > 0; --i) {
    if (!is_word_byte(static_cast<unsigned char>(text[i - 1]))) return i;
  }
  return 0;
}

std::uint64_t hash_word(std::string_view word) noexcept {
  // Eight bytes at a time, a multiply and a fold per step: words are short, so this is one or
  // two steps for most; murmur3's finaliser then spreads every bit over the whole hash (the
  // counters' shard comes from the high bits, a table's slot from the low ones).
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = 0x243F6A8885A308D3ULL ^ word.size();
  auto mix = [&h](std::uint64_t v) {
    h = (h ^ v) * kMul;
    h ^= h >> 32;
  };
  std::size_t i = 0;
  for (; i + 8 <= word.size(); i += 8) {
    std::uint64_t v;
    std::memcpy(&v, word.data() + i, 8);
    mix(v);
  }
  if (i < word.size()) {
    std::uint64_t v = 0;
    std::memcpy(&v, word.data() + i, word.size() - i);
    mix(v);
  }
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace courier::apps::words
