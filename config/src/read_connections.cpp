// read_connections.cpp: the "connections" section: ends, ports and message types.
#include <map>

#include "object_reader.hpp"
#include "sections.hpp"
#include "wording.hpp"

namespace courier::config::detail {

namespace {

using nlohmann::json;

// port_names() gives every "instance.port" of the file, for suggestions.
std::vector<std::string> port_names(const ActorTable& actors) {
  std::vector<std::string> names;
  for (const ActorEntry& actor : actors.entries()) {
    if (actor.type == nullptr) continue;
    for (const PortInfo& port : actor.type->ports)
      names.push_back(actor.plan.name + "." + port.name);
  }
  return names;
}

// ports_of() says which ports a type has, for messages: `a line_reader has "lines"`.
std::string ports_of(const TypeInfo& type) {
  std::vector<std::string> names;
  for (const PortInfo& port : type.ports) names.push_back(port.name);
  if (names.empty()) return "a " + type.name + " has no ports";
  return "a " + type.name + " has " + quote_list(names);
}

// ConnectionReader reads connections one by one, remembering which ports are taken.
// Thread-safety: not thread-safe.
class ConnectionReader {
 public:
  ConnectionReader(Checker& checker, const ActorTable& actors)
      : checker_(checker), actors_(actors) {}

  std::optional<ConnectionEntry> read(const json& value, const std::string& pointer);

 private:
  const PortInfo* read_from(ObjectReader& reader, const std::string& from,
                            const ActorEntry*& source);
  const ActorEntry* read_to(ObjectReader& reader, const std::string& to);

  Checker& checker_;
  const ActorTable& actors_;
  std::vector<std::string> port_names_;       // filled on the first bad "from"
  std::map<std::string, std::string> taken_;  // "instance.port" → the connection that took it
};

const PortInfo* ConnectionReader::read_from(ObjectReader& reader, const std::string& from,
                                            const ActorEntry*& source) {
  const std::string pointer = reader.pointer_of("from");
  const std::size_t dot = from.find('.');
  if (dot != std::string::npos) source = actors_.find(from.substr(0, dot));
  if (source != nullptr && source->type == nullptr) return nullptr;  // its type was reported
  if (source != nullptr) {
    if (const PortInfo* port = find_port(*source->type, from.substr(dot + 1))) return port;
  }
  if (port_names_.empty()) port_names_ = port_names(actors_);
  std::string expected;
  if (dot == std::string::npos) {
    expected = "\"instance.port\"";
  } else if (source == nullptr) {
    expected = "\"instance.port\" naming an actor of /actors";
  } else {
    expected = "a port of " + quote(source->plan.name) + " (" + ports_of(*source->type) + ")";
  }
  checker_.error(pointer, "expected " + expected + ", found " + quote(from) +
                              checker_.did_you_mean(from, port_names_));
  return nullptr;
}

const ActorEntry* ConnectionReader::read_to(ObjectReader& reader, const std::string& to) {
  const ActorEntry* target = actors_.find(to);
  if (target == nullptr) {
    checker_.error(reader.pointer_of("to"), "expected an actor of /actors, found " + quote(to) +
                                                checker_.did_you_mean(to, actors_.names()));
  }
  return target;
}

std::optional<ConnectionEntry> ConnectionReader::read(const json& value,
                                                      const std::string& pointer) {
  ObjectReader reader(checker_, &value, pointer, {"from", "to", "strong"});
  if (!reader.is_object()) return std::nullopt;
  const auto from = reader.string("from", "\"instance.port\"", Need::required);
  const auto to = reader.string("to", "the name of an actor", Need::required);
  const bool strong = reader.boolean("strong").value_or(true);
  const ActorEntry* source = nullptr;
  const PortInfo* port = from ? read_from(reader, *from, source) : nullptr;
  const ActorEntry* target = to ? read_to(reader, *to) : nullptr;
  if (port == nullptr || target == nullptr) return std::nullopt;

  if (target->type != nullptr && target->type->message_type != port->message_type) {
    checker_.error(reader.pointer_of("to"), "expected an actor accepting " + port->message_type +
                                                " (what " + abridge(*from, kMaxShownText) +
                                                " sends), found " + quote(target->plan.name) +
                                                ", a " + target->type->name + " accepting " +
                                                target->type->message_type);
  }
  // A port is one reference handed to its actor, so it reaches exactly one receiver.
  const auto [taken, fresh] = taken_.emplace(*from, pointer);
  if (!fresh) {
    checker_.error(reader.pointer_of("from"), "expected each port connected once, found " +
                                                  quote(*from) + " connected again (first at " +
                                                  taken->second + ")");
  }
  return ConnectionEntry{
      ConnectionPlan{source->plan.name, port->name, target->plan.name, strong, port->message_type},
      pointer};
}

}  // namespace

std::vector<ConnectionEntry> read_connections(Checker& checker, const json* connections,
                                              const ActorTable& actors) {
  std::vector<ConnectionEntry> entries;
  if (connections == nullptr) return entries;
  if (!connections->is_array()) {
    checker.error("/connections",
                  "expected an array of connections, found " + describe(*connections));
    return entries;
  }
  ConnectionReader reader(checker, actors);
  for (std::size_t i = 0; i < connections->size(); ++i) {
    const std::string pointer = "/connections/" + std::to_string(i);
    if (auto entry = reader.read((*connections)[i], pointer)) entries.push_back(std::move(*entry));
  }
  return entries;
}

}  // namespace courier::config::detail
