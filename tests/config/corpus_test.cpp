// corpus_test.cpp: every file of good/ loads; every file of bad/ gives exactly its .expect report.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "courier/config/load.hpp"
#include "test_catalog.hpp"

namespace courier::config {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::test_catalog;
using testing::test_dir;

// files_in() gives the .json files of test folder `folder`, sorted.
std::vector<fs::path> files_in(const std::string& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(test_dir() + "/" + folder)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Corpus, EveryGoodFileLoads) {
  const std::vector<fs::path> files = files_in("good");
  ASSERT_GE(files.size(), 4u);
  for (const fs::path& file : files) {
    const auto loaded = load_topology(file, test_catalog());
    EXPECT_TRUE(loaded) << (loaded ? "" : loaded.error().to_string());
  }
}

TEST(Corpus, EveryBadFileGivesItsExpectedReport) {
  const std::vector<fs::path> files = files_in("bad");
  ASSERT_GE(files.size(), 20u);
  for (const fs::path& file : files) {
    fs::path expect = file;
    expect.replace_extension(".expect");
    ASSERT_TRUE(fs::exists(expect)) << expect;
    const std::string name = "bad/" + file.filename().string();
    const auto loaded = load_topology(read_text(file.string()), name, test_catalog());
    ASSERT_FALSE(loaded) << name;
    EXPECT_EQ(loaded.error().to_string(), read_text(expect.string())) << name;
  }
}

TEST(Corpus, FiveErrorsAreFiveReports) {
  const auto loaded = load_topology(read_text(test_dir() + "/bad/five_errors.json"),
                                    "five_errors.json", test_catalog());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().count(), 5u);
}

TEST(Corpus, TheWordCountExampleIsFullyDefaulted) {
  const auto loaded = load_topology(fs::path(test_dir() + "/good/wordcount.json"), test_catalog());
  ASSERT_TRUE(loaded) << loaded.error().to_string();
  const Topology& t = *loaded;
  EXPECT_EQ(t.runtime.workers, 2u);
  EXPECT_EQ(t.runtime.stack_size, 64u * 1024);
  EXPECT_EQ(t.runtime.budget, 128u);
  EXPECT_EQ(t.runtime.shutdown_timeout, std::chrono::seconds(5));
  ASSERT_EQ(t.actors.size(), 3u);
  EXPECT_EQ(t.actors[0].name, "reader");  // file order, not name order
  EXPECT_EQ(t.actors[0].params, nlohmann::json({{"path", "apps/words/data/sample.txt"}}));
  EXPECT_EQ(t.actors[0].mailbox, (MailboxPlan{MailboxKind::bounded, 1024, Overflow::wait}));
  EXPECT_EQ(t.actors[1].name, "split");
  EXPECT_EQ(t.actors[1].count, 4u);
  EXPECT_EQ(t.actors[1].params, nlohmann::json::object());
  EXPECT_EQ(t.actors[2].mailbox, (MailboxPlan{MailboxKind::unbounded, 0, Overflow::wait}));
  ASSERT_EQ(t.connections.size(), 2u);
  EXPECT_EQ(t.connections[0].from, "reader");
  EXPECT_EQ(t.connections[0].port, "lines");
  EXPECT_EQ(t.connections[0].to, "split");
  EXPECT_EQ(t.connections[0].message_type, "Line");
  EXPECT_TRUE(t.connections[0].strong);
  EXPECT_EQ(t.connections[1].message_type, "Word");
  ASSERT_EQ(t.supervision.size(), 1u);
  EXPECT_EQ(t.supervision[0].name, "root");
  EXPECT_EQ(t.supervision[0].parent, "");
  ASSERT_EQ(t.inject.size(), 1u);
  EXPECT_EQ(t.inject[0].to, "reader");
  EXPECT_EQ(t.inject[0].message, nlohmann::json({{"start", true}}));
}

TEST(Corpus, DefaultsMergeIntoEachMailboxAndGroupsKeepTheirTree) {
  const auto loaded = load_topology(fs::path(test_dir() + "/good/relay_ring.json"), test_catalog());
  ASSERT_TRUE(loaded) << loaded.error().to_string();
  const Topology& t = *loaded;
  EXPECT_EQ(t.runtime.workers, 0u);  // not given: one per core
  EXPECT_EQ(t.runtime.shutdown_timeout, std::chrono::milliseconds(250));
  // Defaults are unbounded with room for 32; a bounded override without a capacity takes the
  // built-in 1024, and keeps the default reserve.
  EXPECT_EQ(t.find_actor("first")->mailbox,
            (MailboxPlan{MailboxKind::unbounded, 0, Overflow::wait, 32}));
  EXPECT_EQ(t.find_actor("second")->mailbox,
            (MailboxPlan{MailboxKind::bounded, 16, Overflow::drop_newest, 32}));
  EXPECT_EQ(t.find_actor("third")->mailbox,
            (MailboxPlan{MailboxKind::bounded, 1024, Overflow::fail, 32}));
  EXPECT_EQ(t.find_actor("second")->routing, Routing::key_hash);
  EXPECT_EQ(t.find_actor("second")->supervisor, "edge");
  EXPECT_FALSE(t.connections[2].strong);
  ASSERT_EQ(t.supervision.size(), 3u);
  EXPECT_EQ(t.supervision[0].strategy, Strategy::all_for_one);
  EXPECT_EQ(t.supervision[0].on_limit, OnLimit::stop);
  EXPECT_EQ(t.supervision[0].within, std::chrono::minutes(1));
  EXPECT_EQ(t.find_group("ring")->parent, "root");
  EXPECT_EQ(t.find_group("edge")->parent, "ring");
  EXPECT_EQ(t.find_group("edge")->max_restarts, 3u);
}

}  // namespace
}  // namespace courier::config
