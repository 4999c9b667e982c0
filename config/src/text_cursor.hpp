// text_cursor.hpp: walking a JSON text forward while counting lines and columns.
#pragma once

#include <cstddef>
#include <string_view>

#include "courier/config/json_reader.hpp"

namespace courier::config::detail {

// TextCursor walks a text forward, once, keeping the line and column of the byte it stands on.
// Columns count UTF-8 code points, a "\r\n" pair ends one line, and a byte order mark at the very
// start is not a character. Thread-safety: a plain value.
class TextCursor {
 public:
  explicit TextCursor(std::string_view text);

  // advance_to() moves forward to byte `offset` (clamped to the text's end); never backwards.
  void advance_to(std::size_t offset);

  // skip_separators() moves past whitespace, ':' and ',': what lies between two JSON tokens
  // that the parser reports one after the other.
  void skip_separators();

  // position() gives the line and column of the byte the cursor stands on.
  TextPosition position() const { return position_; }

 private:
  void step();

  std::string_view text_;
  std::size_t offset_ = 0;
  TextPosition position_;
};

}  // namespace courier::config::detail
