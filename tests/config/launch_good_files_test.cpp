// launch_good_files_test.cpp: every file of tests/config/good/ launched with the word types that
// stand behind test_catalog(), and its results checked.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "courier/config/cli.hpp"
#include "launch_support.hpp"
#include "launch_word_types.hpp"
#include "test_catalog.hpp"

namespace courier::config::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// has_line() tells whether `printed` has `line` as one of its lines (actors stop in any order).
bool has_line(const std::string& printed, const std::string& line) {
  return ("\n" + printed).find("\n" + line + "\n") != std::string::npos;
}

std::uint64_t handled(const Launched& r, const char* actor) {
  return actor_summary(r.summary, actor).at("handled").get<std::uint64_t>();
}

void launch_minimal(const std::string& text) {
  // A lone reader: a source that stops itself; its port is unconnected, so its line goes nowhere.
  const Launched r = launch_text(text, word_registry());
  EXPECT_EQ(r.code, kExitOk) << r.errors;
  EXPECT_EQ(r.summary.at("status"), "completed");
  EXPECT_EQ(r.printed, "");
  EXPECT_EQ(handled(r, "reader"), 0u);
}

void launch_wordcount(const std::string& text) {
  // "apps/words/data/sample.txt" is five words, through four round-robin tokenizers.
  const Launched r = launch_text(text, word_registry());
  EXPECT_EQ(r.code, kExitOk) << r.errors;
  EXPECT_EQ(r.summary.at("status"), "completed");
  EXPECT_EQ(r.printed, "count: 5 words, 5 distinct\n");
  EXPECT_EQ(handled(r, "split"), 1u);
  EXPECT_EQ(actor_summary(r.summary, "split").at("count"), 4);
  EXPECT_EQ(handled(r, "count"), 5u);
}

void launch_two_readers(const std::string& text) {
  // As written it asks for 256 workers with 8 MiB stacks; the same topology on two workers.
  const Launched r =
      launch_text(text, word_registry(), {"/runtime/workers=2", "/runtime/stack_size=64KiB"});
  EXPECT_EQ(r.code, kExitOk) << r.errors;
  EXPECT_EQ(r.summary.at("status"), "completed");
  // news.txt twice, case kept; mail.txt and the injected "hello there".
  EXPECT_TRUE(has_line(r.printed, "count: 4 words, 2 distinct")) << r.printed;
  EXPECT_TRUE(has_line(r.printed, "sink: 4 words, 4 distinct")) << r.printed;
  EXPECT_EQ(actor_summary(r.summary, "words_a").at("count"), 10000);
  EXPECT_EQ(handled(r, "words_a"), 2u);
  EXPECT_EQ(handled(r, "words_b"), 2u);
  EXPECT_EQ(handled(r, "count"), 4u);
  EXPECT_EQ(handled(r, "sink"), 4u);
}

void launch_relay_ring(const std::string& text) {
  // It never ends by itself: "first" (only a weak edge in) and "tally" (none) are sources, and
  // neither a relay nor a word counter stops itself. Nothing can be injected (Word has no
  // from_json), so nothing flows: interrupted, it drains at once.
  const Launched r = launch_interrupted(text, word_registry(), 200ms);
  EXPECT_EQ(r.code, kExitInterrupted) << r.errors;
  EXPECT_EQ(r.summary.at("status"), "interrupted");
  EXPECT_EQ(r.printed, "tally: 0 words, 0 distinct\n");
  EXPECT_EQ(actor_summary(r.summary, "second").at("count"), 3);
  for (const auto& actor : r.summary.at("actors")) {
    EXPECT_EQ(actor.at("handled"), 0) << actor;
    EXPECT_EQ(actor.at("restarts"), 0) << actor;
  }
  EXPECT_EQ(r.summary.at("dead_letters"), 0);
}

TEST(LaunchGoodFiles, TheWordTypesAreWhatTheTestCatalogDescribes) {
  const TypeCatalog launched = word_registry().catalog();
  ASSERT_EQ(launched.all().size(), test_catalog().all().size());
  for (const TypeInfo& described : test_catalog().all()) {
    const TypeInfo* type = launched.find(described.name);
    ASSERT_NE(type, nullptr) << described.name;
    EXPECT_EQ(type->message_type, described.message_type) << described.name;
    ASSERT_EQ(type->ports.size(), described.ports.size()) << described.name;
    for (std::size_t i = 0; i < type->ports.size(); ++i) {
      EXPECT_EQ(type->ports[i].name, described.ports[i].name) << described.name;
      EXPECT_EQ(type->ports[i].message_type, described.ports[i].message_type) << described.name;
    }
    EXPECT_EQ(static_cast<bool>(type->check_params), static_cast<bool>(described.check_params))
        << described.name;
    EXPECT_EQ(static_cast<bool>(type->check_message), static_cast<bool>(described.check_message))
        << described.name;
    EXPECT_EQ(type->keyed, described.keyed) << described.name;
  }
}

TEST(LaunchGoodFiles, EveryGoodFileIsLaunchedAndGivesItsResults) {
  const std::map<std::string, std::function<void(const std::string&)>> launches{
      {"minimal.json", launch_minimal},
      {"wordcount.json", launch_wordcount},
      {"two_readers.json", launch_two_readers},
      {"relay_ring.json", launch_relay_ring},
  };
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(test_dir() + "/good")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_EQ(files.size(), launches.size());
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.filename().string());
    const auto launch = launches.find(file.filename().string());
    if (launch == launches.end()) {
      ADD_FAILURE() << "no expected results for good/" << file.filename().string();
      continue;
    }
    launch->second(read_text(file.string()));
  }
}

}  // namespace
}  // namespace courier::config::testing
