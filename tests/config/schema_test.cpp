// schema_test.cpp: topology.schema.json accepts every good file and refuses the structural
// mistakes of the bad ones, as the loader does.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

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
