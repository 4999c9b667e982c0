// overrides_test.cpp: --set /json/pointer=value, alone and through the loader.
#include "courier/config/overrides.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "courier/config/load.hpp"
#include "test_catalog.hpp"

namespace courier::config {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using testing::test_catalog;

TEST(Overrides, ReadsTheValueAsJsonOrElseAsAString) {
  const auto number = parse_override("/runtime/workers=4");
  ASSERT_TRUE(number);
  EXPECT_EQ(number->pointer, "/runtime/workers");
  EXPECT_EQ(number->value, json(4));
  EXPECT_EQ(parse_override("/a=64KiB")->value, json("64KiB"));
  EXPECT_EQ(parse_override("/a=\"4\"")->value, json("4"));
  EXPECT_EQ(parse_override("/a={\"kind\": \"unbounded\"}")->value, json({{"kind", "unbounded"}}));
  EXPECT_EQ(parse_override("/a=x=y")->value, json("x=y"));  // split at the first '='
  EXPECT_EQ(parse_override("/a=")->value, json(""));
}

TEST(Overrides, RefusesAssignmentsWithoutAPointer) {
  EXPECT_FALSE(parse_override("workers=4"));
  EXPECT_FALSE(parse_override("=4"));
  EXPECT_FALSE(parse_override("/runtime/workers"));
  EXPECT_FALSE(parse_override("/a~2=1"));  // "~2" is no escape
}

TEST(Overrides, SetsReplacesAndAppendsButNeverCreatesParents) {
  json doc = {{"runtime", {{"workers", 2}}}, {"list", {1, 2}}};
  EXPECT_EQ(apply_override(doc, *parse_override("/runtime/workers=8")), "");
  EXPECT_EQ(apply_override(doc, *parse_override("/runtime/budget=64")), "");
  EXPECT_EQ(apply_override(doc, *parse_override("/list/0=7")), "");
  EXPECT_EQ(apply_override(doc, *parse_override("/list/-=9")), "");
  EXPECT_EQ(apply_override(doc, *parse_override("/list/3=10")), "");
  EXPECT_EQ(doc, json({{"runtime", {{"workers", 8}, {"budget", 64}}}, {"list", {7, 2, 9, 10}}}));
  EXPECT_EQ(apply_override(doc, *parse_override("/defaults/mailbox/kind=unbounded")),
            "expected an existing object or array at \"/defaults/mailbox\" to set \"kind\" in, "
            "found nothing");
  EXPECT_EQ(apply_override(doc, *parse_override("/list/9=1")),
            "expected an index from 0 to 4 or \"-\" in the array at \"/list\", found \"9\"");
  EXPECT_EQ(apply_override(doc, *parse_override("/runtime/workers/x=1")),
            "expected an object or array at \"/runtime/workers\" to set \"x\" in, found 8");
}

const char* const kFile =
    "{\"version\": 1,\n"
    " \"runtime\": {\"workers\": 2},\n"
    " \"actors\": {\"count\": {\"type\": \"word_counter\"}}}";

TEST(Overrides, AreAppliedBeforeValidation) {
  const std::vector<std::string> sets{"/runtime/workers=4", "/actors/count/count=3",
                                      "/runtime/stack_size=128KiB"};
  const auto loaded = load_topology(kFile, "t.json", test_catalog(), sets);
  ASSERT_TRUE(loaded) << loaded.error().to_string();
  EXPECT_EQ(loaded->runtime.workers, 4u);
  EXPECT_EQ(loaded->runtime.stack_size, 128u * 1024);
  EXPECT_EQ(loaded->actors[0].count, 3u);
}

TEST(Overrides, ProblemsWithOverriddenValuesPointAtTheCommandLine) {
  const std::vector<std::string> sets{"/runtime/workers=0", "workers", "/nope/x=1",
                                      "/actors/count/mailbox={\"capacity\": 0}"};
  const auto loaded = load_topology(kFile, "t.json", test_catalog(), sets);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().to_string(),
            "t.json (--set): /: expected --set /json/pointer=value, found \"workers\"\n"
            "t.json (--set): /nope/x: expected an existing object or array at \"/nope\" to set "
            "\"x\" in, found nothing\n"
            "t.json (--set): /runtime/workers: expected an integer from 1 to 256, found 0\n"
            "t.json (--set): /actors/count/mailbox/capacity: expected an integer from 1 to "
            "268435456, found 0\n"
            "4 errors in t.json\n");
}

}  // namespace
}  // namespace courier::config
