// checker.hpp: where the validator reports problems.
#pragma once

#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "courier/config/diagnostics.hpp"
#include "courier/config/json_reader.hpp"
#include "name_suggester.hpp"

namespace courier::config::detail {

// Checker collects the problems of one file. It places each JSON pointer in the text (values
// set with --set are placed on the command line instead), suggests near names, and keeps the
// first kMaxReportedErrors problems in the order take() gives them, with their pointers and
// messages shortened. Thread-safety: not thread-safe.
class Checker {
 public:
  Checker(const JsonDocument& document, std::string file);

  // mark_overridden() records that the value at `pointer` came from --set, not from the file.
  void mark_overridden(std::string pointer);

  // error() reports a problem with the value at `pointer` (placed at the value, or at its
  // nearest ancestor in the file when the value is missing).
  void error(std::string_view pointer, std::string message);

  // key_error() reports a problem with the name of member `pointer` (placed at the name).
  void key_error(std::string_view pointer, std::string message);

  // error_at() reports a problem at a position the caller knows better (a syntax error, the
  // second of two equal keys).
  void error_at(TextPosition position, std::string_view pointer, std::string message);

  // command_line_error() reports a problem with a --set argument itself, which has no place in
  // the file.
  void command_line_error(std::string_view pointer, std::string message);

  // count_unkept() counts `problems` that come after every problem kept so far in the report
  // (so none of them would be kept) without their details.
  void count_unkept(std::size_t problems);

  // did_you_mean() gives ` [did you mean "x"?]` for the candidate nearest `word`, or "".
  std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

  // error_count() gives how many problems were reported so far.
  std::size_t error_count() const { return kept_.size() + omitted_; }

  // document() gives the parsed file.
  const JsonDocument& document() const { return document_; }

  // take() hands over every problem reported: those of --set arguments first, then those of the
  // file in text order.
  Diagnostics take();

 private:
  void report(std::string_view pointer, TextPosition position, bool from_override,
              std::string message);
  bool is_overridden(std::string_view pointer) const;

  // Kept is a problem kept so far, with the place it takes in the report.
  struct Kept {
    std::tuple<bool, std::size_t, std::size_t, std::size_t> rank;  // not --set, line, column, n
    Diagnostic diagnostic;
  };

  static bool ranks_before(const Kept& a, const Kept& b);

  const JsonDocument& document_;
  std::string file_;
  std::vector<Kept> kept_;  // a heap whose front is the last in the report
  std::size_t omitted_ = 0;
  std::vector<std::string> overridden_;
  NameSuggester suggester_;
};

}  // namespace courier::config::detail
