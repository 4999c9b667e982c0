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
  std::string pointer;  // "" is the whole document; shortened in the middle when long
  std::string message;  // "expected …, found … [did you mean "…"?]"

  // to_string() renders "FILE:LINE:COL: /pointer: message", or "FILE (--set): /pointer: message"
  // for a value given on the command line. The whole document's pointer shows as "/".
  std::string to_string() const;
};

// Diagnostics is the problems found in one file: those given on the command line first, then
// those of the file in text order. Thread-safety: a plain value.
struct Diagnostics {
  std::string file;
  std::vector<Diagnostic> errors;  // the first kMaxReportedErrors problems
  std::size_t omitted = 0;         // problems past those, counted but not kept

  // count() gives how many problems there are, kept or omitted.
  std::size_t count() const { return errors.size() + omitted; }

  // to_string() renders one line per kept problem while they fit in kMaxReportBytes, then
  // "N errors in FILE", saying how many were shown when not all were.
  std::string to_string() const;
};

// kMaxReportedErrors bounds the problems kept for one file, and kMaxReportBytes the lines that
// to_string() writes for them, so that a hostile file cannot make the report itself huge.
inline constexpr std::size_t kMaxReportedErrors = 100;
inline constexpr std::size_t kMaxReportBytes = 60 * 1024;

// kMaxMessageBytes bounds one problem's message (a type's own check may quote any value).
inline constexpr std::size_t kMaxMessageBytes = 1024;

}  // namespace courier::config
