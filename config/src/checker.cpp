// checker.cpp: placing and keeping problems.
#include "checker.hpp"

#include <algorithm>
#include <tuple>

#include "courier/config/json_pointer.hpp"
#include "wording.hpp"

namespace courier::config::detail {

Checker::Checker(const JsonDocument& document, std::string file)
    : document_(document), file_(std::move(file)) {}

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

namespace {

// shortened() cuts `message` at kMaxMessageBytes, on a UTF-8 character's first byte.
std::string shortened(std::string message) {
  if (message.size() <= kMaxMessageBytes) return message;
  std::size_t end = kMaxMessageBytes;
  while (end > 0 && (static_cast<unsigned char>(message[end]) & 0xC0) == 0x80) --end;
  message.resize(end);
  return message + "...";
}

}  // namespace

void Checker::report(std::string_view pointer, TextPosition position, bool from_override,
                     std::string message) {
  // Keep the first problems of the report, not the first found: the checks go section by
  // section, the report in text order.
  const std::size_t sequence = kept_.size() + omitted_;
  const auto rank = std::tuple(!from_override, position.line, position.column, sequence);
  if (kept_.size() == kMaxReportedErrors) {
    ++omitted_;
    if (!(rank < kept_.front().rank)) return;
    std::pop_heap(kept_.begin(), kept_.end(), ranks_before);
    kept_.pop_back();
  }
  kept_.push_back(
      Kept{rank, Diagnostic{file_, position.line, position.column, from_override,
                            abridge(pointer, kMaxShownPointer), shortened(std::move(message))}});
  std::push_heap(kept_.begin(), kept_.end(), ranks_before);
}

void Checker::count_unkept(std::size_t problems) {
  omitted_ += problems;
}

std::string Checker::did_you_mean(std::string_view word,
                                  const std::vector<std::string>& candidates) {
  const std::string nearest = suggester_.nearest(word, candidates);
  return nearest.empty() ? "" : " [did you mean " + quote(nearest) + "?]";
}

bool Checker::ranks_before(const Kept& a, const Kept& b) {
  return a.rank < b.rank;
}

Diagnostics Checker::take() {
  std::sort_heap(kept_.begin(), kept_.end(), ranks_before);
  Diagnostics diagnostics;
  diagnostics.file = file_;
  diagnostics.omitted = omitted_;
  for (Kept& kept : kept_) diagnostics.errors.push_back(std::move(kept.diagnostic));
  kept_.clear();
  omitted_ = 0;
  return diagnostics;
}

}  // namespace courier::config::detail
