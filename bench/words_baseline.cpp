// words_baseline.cpp: courier-words-baseline FILE counts the words of FILE on one thread, with no
// actors: 1 MiB buffered reads, the app's word definition (apps/words/word_scan.hpp) and its
// hash table (WordCounts), so that bench/words.sh compares the pipeline with the same work done
// plainly. Prints the totals as the app's top_k does, and the most frequent word.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "words/peak_rss.hpp"
#include "words/word_counts.hpp"
#include "words/word_scan.hpp"

int main(int argc, char** argv) {
  namespace w = courier::apps::words;
  if (argc != 2) {
    std::fprintf(stderr, "usage: courier-words-baseline FILE\n");
    return 2;
  }
  const auto began = std::chrono::steady_clock::now();
  const int fd = ::open(argv[1], O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::fprintf(stderr, "cannot open \"%s\": %s\n", argv[1], std::strerror(errno));
    return 1;
  }
  w::WordCounts counts;
  std::uint64_t bytes = 0;
  std::string buffer;
  std::size_t carried = 0;  // the start of a word cut by the previous read
  constexpr std::size_t kRead = 1 << 20;
  for (;;) {
    buffer.resize(carried + kRead);
    const ssize_t n = ::read(fd, buffer.data() + carried, kRead);
    if (n < 0) {
      std::fprintf(stderr, "cannot read \"%s\": %s\n", argv[1], std::strerror(errno));
      return 1;
    }
    bytes += static_cast<std::uint64_t>(n);
    const std::size_t size = carried + static_cast<std::size_t>(n);
    const std::string_view text(buffer.data(), size);
    // At end of file everything is whole words; before it, the last word may go on.
    const std::size_t cut = n == 0 ? size : w::last_separator(text);
    w::for_each_word(text.substr(0, cut),
                     [&](std::string_view word) { counts.add(word, w::hash_word(word)); });
    std::memmove(buffer.data(), buffer.data() + cut, size - cut);
    carried = size - cut;
    if (n == 0) break;
  }
  ::close(fd);
  std::uint64_t total = 0;
  const w::WordEntry* top = nullptr;
  for (const w::WordEntry& e : counts.list().entries()) {
    total += e.count;
    if (top == nullptr || e.count > top->count) top = &e;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  std::printf(
      "totals: %llu bytes, %llu words, %llu distinct, %.3f s, %.1f MB/s, peak RSS %.1f MiB\n",
      static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(total),
      static_cast<unsigned long long>(counts.size()), seconds,
      seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0,
      static_cast<double>(w::peak_rss_bytes()) / (1024.0 * 1024.0));
  if (top != nullptr) {
    const std::string_view word = counts.list().word(*top);
    std::printf("most frequent: %.*s %llu\n", static_cast<int>(word.size()), word.data(),
                static_cast<unsigned long long>(top->count));
  }
  return 0;
}
