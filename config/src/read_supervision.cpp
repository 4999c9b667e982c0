// read_supervision.cpp: the "supervision" section and its tree of groups.
#include <map>

#include "courier/config/json_pointer.hpp"
#include "courier/config/limits.hpp"
#include "object_reader.hpp"
#include "sections.hpp"
#include "wording.hpp"

namespace courier::config::detail {

namespace {

constexpr std::string_view kRoot = "root";

GroupPlan read_group(Checker& checker, const nlohmann::json& value, const std::string& pointer,
                     std::string name) {
  ObjectReader reader(checker, &value, pointer,
                      {"strategy", "max_restarts", "within", "on_limit", "parent"});
  GroupPlan group;
  group.name = std::move(name);
  group.strategy = reader.choice("strategy", {Strategy::one_for_one, Strategy::all_for_one})
                       .value_or(group.strategy);
  if (auto restarts = reader.integer("max_restarts", 0, kMaxRestarts)) {
    group.max_restarts = static_cast<std::size_t>(*restarts);
  }
  group.within = reader.duration("within", kMinWithin, kMaxWithin).value_or(group.within);
  group.on_limit =
      reader.choice("on_limit", {OnLimit::escalate, OnLimit::stop}).value_or(group.on_limit);
  if (group.name == kRoot) {
    if (const nlohmann::json* parent = reader.find("parent")) {
      checker.error(reader.pointer_of("parent"),
                    "expected no parent on the root group, found " + describe(*parent));
    }
  } else {
    group.parent = reader.string("parent", "the name of a supervision group").value_or("root");
  }
  return group;
}

// check_parents() reports parents that name no group, and every cycle of parents (which would
// leave its groups with no way up to the root).
void check_parents(Checker& checker, const std::vector<GroupPlan>& groups) {
  std::vector<std::string> names;
  std::map<std::string_view, std::size_t> index;
  for (const GroupPlan& group : groups) {
    index.emplace(group.name, names.size());
    names.push_back(group.name);
  }
  std::vector<std::size_t> parent(groups.size(), groups.size());  // groups.size(): none
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (groups[i].parent.empty()) continue;
    const auto found = index.find(groups[i].parent);
    if (found != index.end()) {
      parent[i] = found->second;
      continue;
    }
    const std::string pointer =
        pointer_append(pointer_append("/supervision", groups[i].name), "parent");
    checker.error(pointer, "expected a supervision group (" + quote_list(names) + "), found " +
                               quote(groups[i].parent) +
                               checker.did_you_mean(groups[i].parent, names));
  }
  // Walk up from each group, marking the walk; meeting the current walk's mark is a cycle.
  std::vector<std::size_t> walk(groups.size(), 0);
  for (std::size_t start = 0; start < groups.size(); ++start) {
    std::size_t at = start;
    while (at < groups.size() && walk[at] == 0) {
      walk[at] = start + 1;
      at = parent[at];
    }
    if (at >= groups.size() || walk[at] != start + 1) continue;
    std::vector<std::size_t> cycle{at};
    for (std::size_t next = parent[at]; next != at; next = parent[next]) cycle.push_back(next);
    cycle.push_back(at);
    const std::string path = describe_cycle(
        cycle.size(), [&](std::size_t i) -> std::string_view { return groups[cycle[i]].name; });
    checker.error(pointer_append(pointer_append("/supervision", groups[at].name), "parent"),
                  "expected parents that lead up to the root group, found the cycle " + path);
  }
}

}  // namespace

std::vector<GroupPlan> read_supervision(Checker& checker, const nlohmann::json* supervision) {
  GroupPlan root;
  root.name = kRoot;
  std::vector<GroupPlan> groups{std::move(root)};
  ObjectReader reader(checker, supervision, "/supervision");
  if (!reader.is_object()) return groups;
  for (const std::string& name : sorted_members(checker, *supervision, "/supervision")) {
    const std::string pointer = reader.pointer_of(name);
    check_name(checker, pointer, name, "a group");
    GroupPlan group = read_group(checker, supervision->at(name), pointer, name);
    if (name == kRoot) {
      groups.front() = std::move(group);
    } else {
      groups.push_back(std::move(group));
    }
  }
  check_parents(checker, groups);
  return groups;
}

}  // namespace courier::config::detail
