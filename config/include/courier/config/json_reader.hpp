// json_reader.hpp: JSON parsing that remembers where every value came from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace courier::config {

// TextPosition is a place in a text: a 1-based line, and a 1-based column counted in characters
// (UTF-8 code points; a tab is one character).
struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;

  friend bool operator==(const TextPosition&, const TextPosition&) = default;
  friend auto operator<=>(const TextPosition&, const TextPosition&) = default;
  // operator<< writes "LINE:COLUMN" (for test failures and logs).
  friend std::ostream& operator<<(std::ostream& out, const TextPosition& p) {
    return out << p.line << ':' << p.column;
  }
};

// DuplicateKey is a member name that appears twice in one object. nlohmann::json keeps the last
// value silently; the reader keeps the last one too, and remembers both places.
struct DuplicateKey {
  std::string key;
  std::string pointer;    // the member's JSON pointer, shortened in the middle when long
  TextPosition position;  // the repeated key
  TextPosition first;     // the key's earlier occurrence
};

// JsonPlaces is where a value starts and, for a member, where its name starts, with the same
// for the values inside it: a tree shaped like the document, so that its size grows with the
// text's, however deep or long its names. Thread-safety: a plain value.
struct JsonPlaces {
  // Place is a TextPosition in half the room.
  struct Place {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
  };
  // Inside is what a non-empty array or object holds.
  struct Inside {
    std::map<std::string, JsonPlaces, std::less<>> members;
    std::vector<JsonPlaces> elements;
  };

  Place value;
  Place key;
  std::unique_ptr<Inside> inside;  // null for scalars and empty containers
};

// JsonSyntaxError is why a text is not JSON, where, and in which value the reader was.
struct JsonSyntaxError {
  std::string pointer;  // the innermost value being read
  TextPosition position;
  std::string message;
};

// JsonDocument is a parsed JSON text with the position of every value and every member name,
// keyed by JSON pointer. Thread-safety: a plain value; concurrent reads are safe.
struct JsonDocument {
  nlohmann::json value;  // null when there is a syntax error
  JsonPlaces places;     // where value and its members start
  // The first kMaxKeptDuplicateKeys repeated keys in text order, and how many more there are.
  std::vector<DuplicateKey> duplicate_keys;
  std::size_t more_duplicate_keys = 0;
  std::optional<JsonSyntaxError> syntax_error;  // set when the text is not JSON

  // value_position() gives where the value at `pointer` starts or, when there is no such value
  // (a missing member, a value set from the command line), where its nearest ancestor starts.
  TextPosition value_position(std::string_view pointer) const;

  // key_position() gives where the name of member `pointer` starts, or value_position() when the
  // pointer names no member of the text (an array element, the document).
  TextPosition key_position(std::string_view pointer) const;
};

// kMaxKeptDuplicateKeys bounds the repeated keys a document describes (no report shows more).
inline constexpr std::size_t kMaxKeptDuplicateKeys = 100;

// kMaxJsonDepth is how deeply arrays and objects may nest. It keeps the recursive algorithms of
// nlohmann::json (copies, comparisons, dumps) from exhausting the stack on a hostile file.
inline constexpr std::size_t kMaxJsonDepth = 64;

// read_json() parses strict JSON (RFC 8259, no comments, one value, a UTF-8 byte order mark is
// skipped). It never throws on bad input: a text that is not JSON, or that nests deeper than
// kMaxJsonDepth, yields a document with `syntax_error` set.
JsonDocument read_json(std::string_view text);

// position_at() gives the line and column of byte `offset` of `text`.
TextPosition position_at(std::string_view text, std::size_t offset);

}  // namespace courier::config
