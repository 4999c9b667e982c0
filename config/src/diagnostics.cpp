// diagnostics.cpp: rendering problems.
#include "courier/config/diagnostics.hpp"

#include <string_view>

namespace courier::config {

namespace {

// one_line() writes control characters (which member names and a type's own messages may
// contain) as JSON escapes, so that every problem stays on one line.
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7F) {
      out += c;
      continue;
    }
    constexpr char kHex[] = "0123456789abcdef";
    out += "\\u00";
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out;
}

}  // namespace

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (from_override) {
    out += " (--set)";
  } else {
    out += ':' + std::to_string(line) + ':' + std::to_string(column);
  }
  out += ": ";
  out += pointer.empty() ? "/" : one_line(pointer);
  out += ": ";
  out += one_line(message);
  return out;
}

std::string Diagnostics::to_string() const {
  std::string out;
  std::size_t shown = 0;
  for (const Diagnostic& error : errors) {
    const std::string line = error.to_string() + '\n';
    if (out.size() + line.size() > kMaxReportBytes) break;
    out += line;
    ++shown;
  }
  const std::size_t n = count();
  out += std::to_string(n) + (n == 1 ? " error in " : " errors in ") + file;
  if (shown < n) out += " (the first " + std::to_string(shown) + " shown)";
  out += '\n';
  return out;
}

}  // namespace courier::config
