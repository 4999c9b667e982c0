// test_catalog.cpp: parameter structs and messages with from_json, as a user would write them.
#include "test_catalog.hpp"

#include <fstream>
#include <sstream>

#include "courier/config/from_json_check.hpp"
#include "courier/config/params.hpp"

namespace courier::config::testing {

namespace {

struct LineReaderParams {
  std::string path;
  int repeat = 1;
  static constexpr auto fields =
      config::fields(config::param("path", &LineReaderParams::path).required(),
                     config::param("repeat", &LineReaderParams::repeat).at_least(1));
};

struct Start {
  bool start = false;
};

void from_json(const nlohmann::json& j, Start& s) {
  j.at("start").get_to(s.start);
}

struct TokenizerParams {
  bool lowercase = true;
  static constexpr auto fields =
      config::fields(config::param("lowercase", &TokenizerParams::lowercase));
};

struct Line {
  std::string text;
};

void from_json(const nlohmann::json& j, Line& l) {
  j.at("text").get_to(l.text);
}

// CounterParams keeps a from_json: a type may still read its params itself.
struct CounterParams {
  int top = 10;
};

void from_json(const nlohmann::json& j, CounterParams& p) {
  if (j.contains("top")) j.at("top").get_to(p.top);
}

// declared() describes a type whose params declare their members.
template <class P>
TypeInfo declared(TypeInfo type) {
  type.check_params = check_params_of<P>;
  type.params = declared_params<P>();
  type.params_doc = describe_params(*type.params);
  return type;
}

TypeCatalog make_catalog() {
  TypeCatalog catalog;
  catalog.add(declared<LineReaderParams>(TypeInfo{"line_reader",
                                                  "Start",
                                                  {{"lines", "Line"}},
                                                  nullptr,
                                                  check_with_from_json<Start>,
                                                  "",
                                                  false,
                                                  {}}));
  catalog.add(declared<TokenizerParams>(TypeInfo{"tokenizer",
                                                 "Line",
                                                 {{"words", "Word"}},
                                                 nullptr,
                                                 check_with_from_json<Line>,
                                                 "",
                                                 true,
                                                 {}}));
  catalog.add(TypeInfo{"word_counter",
                       "Word",
                       {},
                       check_with_from_json<CounterParams>,
                       nullptr,
                       "top: int = 10",
                       true,
                       {}});
  catalog.add(TypeInfo{"relay", "Word", {{"out", "Word"}}, nullptr, nullptr, "", true, {}});
  return catalog;
}

}  // namespace

const TypeCatalog& test_catalog() {
  static const TypeCatalog catalog = make_catalog();
  return catalog;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string test_dir() {
  return COURIER_CONFIG_TEST_DIR;
}

}  // namespace courier::config::testing
