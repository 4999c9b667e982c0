// schema_test.cpp: topology.schema.json accepts every good file and refuses the structural
// mistakes of the bad ones, as the loader does.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

#include "schema_checker.hpp"
#include "test_catalog.hpp"

namespace courier::config {
namespace {

using nlohmann::json;
using testing::check_against_schema;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::read_text;
using testing::test_dir;

const json& schema() {
  static const json parsed = json::parse(read_text(COURIER_CONFIG_SCHEMA));
  return parsed;
}

json file(const std::string& relative) {
  return json::parse(read_text(test_dir() + "/" + relative));
}

TEST(Schema, EveryGoodFileConforms) {
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test_dir() + "/good")) {
    EXPECT_THAT(check_against_schema(schema(), json::parse(read_text(entry.path().string()))),
                IsEmpty())
        << entry.path();
    ++checked;
  }
  EXPECT_GE(checked, 4);
}

// json_files_in() gives the .json files directly in `folder` (none when it does not exist).
std::vector<std::filesystem::path> json_files_in(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::is_directory(folder)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  return files;
}

TEST(Schema, EveryShippedTopologyConforms) {
  // The schema sits in config/ of the source tree; the apps' topologies are apps/*/*.json (their
  // types are not in this test program: `courier validate` checks those in the launch tests).
  const std::filesystem::path root =
      std::filesystem::path(COURIER_CONFIG_SCHEMA).parent_path().parent_path();
  std::vector<std::filesystem::path> files = json_files_in(root / "config" / "examples");
  ASSERT_FALSE(files.empty());
  if (std::filesystem::is_directory(root / "apps")) {
    for (const auto& app : std::filesystem::directory_iterator(root / "apps")) {
      for (const auto& file : json_files_in(app.path())) files.push_back(file);
    }
  }
  for (const std::filesystem::path& path : files) {
    EXPECT_THAT(check_against_schema(schema(), json::parse(read_text(path.string()))), IsEmpty())
        << path;
  }
}

TEST(Schema, RefusesTheStructuralMistakesOfTheBadFiles) {
  EXPECT_THAT(
      check_against_schema(schema(), file("bad/unknown_key.json")),
      ElementsAre("/actors/reader/tpye: additional property", "/actors/reader: missing \"type\""));
  EXPECT_THAT(check_against_schema(schema(), file("bad/wrong_type.json")),
              ElementsAre("/runtime/workers: not of type integer"));
  EXPECT_THAT(check_against_schema(schema(), file("bad/capacity_zero.json")),
              ElementsAre("/defaults/mailbox/capacity: below minimum"));
  EXPECT_THAT(check_against_schema(schema(), file("bad/capacity_unbounded.json")),
              ElementsAre("/actors/count/mailbox: matches none of anyOf"));
  EXPECT_THAT(check_against_schema(schema(), file("bad/out_of_range.json")),
              ElementsAre("/actors/split/count: below minimum", "/runtime/workers: above maximum"));
  EXPECT_THAT(check_against_schema(schema(), file("bad/bare_number_size.json")),
              ElementsAre("/runtime/stack_size: not of type string"));
  EXPECT_THAT(check_against_schema(schema(), file("bad/bad_duration.json")),
              ElementsAre("/runtime/shutdown_timeout: \"5 seconds\" does not match "
                          "^[0-9]+(ms|s|m|h)$"));
  EXPECT_THAT(check_against_schema(schema(), file("bad/bad_instance_name.json")),
              ElementsAre("/actors/Word-Count: \"Word-Count\" does not match ^[a-z][a-z0-9_]*$"));
}

TEST(Schema, TheCheckerReportsKeywordsItDoesNotImplement) {
  EXPECT_THAT(check_against_schema(json{{"const", 1}}, json(1)),
              ElementsAre(": unsupported keyword const"));
}

}  // namespace
}  // namespace courier::config
