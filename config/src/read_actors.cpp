// read_actors.cpp: the "actors" section, and the totals that keep a file from asking too much.
#include <set>

#include "courier/config/json_pointer.hpp"
#include "courier/config/limits.hpp"
#include "object_reader.hpp"
#include "sections.hpp"
#include "type_checks.hpp"
#include "wording.hpp"

namespace courier::config::detail {

namespace {

using nlohmann::json;

// ActorContext is what every actor entry is checked against.
struct ActorContext {
  const TypeCatalog& catalog;
  const std::vector<std::string>& type_names;
  const MailboxPlan& mailbox;
  const std::vector<std::string>& group_names;
  const std::set<std::string, std::less<>>& groups;
};

const TypeInfo* read_type(Checker& checker, ObjectReader& reader, const ActorContext& context) {
  const std::optional<std::string> name = reader.string("type", "an actor type", Need::required);
  if (!name) return nullptr;
  const TypeInfo* type = context.catalog.find(*name);
  if (type == nullptr) {
    checker.error(reader.pointer_of("type"),
                  "expected a registered actor type (" + quote_list(context.type_names) +
                      "), found " + quote(*name) + checker.did_you_mean(*name, context.type_names));
  }
  return type;
}

// read_params() checks an actor's params and gives a copy for its plan, or null once the file
// has problems: no plan of it will be used, so a large params object is never held twice.
json read_params(Checker& checker, ObjectReader& reader, const TypeInfo* type) {
  const json* params = reader.find("params");
  const std::string pointer = reader.pointer_of("params");
  if (params != nullptr && !params->is_object()) {
    checker.error(pointer, "expected an object of params, found " + describe(*params));
    return nullptr;
  }
  const json empty = json::object();
  const json& value = params != nullptr ? *params : empty;
  if (type == nullptr) return nullptr;
  if (!type->check_params) {
    if (!value.empty()) {
      checker.error(pointer, "expected no params (type " + quote(type->name) +
                                 " takes none), found an object with " +
                                 std::to_string(value.size()) + " members");
    }
  } else if (!type->params || report_declared_params(checker, *type->params, value, pointer)) {
    // The declared members first: the type's own check reads the struct, so it runs on those
    // alone.
    report_type_check(checker, type->check_params, value, pointer);
  }
  return checker.error_count() > 0 ? json(nullptr) : value;
}

// check_routing() refuses key_hash routing to a type whose message has no key: the launcher
// could not build its router, and saying so now reports it with the file's other problems.
void check_routing(Checker& checker, const ObjectReader& reader, const ActorEntry& entry) {
  if (entry.plan.routing != Routing::key_hash || entry.type == nullptr || entry.type->keyed) return;
  const std::string& message = entry.type->message_type;
  checker.error(reader.pointer_of("routing"),
                "expected \"round_robin\" (key_hash needs a key from message type " +
                    quote(message) + " of type " + quote(entry.type->name) +
                    ": a courier_key(const " + message + "&) or a std::hash<" + message +
                    ">), found \"key_hash\"");
}

ActorEntry read_actor(Checker& checker, const json& value, const std::string& pointer,
                      std::string name, const ActorContext& context) {
  ObjectReader reader(checker, &value, pointer,
                      {"type", "params", "mailbox", "count", "routing", "supervisor"});
  ActorEntry entry;
  entry.plan.name = std::move(name);
  if (!reader.is_object()) return entry;
  entry.type = read_type(checker, reader, context);
  entry.plan.type = entry.type != nullptr ? entry.type->name : "";
  entry.plan.params = read_params(checker, reader, entry.type);
  entry.plan.mailbox =
      read_mailbox(checker, reader.find("mailbox"), reader.pointer_of("mailbox"), context.mailbox);
  if (auto count = reader.integer("count", 1, kMaxCount)) {
    entry.plan.count = static_cast<std::size_t>(*count);
  }
  entry.plan.routing = reader.choice("routing", {Routing::round_robin, Routing::key_hash})
                           .value_or(Routing::round_robin);
  check_routing(checker, reader, entry);
  if (auto group = reader.string("supervisor", "the name of a supervision group")) {
    if (context.groups.contains(*group)) {
      entry.plan.supervisor = *group;
    } else {
      checker.error(reader.pointer_of("supervisor"),
                    "expected a supervision group (" + quote_list(context.group_names) +
                        "), found " + quote(*group) +
                        checker.did_you_mean(*group, context.group_names));
    }
  }
  return entry;
}

}  // namespace

ActorTable read_actors(Checker& checker, const json* actors, const TypeCatalog& catalog,
                       const MailboxPlan& mailbox, const std::vector<GroupPlan>& groups) {
  ActorTable table;
  if (actors == nullptr) {
    checker.error("/actors", "expected an object of actors, found nothing");
    return table;
  }
  ObjectReader reader(checker, actors, "/actors");
  if (!reader.is_object()) return table;
  if (actors->empty()) checker.error("/actors", "expected at least one actor, found none");
  const std::vector<std::string> type_names = catalog.names();
  std::vector<std::string> group_names;
  for (const GroupPlan& group : groups) group_names.push_back(group.name);
  const std::set<std::string, std::less<>> group_set(group_names.begin(), group_names.end());
  const ActorContext context{catalog, type_names, mailbox, group_names, group_set};
  for (const std::string& name : sorted_members(checker, *actors, "/actors")) {
    const std::string pointer = reader.pointer_of(name);
    check_name(checker, pointer, name, "an actor");
    table.add(read_actor(checker, actors->at(name), pointer, name, context));
  }
  return table;
}

void check_totals(Checker& checker, const ActorTable& actors) {
  // Each term is at most kMaxCount × kMaxMailboxSlots < 2^42 and a 16 MiB file holds fewer
  // than 2^21 actors, so these sums cannot overflow.
  std::uint64_t replicas = 0;
  std::uint64_t slots = 0;
  std::uint64_t reserved = 0;
  for (const ActorEntry& actor : actors.entries()) {
    replicas += actor.plan.count;
    reserved += std::uint64_t{actor.plan.mailbox.reserve} * actor.plan.count;
    if (actor.plan.mailbox.kind == MailboxKind::bounded) {
      slots += std::uint64_t{actor.plan.mailbox.capacity} * actor.plan.count;
    }
  }
  if (replicas > static_cast<std::uint64_t>(kMaxActors)) {
    checker.error("/actors", "expected at most " + std::to_string(kMaxActors) +
                                 " actors in all (the sum of every count), found " +
                                 std::to_string(replicas));
  }
  if (slots > static_cast<std::uint64_t>(kMaxMailboxSlots)) {
    checker.error("/actors", "expected at most " + std::to_string(kMaxMailboxSlots) +
                                 " bounded mailbox slots in all (capacity times count, summed), "
                                 "found " +
                                 std::to_string(slots));
  }
  if (reserved > static_cast<std::uint64_t>(kMaxReservedSlots)) {
    checker.error("/actors", "expected at most " + std::to_string(kMaxReservedSlots) +
                                 " reserved mailbox slots in all (reserve times count, summed), "
                                 "found " +
                                 std::to_string(reserved));
  }
}

}  // namespace courier::config::detail
