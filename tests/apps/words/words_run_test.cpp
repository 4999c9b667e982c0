// words_run_test.cpp: apps/words/words.json run by the `courier` command on small files, its
// counts compared word by word with a direct count made here, its errors with their text.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "apps/courier_child.hpp"

namespace courier::apps::words::testing {
namespace {

namespace fs = std::filesystem;
using courier::apps::testing::Ran;
using courier::apps::testing::run_courier;
using Counts = std::map<std::string, std::uint64_t>;

const std::string kTopology = std::string(COURIER_APPS_DIR) + "/words/words.json";
const std::string kSample = std::string(COURIER_APPS_DIR) + "/words/data/sample.txt";

// direct_count() counts the words of `text` the plain way, by the definition of
// apps/words/README.md: runs of ASCII letters, digits and bytes >= 0x80, ASCII lower-cased.
Counts direct_count(const std::string& text) {
  Counts counts;
  std::string word;
  for (const char c : text + " ") {
    const auto b = static_cast<unsigned char>(c);
    const bool letter = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    if (letter || (b >= '0' && b <= '9') || b >= 0x80) {
      word += letter ? static_cast<char>(b | 0x20) : c;
    } else if (!word.empty()) {
      ++counts[word];
      word.clear();
    }
  }
  return counts;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// read_dump() reads a top_k dump: "word<TAB>count" lines.
Counts read_dump(const fs::path& path, std::vector<std::uint64_t>& order) {
  Counts counts;
  std::istringstream in(read_all(path));
  for (std::string line; std::getline(in, line);) {
    const std::size_t tab = line.rfind('\t');
    if (tab == std::string::npos) {
      ADD_FAILURE() << "a dump line without a tab: " << line;
      continue;
    }
    const std::uint64_t n = std::stoull(line.substr(tab + 1));
    EXPECT_TRUE(counts.emplace(line.substr(0, tab), n).second) << "twice: " << line;
    order.push_back(n);
  }
  return counts;
}

// Totals is the merger's "totals:" line.
struct Totals {
  std::uint64_t bytes = 0, words = 0, distinct = 0;
  bool found = false;
};

// totals_of() reads the totals line (plain parsing: g++ 12 gives false warnings on std::regex
// in the sanitizer builds).
Totals totals_of(const std::string& output) {
  Totals t;
  const std::size_t at = output.find("totals: ");
  if (at == std::string::npos) return t;
  unsigned long long bytes = 0, words = 0, distinct = 0;
  if (std::sscanf(output.c_str() + at, "totals: %llu bytes, %llu words, %llu distinct, ", &bytes,
                  &words, &distinct) == 3) {
    t = {bytes, words, distinct, true};
  }
  return t;
}

std::uint64_t total_words(const Counts& counts) {
  std::uint64_t n = 0;
  for (const auto& [w, c] : counts) n += c;
  return n;
}

// mixed_text() is a deterministic text of `n` bytes: words in mixed case, digits, UTF-8,
// invalid UTF-8, NUL bytes, punctuation and line breaks.
std::string mixed_text(std::size_t n) {
  static const std::vector<std::string> pieces = {
      "The",         "the",   "THE",   "quick",  "brown", "fox42",
      "caf\xC3\xA9", "\xFF",  "\xC3",  "na\xEF", "x",     std::string(1, '\0'),
      " ",           " ",     ",",     ".\n",    "--",    "\xF0\x9F\x98",
      "Zebra",       "zEbRa", "12345", "a_b",    "\t"};
  std::string text;
  std::uint64_t state = 12345;
  while (text.size() < n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    text += pieces[(state >> 33) % pieces.size()];
    if ((state >> 20) % 3 == 0) text += ' ';
  }
  text.resize(n);
  return text;
}

class WordsRun : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("courier-words-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

  // run() runs words.json on `path`, dumping to dump.txt, with more `--set`s.
  Ran run(const fs::path& path, const std::vector<std::string>& sets = {}) {
    std::vector<std::string> args{"run",   kTopology,
                                  "--set", "/actors/reader/params/path=" + path.string(),
                                  "--set", "/actors/top/params/dump=" + dump().string()};
    for (const std::string& s : sets) {
      args.push_back("--set");
      args.push_back(s);
    }
    return run_courier(args);
  }

  fs::path dump() const { return dir_ / "dump.txt"; }

  // expect_exact() runs `text` through the pipeline and checks every count and total.
  void expect_exact(const std::string& text, const std::vector<std::string>& sets = {}) {
    const Counts expected = direct_count(text);
    const Ran ran = run(write("text.txt", text), sets);
    ASSERT_EQ(ran.code, 0) << ran.output();
    std::vector<std::uint64_t> order;
    const Counts got = read_dump(dump(), order);
    EXPECT_EQ(got.size(), expected.size());
    EXPECT_TRUE(got == expected) << "the counts differ from a direct count";
    EXPECT_TRUE(std::is_sorted(order.rbegin(), order.rend())) << "dump not most frequent first";
    const Totals t = totals_of(ran.output());
    ASSERT_TRUE(t.found) << ran.output();
    EXPECT_EQ(t.bytes, text.size());
    EXPECT_EQ(t.words, total_words(expected));
    EXPECT_EQ(t.distinct, expected.size());
    EXPECT_NE(ran.output().find("completed in "), std::string::npos) << ran.output();
    EXPECT_NE(ran.output().find(", 0 dead letters in all"), std::string::npos) << ran.output();
  }

  fs::path dir_;
};

TEST_F(WordsRun, MixedTextWithInvalidUtf8AndNulsIsCountedExactly) {
  expect_exact(mixed_text(300000));
}

TEST_F(WordsRun, TinyChunksSplitWordsAtEveryPositionYetCountExactly) {
  const std::string text = mixed_text(20000);
  for (const char* chunk : {"1", "2", "7", "100"}) {
    SCOPED_TRACE(chunk);
    expect_exact(text, {std::string("/actors/reader/params/chunk_bytes=") + chunk});
  }
}

TEST_F(WordsRun, OtherReplicaCountsAndOneWorkerCountTheSame) {
  const std::string text = mixed_text(100000);
  expect_exact(text, {"/actors/tokenizer/count=3", "/actors/counter/count=5", "/runtime/workers=1",
                      "/actors/reader/params/chunk_bytes=999"});
  expect_exact(text, {"/actors/tokenizer/count=1", "/actors/counter/count=1"});
}

TEST_F(WordsRun, WordsLongerThanAChunkStayWhole) {
  const std::string text = std::string(100000, 'x') + " y\n" + std::string(100000, 'X') + ".y";
  expect_exact(text, {"/actors/reader/params/chunk_bytes=1000"});
  std::vector<std::uint64_t> order;
  EXPECT_EQ(read_dump(dump(), order)[std::string(100000, 'x')], 2u);
}

TEST_F(WordsRun, EmptyFileGivesZeroTotals) {
  expect_exact("");
  const Ran ran = run(write("empty.txt", ""));
  EXPECT_NE(ran.output().find("totals: 0 bytes, 0 words, 0 distinct, "), std::string::npos)
      << ran.output();
}

TEST_F(WordsRun, SeparatorsOnlyCountTheirBytesAndNoWords) {
  expect_exact(std::string(5000, '\0') + " ,.;\n\t" + std::string(3000, '-'),
               {"/actors/reader/params/chunk_bytes=256"});
}

TEST_F(WordsRun, ShippedSampleGivesTheDirectTopTen) {
  const std::string text = read_all(kSample);
  ASSERT_GT(text.size(), 100000u);
  ASSERT_LT(text.size(), 1000000u);
  expect_exact(text);
  // The printed top 10 is the direct count's, most frequent first (ties by byte order).
  const Counts counts = direct_count(text);
  std::vector<std::pair<std::string, std::uint64_t>> ranked(counts.begin(), counts.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  const Ran ran = run(kSample);
  std::string expected = "rank        count  word\n";
  for (std::size_t i = 0; i < 10; ++i) {
    char line[256];
    std::snprintf(line, sizeof line, "%4zu  %11llu  %s\n", i + 1,
                  static_cast<unsigned long long>(ranked[i].second), ranked[i].first.c_str());
    expected += line;
  }
  EXPECT_NE(ran.output().find(expected), std::string::npos) << expected << "\n---\n"
                                                            << ran.output();
}

TEST_F(WordsRun, MissingFileFailsTheLaunchSayingWhy) {
  const fs::path missing = dir_ / "no-such-file.txt";
  const Ran ran = run(missing);
  EXPECT_EQ(ran.code, 1) << ran.output();
  EXPECT_NE(ran.output().find("text_reader: cannot open \"" + missing.string() +
                              "\": No such file or directory"),
            std::string::npos)
      << ran.output();
  EXPECT_FALSE(fs::exists(dump()));
}

TEST_F(WordsRun, DirectoryFailsTheLaunchSayingWhy) {
  const Ran ran = run(dir_);
  EXPECT_EQ(ran.code, 1) << ran.output();
  EXPECT_NE(ran.output().find("text_reader: cannot read \"" + dir_.string() + "\": Is a directory"),
            std::string::npos)
      << ran.output();
}

TEST_F(WordsRun, UnreadableFileFailsTheLaunchSayingWhy) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads every file";
  const fs::path locked = write("locked.txt", "some words");
  ASSERT_EQ(chmod(locked.c_str(), 0), 0);
  const Ran ran = run(locked);
  EXPECT_EQ(ran.code, 1) << ran.output();
  EXPECT_NE(ran.output().find("\": Permission denied"), std::string::npos) << ran.output();
}

TEST_F(WordsRun, BadParamsAreRefusedBeforeAnythingRuns) {
  const Ran ran = run(write("t.txt", "a"), {"/actors/reader/params/chunk_bytes=0"});
  EXPECT_EQ(ran.code, 2) << ran.output();
  EXPECT_NE(
      ran.output().find(
          "/actors/reader/params/chunk_bytes: expected an integer from 1 to 1073741824, found 0"),
      std::string::npos)
      << ran.output();
}

}  // namespace
}  // namespace courier::apps::words::testing
