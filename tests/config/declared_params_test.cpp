// declared_params_test.cpp: a params struct declared once is checked member by member, read,
// listed by `courier types` and described by the schema, all from that one declaration.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "courier/config/load.hpp"
#include "courier/config/params.hpp"
#include "test_catalog.hpp"

namespace courier::config {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using testing::test_catalog;

// Probe has a member of each JSON type and a check() of its own.
struct Probe {
  std::string label;
  std::int64_t every = 3;
  double share = 0.5;
  bool loud = false;
  std::chrono::milliseconds wait{250};
  static constexpr auto fields = config::fields(
      config::param("label", &Probe::label, "shown first").required(),
      config::param("every", &Probe::every).within(1, 10), config::param("share", &Probe::share),
      config::param("loud", &Probe::loud), config::param("wait", &Probe::wait, "how long to wait"));
  [[nodiscard]] std::vector<ParamError> check() const {
    if (share > 1.0) return {{"/share", "expected a share of at most 1"}};
    return {};
  }
};

// problems() validates a file whose one actor is a line_reader (declared params: a required
// string "path" and an integer "repeat" from 1) with `params`, and gives each problem's line.
std::vector<std::string> problems(const std::string& params) {
  const std::string text =
      "{\"version\": 1, \"actors\": {\n\"r\": {\"type\": \"line_reader\", \"params\": " + params +
      "}}}";
  auto loaded = load_topology(text, "t.json", test_catalog());
  std::vector<std::string> lines;
  if (loaded) return lines;
  for (const Diagnostic& d : loaded.error().errors) lines.push_back(d.to_string());
  return lines;
}

struct Case {
  const char* name;
  const char* params;
  std::vector<std::string> expected;
};

class DeclaredParams : public ::testing::TestWithParam<Case> {};

TEST_P(DeclaredParams, AreCheckedMemberByMember) {
  EXPECT_THAT(problems(GetParam().params), ElementsAreArray(GetParam().expected));
}

INSTANTIATE_TEST_SUITE_P(
    Loader, DeclaredParams,
    ::testing::Values(
        Case{"Valid", R"({"path": "in.txt", "repeat": 2})", {}},
        Case{"MisspeltKeyWithSuggestion",
             R"({"path": "in.txt", "repaet": 2})",
             {"t.json:2:59: /actors/r/params/repaet: expected a key among \"path\", \"repeat\", "
              "found \"repaet\" [did you mean \"repeat\"?]"}},
        Case{"MissingRequired",
             R"({"repeat": 2})",
             {"t.json:2:40: /actors/r/params/path: expected the required member \"path\" (a "
              "string), found nothing"}},
        Case{"WrongTypeAtTheMember",
             R"({"path": 3})",
             {"t.json:2:49: /actors/r/params/path: expected a string, found 3"}},
        Case{"OutOfRange",
             R"({"path": "a", "repeat": 0})",
             {"t.json:2:64: /actors/r/params/repeat: expected an integer from 1 to 2147483647, "
              "found 0"}},
        Case{"SeveralAtOnce",
             R"({"pth": "a", "repeat": "twice", "lowercase": true})",
             {"t.json:2:40: /actors/r/params/path: expected the required member \"path\" (a "
              "string), found nothing",
              "t.json:2:41: /actors/r/params/pth: expected a key among \"path\", \"repeat\", "
              "found \"pth\" [did you mean \"path\"?]",
              "t.json:2:63: /actors/r/params/repeat: expected an integer from 1 to 2147483647, "
              "found \"twice\"",
              "t.json:2:72: /actors/r/params/lowercase: expected a key among \"path\", "
              "\"repeat\", found \"lowercase\""}}),
    [](const ::testing::TestParamInfo<Case>& test) { return std::string(test.param.name); });

TEST(DeclaredParamsRead, DefaultsComeFromTheStructAndValuesFromTheFile) {
  const Probe p = read_params<Probe>(json::parse(R"({"label": "x", "wait": "2s", "loud": true})"));
  EXPECT_EQ(p.label, "x");
  EXPECT_EQ(p.every, 3);
  EXPECT_TRUE(p.loud);
  EXPECT_EQ(p.wait, std::chrono::seconds(2));
  EXPECT_THROW((void)read_params<Probe>(json::parse(R"({"label": 1})")), std::invalid_argument);
}

TEST(DeclaredParamsRead, DurationsAndTheTypesOwnCheck) {
  const std::vector<ParamInfo> declared = declared_params<Probe>();
  EXPECT_THAT(check_declared_params(declared, json::parse(R"({"label": "x", "wait": "soon"})"), {}),
              ElementsAre(::testing::Field(&ParamError::message,
                                           "expected a duration such as \"250ms\" or \"2s\", found "
                                           "\"soon\"")));
  const auto own = check_params_of<Probe>(json::parse(R"({"label": "x", "share": 2})"));
  ASSERT_EQ(own.size(), 1U);
  EXPECT_EQ(own[0].pointer, "/share");
}

TEST(DeclaredParamsText, CourierTypesLineIsMadeFromTheDeclaration) {
  EXPECT_EQ(describe_params(declared_params<Probe>()),
            "label: string (required; shown first), every: int = 3 (1..10), share: number = 0.5, "
            "loud: bool = false, wait: duration = \"250ms\" (how long to wait)");
  EXPECT_EQ(test_catalog().find("line_reader")->params_doc,
            "path: string (required), repeat: int = 1 (1..2147483647)");
}

TEST(DeclaredParamsSchema, DescribesEveryDeclaredMember) {
  const json schema = params_schema(declared_params<Probe>());
  EXPECT_EQ(schema["additionalProperties"], false);
  EXPECT_EQ(schema["required"], json::array({"label"}));
  EXPECT_EQ(schema["properties"]["label"],
            json({{"type", "string"}, {"description", "shown first"}}));
  EXPECT_EQ(schema["properties"]["every"],
            json({{"type", "integer"}, {"minimum", 1}, {"maximum", 10}, {"default", 3}}));
  EXPECT_EQ(schema["properties"]["share"], json({{"type", "number"}, {"default", 0.5}}));
  EXPECT_EQ(schema["properties"]["loud"], json({{"type", "boolean"}, {"default", false}}));
  EXPECT_EQ(schema["properties"]["wait"]["default"], "250ms");
}

TEST(DeclaredParamsSchema, TheTopologySchemaDescribesEachTypesParams) {
  const json base = {{"$defs", {{"actor", {{"type", "object"}}}}}};
  const json schema = topology_schema(base, test_catalog());
  const json& cases = schema["$defs"]["actor"]["allOf"];
  ASSERT_EQ(cases.size(), 3U);  // line_reader, tokenizer (declared) and relay (none): not the
                                // word_counter, which reads its params with a from_json
  EXPECT_EQ(cases[0]["if"]["properties"]["type"]["const"], "line_reader");
  const json& reader = cases[0]["then"]["properties"]["params"];
  EXPECT_EQ(reader["required"], json::array({"path"}));
  EXPECT_TRUE(reader["properties"].contains("repeat"));
  EXPECT_EQ(cases[2]["then"]["properties"]["params"]["maxProperties"], 0);
}

}  // namespace
}  // namespace courier::config
