// diagnostics.cpp: rendering problems.
#include "courier/config/diagnostics.hpp"

namespace courier::config {

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (from_override) {
    out += " (--set)";
  } else {
    out += ':' + std::to_string(line) + ':' + std::to_string(column);
  }
  out += ": ";
  out += pointer.empty() ? "/" : pointer;
  out += ": ";
  out += message;
  return out;
}

std::string Diagnostics::to_string() const {
  std::string out;
  for (const Diagnostic& error : errors) out += error.to_string() + '\n';
  const std::size_t n = count();
  out += std::to_string(n) + (n == 1 ? " error in " : " errors in ") + file;
  if (omitted > 0) out += " (the first " + std::to_string(errors.size()) + " shown)";
  out += '\n';
  return out;
}

}  // namespace courier::config
