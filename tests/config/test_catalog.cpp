// test_catalog.cpp: parameter structs and messages with from_json, as a user would write them.
#include "test_catalog.hpp"

#include <fstream>
#include <sstream>

#include "courier/config/from_json_check.hpp"

namespace courier::config::testing {

namespace {

struct LineReaderParams {
  std::string path;
  int repeat = 1;
};

void from_json(const nlohmann::json& j, LineReaderParams& p) {
  j.at("path").get_to(p.path);
  if (j.contains("repeat")) j.at("repeat").get_to(p.repeat);
}

struct Start {
  bool start = false;
};

void from_json(const nlohmann::json& j, Start& s) {
  j.at("start").get_to(s.start);
}

struct TokenizerParams {
  bool lowercase = true;
};

void from_json(const nlohmann::json& j, TokenizerParams& p) {
  if (j.contains("lowercase")) j.at("lowercase").get_to(p.lowercase);
}

struct Line {
  std::string text;
};

void from_json(const nlohmann::json& j, Line& l) {
  j.at("text").get_to(l.text);
}

struct CounterParams {
  int top = 10;
};

void from_json(const nlohmann::json& j, CounterParams& p) {
  if (j.contains("top")) j.at("top").get_to(p.top);
}

TypeCatalog make_catalog() {
  TypeCatalog catalog;
  catalog.add(TypeInfo{"line_reader",
                       "Start",
                       {{"lines", "Line"}},
                       check_with_from_json<LineReaderParams>,
                       check_with_from_json<Start>,
                       "path: string (required), repeat: int = 1",
                       false});
  catalog.add(TypeInfo{"tokenizer",
                       "Line",
                       {{"words", "Word"}},
                       check_with_from_json<TokenizerParams>,
                       check_with_from_json<Line>,
                       "lowercase: bool = true",
                       true});
  catalog.add(TypeInfo{"word_counter",
                       "Word",
                       {},
                       check_with_from_json<CounterParams>,
                       nullptr,
                       "top: int = 10",
                       true});
  catalog.add(TypeInfo{"relay", "Word", {{"out", "Word"}}, nullptr, nullptr, "", true});
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
