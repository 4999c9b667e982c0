// text_cursor.cpp: line and column counting.
#include "text_cursor.hpp"

namespace courier::config::detail {

namespace {
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
}

TextCursor::TextCursor(std::string_view text) : text_(text) {
  if (text_.starts_with(kByteOrderMark)) offset_ = kByteOrderMark.size();
}

void TextCursor::step() {
  const auto byte = static_cast<unsigned char>(text_[offset_++]);
  if (byte == '\n') {
    ++position_.line;
    position_.column = 1;
  } else if (byte != '\r' && (byte & 0xC0) != 0x80) {
    // A UTF-8 continuation byte belongs to the character its lead byte already counted.
    ++position_.column;
  }
}

void TextCursor::advance_to(std::size_t offset) {
  if (offset > text_.size()) offset = text_.size();
  while (offset_ < offset) step();
}

void TextCursor::skip_separators() {
  while (offset_ < text_.size()) {
    const char c = text_[offset_];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ':' && c != ',') return;
    step();
  }
}

}  // namespace courier::config::detail
