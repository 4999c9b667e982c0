// names.cpp: instance and group names, and the file order of members.
#include <algorithm>

#include "courier/config/json_pointer.hpp"
#include "sections.hpp"
#include "wording.hpp"

namespace courier::config::detail {

bool is_valid_name(std::string_view name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  for (char c : name) {
    const bool valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!valid) return false;
  }
  return true;
}

void check_name(Checker& checker, const std::string& pointer, std::string_view name,
                std::string_view what) {
  if (is_valid_name(name)) return;
  checker.key_error(pointer, "expected " + std::string(what) +
                                 " name matching [a-z][a-z0-9_]*, found " + quote(name));
}

std::vector<std::string> sorted_members(const Checker& checker, const nlohmann::json& object,
                                        std::string_view pointer) {
  // nlohmann::json sorts members by name; the file's order is the order of their positions.
  std::vector<std::pair<TextPosition, std::string>> placed;
  for (const auto& [key, value] : object.items()) {
    placed.emplace_back(checker.document().key_position(pointer_append(pointer, key)), key);
  }
  std::stable_sort(placed.begin(), placed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> names;
  names.reserve(placed.size());
  for (auto& [position, key] : placed) names.push_back(std::move(key));
  return names;
}

void ActorTable::add(ActorEntry actor) {
  index_.emplace(actor.plan.name, entries_.size());
  names_.push_back(actor.plan.name);
  entries_.push_back(std::move(actor));
}

std::vector<ActorEntry> ActorTable::release() {
  index_.clear();
  names_.clear();
  return std::move(entries_);
}

const ActorEntry* ActorTable::find(std::string_view name) const {
  const auto found = index_.find(name);
  return found == index_.end() ? nullptr : &entries_[found->second];
}

}  // namespace courier::config::detail
