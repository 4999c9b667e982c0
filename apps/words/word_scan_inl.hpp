// word_scan_inl.hpp: the inline body of for_each_word() (included by word_scan.hpp).
#pragma once

#include <string>

namespace courier::apps::words {

template <class F>
void for_each_word(std::string_view text, F&& f) {
  // A word is lower-cased into `folded` as it is scanned; one per thread, grown to the longest
  // word seen, so that scanning allocates nothing in the steady state.
  thread_local std::string folded(256, '\0');
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  while (p != end) {
    if (detail::kFolded[*p] == 0) {
      ++p;
      continue;
    }
    std::size_t n = 0;
    do {
      if (n == folded.size()) folded.resize(folded.size() * 2);
      folded[n++] = static_cast<char>(detail::kFolded[*p++]);
    } while (p != end && detail::kFolded[*p] != 0);
    f(std::string_view(folded.data(), n));
  }
}

}  // namespace courier::apps::words
