// word_scan_test.cpp: the word definition and the counting table, in this process.
#include "words/word_scan.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "words/word_counts.hpp"

namespace courier::apps::words {
namespace {

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  for_each_word(text, [&](std::string_view w) { out.emplace_back(w); });
  return out;
}

TEST(WordScan, LettersDigitsAndHighBytesMakeWordsEverythingElseSeparates) {
  constexpr char kText[] = "Hello, WORLD! it's 42x\0caf\xC3\xA9 a_b\xFF\xFE-";
  const std::string text(kText, sizeof kText - 1);
  EXPECT_EQ(words_of(text), (std::vector<std::string>{"hello", "world", "it", "s", "42x",
                                                      "caf\xC3\xA9", "a", "b\xFF\xFE"}));
}

TEST(WordScan, EmptyAndSeparatorOnlyTextsHaveNoWords) {
  EXPECT_TRUE(words_of("").empty());
  EXPECT_TRUE(words_of(std::string(" \t\n.,;\0", 7)).empty());
}

TEST(WordScan, AWordLongerThanTheScratchBufferStaysWhole) {
  const std::string text = " " + std::string(5000, 'Q') + " z";
  EXPECT_EQ(words_of(text), (std::vector<std::string>{std::string(5000, 'q'), "z"}));
}

TEST(WordScan, LastSeparatorIsThePositionAfterTheLastSeparator) {
  EXPECT_EQ(last_separator("abc def"), 4u);
  EXPECT_EQ(last_separator("abc def "), 8u);
  EXPECT_EQ(last_separator("abcdef"), 0u);
  EXPECT_EQ(last_separator(""), 0u);
  EXPECT_EQ(last_separator(std::string("ab\0cd", 5)), 3u);
}

// numbered_word(7) is "w7". Appended rather than `"w" + std::to_string(i)`, which g++ 12 at -O3
// reports as an overlapping copy (-Wrestrict): a known false positive of that compiler.
std::string numbered_word(std::size_t i) {
  std::string word = "w";
  word += std::to_string(i);
  return word;
}

TEST(WordCounts, CountsEveryWordExactlyThroughGrowth) {
  WordCounts counts;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 5000; ++i) {
      const std::string w = numbered_word(static_cast<std::size_t>(i));
      counts.add(w, hash_word(w), static_cast<std::uint64_t>(i % 7 + 1));
    }
  }
  ASSERT_EQ(counts.size(), 5000u);
  const WordList& list = counts.list();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const WordEntry& e = list.entries()[i];
    EXPECT_EQ(list.word(e), numbered_word(i));
    EXPECT_EQ(e.count, 3 * (i % 7 + 1));
  }
  const WordList taken = counts.take();
  EXPECT_EQ(taken.size(), 5000u);
  EXPECT_EQ(counts.size(), 0u);
  counts.add("w1", hash_word("w1"));
  EXPECT_EQ(counts.list().entries()[0].count, 1u);
}

}  // namespace
}  // namespace courier::apps::words
