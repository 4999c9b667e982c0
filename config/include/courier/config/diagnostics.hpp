// diagnostics.hpp: what is wrong with a topology file, one line per problem.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace courier::config {

// Diagnostic is one problem, at a JSON pointer and at the place in the file the pointer leads to.
// A value given with `--set` has no place in the file: such problems are marked from_override.
struct Diagnostic {
  std::string file;
  std::size_t line = 1;
  std::size_t column = 1;
  bool from_override = false;
  std::string pointer;  // "" is the whole document
  std::string message;  // "expected …, found … [did you mean "…"?]"

  // to_string() renders "FILE:LINE:COL: /pointer: message", or "FILE (--set): /pointer: message"
  // for a value given on the command line. The whole document's pointer shows as "/".
  std::string to_string() const;
};

// Diagnostics is every problem found in one file, in the order they were found. Thread-safety: a
// plain value.
struct Diagnostics {
  std::string file;
  std::vector<Diagnostic> errors;
  std::size_t omitted = 0;  // problems past kMaxReportedErrors, counted but not kept

  // count() gives how many problems there are, kept or omitted.
  std::size_t count() const { return errors.size() + omitted; }

  // to_string() renders one line per kept problem, then "N errors in FILE".
  std::string to_string() const;
};

// kMaxReportedErrors bounds the problems kept for one file, so that a hostile file cannot make
// the report itself huge.
inline constexpr std::size_t kMaxReportedErrors = 1000;

}  // namespace courier::config
