// checker.cpp: placing and keeping problems.
#include "checker.hpp"

#include <algorithm>
#include <tuple>

#include "courier/config/json_pointer.hpp"
#include "wording.hpp"

namespace courier::config::detail {

Checker::Checker(const JsonDocument& document, std::string file) : document_(document) {
  diagnostics_.file = std::move(file);
}

void Checker::mark_overridden(std::string pointer) {
  overridden_.push_back(std::move(pointer));
}

void Checker::error(std::string_view pointer, std::string message) {
  report(pointer, document_.value_position(pointer), is_overridden(pointer), std::move(message));
}

void Checker::key_error(std::string_view pointer, std::string message) {
  report(pointer, document_.key_position(pointer), is_overridden(pointer), std::move(message));
}

void Checker::error_at(TextPosition position, std::string_view pointer, std::string message) {
  report(pointer, position, is_overridden(pointer), std::move(message));
}

void Checker::command_line_error(std::string_view pointer, std::string message) {
  report(pointer, TextPosition{}, true, std::move(message));
}

bool Checker::is_overridden(std::string_view pointer) const {
  for (const std::string& overridden : overridden_) {
    if (pointer_is_within(pointer, overridden)) return true;
  }
  return false;
}

void Checker::report(std::string_view pointer, TextPosition position, bool from_override,
                     std::string message) {
  if (diagnostics_.errors.size() >= kMaxReportedErrors) {
    ++diagnostics_.omitted;
    return;
  }
  diagnostics_.errors.push_back(Diagnostic{diagnostics_.file, position.line, position.column,
                                           from_override, std::string(pointer),
                                           std::move(message)});
}

std::string Checker::did_you_mean(std::string_view word,
                                  const std::vector<std::string>& candidates) {
  if (diagnostics_.errors.size() >= kMaxReportedErrors) return "";  // it would not be shown
  const std::string nearest = suggester_.nearest(word, candidates);
  return nearest.empty() ? "" : " [did you mean " + quote(nearest) + "?]";
}

Diagnostics Checker::take() {
  std::stable_sort(diagnostics_.errors.begin(), diagnostics_.errors.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tuple(!a.from_override, a.line, a.column) <
                            std::tuple(!b.from_override, b.line, b.column);
                   });
  return std::move(diagnostics_);
}

}  // namespace courier::config::detail
