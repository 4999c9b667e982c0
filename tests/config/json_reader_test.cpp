// json_reader_test.cpp: positions, duplicate keys and syntax errors of the positioned reader.
#include "courier/config/json_reader.hpp"

#include <gtest/gtest.h>

#include <string>

namespace courier::config {
namespace {

TextPosition at(std::size_t line, std::size_t column) {
  return TextPosition{line, column};
}

TEST(JsonReader, RecordsWhereEveryValueAndKeyStarts) {
  const std::string text =
      "{\n"
      "  \"a\": 12,\n"
      "  \"b\" : [true, null,\n"
      "          {\"c\": \"x\"}],\n"
      "  \"d\":-1.5e3}";
  const JsonDocument doc = read_json(text);
  ASSERT_FALSE(doc.syntax_error);
  EXPECT_EQ(doc.value["b"][2]["c"], "x");
  EXPECT_EQ(doc.value_position(""), at(1, 1));
  EXPECT_EQ(doc.key_position("/a"), at(2, 3));
  EXPECT_EQ(doc.value_position("/a"), at(2, 8));
  EXPECT_EQ(doc.key_position("/b"), at(3, 3));
  EXPECT_EQ(doc.value_position("/b"), at(3, 9));
  EXPECT_EQ(doc.value_position("/b/0"), at(3, 10));
  EXPECT_EQ(doc.value_position("/b/1"), at(3, 16));
  EXPECT_EQ(doc.value_position("/b/2"), at(4, 11));
  EXPECT_EQ(doc.key_position("/b/2/c"), at(4, 12));
  EXPECT_EQ(doc.value_position("/b/2/c"), at(4, 17));
  EXPECT_EQ(doc.value_position("/d"), at(5, 7));
}

TEST(JsonReader, NumbersFollowedByNewlinesDoNotShiftTheNextToken) {
  // The lexer reads one character past a number; that character must not be lost or counted
  // twice.
  const JsonDocument doc = read_json("[1\n,2\n,\n3]");
  EXPECT_EQ(doc.value_position("/0"), at(1, 2));
  EXPECT_EQ(doc.value_position("/1"), at(2, 2));
  EXPECT_EQ(doc.value_position("/2"), at(4, 1));
}

TEST(JsonReader, ColumnsCountCharactersNotBytes) {
  const JsonDocument doc = read_json("{\"é€\": \"ü\", \"k\": 1}");
  EXPECT_EQ(doc.value_position("/\xC3\xA9\xE2\x82\xAC"), at(1, 8));
  EXPECT_EQ(doc.key_position("/k"), at(1, 13));
}

TEST(JsonReader, SkipsAByteOrderMarkAndCountsCrLfAsOneLineEnd) {
  const JsonDocument doc = read_json("\xEF\xBB\xBF{\r\n\"a\": 1}");
  ASSERT_FALSE(doc.syntax_error);
  EXPECT_EQ(doc.value_position(""), at(1, 1));
  EXPECT_EQ(doc.value_position("/a"), at(2, 6));
}

TEST(JsonReader, EscapesKeysInPointers) {
  const JsonDocument doc = read_json(R"({"a/b": {"m~n": 1}})");
  EXPECT_EQ(doc.value_position("/a~1b/m~0n"), at(1, 17));
}

TEST(JsonReader, DetectsDuplicateKeysAndKeepsTheLastValue) {
  const JsonDocument doc = read_json("{\"x\": 1,\n \"y\": {\"z\": 1, \"z\": 2},\n \"x\": 3}");
  ASSERT_EQ(doc.duplicate_keys.size(), 2u);
  EXPECT_EQ(doc.duplicate_keys[0].pointer, "/y/z");
  EXPECT_EQ(doc.duplicate_keys[0].position, at(2, 16));
  EXPECT_EQ(doc.duplicate_keys[0].first, at(2, 8));
  EXPECT_EQ(doc.duplicate_keys[1].key, "x");
  EXPECT_EQ(doc.duplicate_keys[1].position, at(3, 2));
  EXPECT_EQ(doc.duplicate_keys[1].first, at(1, 2));
  EXPECT_EQ(doc.value["x"], 3);
  EXPECT_EQ(doc.value_position("/x"), at(3, 7));
}

TEST(JsonReader, PlacesASyntaxErrorAtTheOffendingCharacterInsideItsValue) {
  const JsonDocument doc = read_json("{\n  \"runtime\": {\"workers\": 2,}\n}");
  ASSERT_TRUE(doc.syntax_error);
  EXPECT_EQ(doc.syntax_error->position, at(2, 28));
  EXPECT_EQ(doc.syntax_error->pointer, "/runtime");
  EXPECT_EQ(doc.syntax_error->message,
            "invalid JSON: syntax error while parsing object key - unexpected '}'; expected "
            "string literal");
  EXPECT_TRUE(doc.value.is_null());
}

TEST(JsonReader, ReportsAnUnterminatedDocumentAtItsEnd) {
  const JsonDocument doc = read_json("[1,\n 2");
  ASSERT_TRUE(doc.syntax_error);
  EXPECT_EQ(doc.syntax_error->position, at(2, 3));
  EXPECT_EQ(doc.syntax_error->pointer, "");
}

TEST(JsonReader, ReportsAnEmptyText) {
  const JsonDocument doc = read_json("");
  ASSERT_TRUE(doc.syntax_error);
  EXPECT_EQ(doc.syntax_error->position, at(1, 1));
}

TEST(JsonReader, ReportsTrailingContent) {
  const JsonDocument doc = read_json("{} x");
  ASSERT_TRUE(doc.syntax_error);
  EXPECT_EQ(doc.syntax_error->position, at(1, 4));
}

TEST(JsonReader, ReportsTrailingContentAfterANulByte) {
  using namespace std::string_literals;
  for (const std::string& text : {"{}\n \0 x"s, "1\0"s, "\"s\"\0"s, "[]\0"s}) {
    const JsonDocument doc = read_json(text);
    ASSERT_TRUE(doc.syntax_error) << text;
    EXPECT_EQ(doc.syntax_error->position, position_at(text, text.find('\0'))) << text;
    EXPECT_EQ(doc.syntax_error->message,
              "invalid JSON: expected the end of the text after the JSON value, found a NUL byte");
    EXPECT_TRUE(doc.value.is_null());
  }
  EXPECT_EQ(read_json("{}\n \0 x"s).syntax_error->position, at(2, 2));
}

TEST(JsonReader, RefusesNestingDeeperThanTheLimit) {
  std::string deep(kMaxJsonDepth, '[');
  deep += std::string(kMaxJsonDepth, ']');
  EXPECT_FALSE(read_json(deep).syntax_error);
  const std::string deeper = "[" + deep + "]";
  const JsonDocument doc = read_json(deeper);
  ASSERT_TRUE(doc.syntax_error);
  EXPECT_EQ(doc.syntax_error->position, at(1, kMaxJsonDepth + 1));
  EXPECT_EQ(doc.syntax_error->message,
            "expected at most 64 levels of nested arrays and objects, found more");
}

TEST(JsonReader, FallsBackToTheNearestAncestorForMissingValues) {
  const JsonDocument doc = read_json("{\n \"a\": {\"b\": 1}}");
  EXPECT_EQ(doc.value_position("/a/missing/deeper"), at(2, 7));
  EXPECT_EQ(doc.key_position("/a/b"), at(2, 8));
  EXPECT_EQ(doc.key_position("/a/none"), at(2, 7));
}

}  // namespace
}  // namespace courier::config
