// sections.hpp: the validator, one section of the file at a time.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "checker.hpp"
#include "courier/config/catalog.hpp"
#include "courier/config/topology.hpp"

namespace courier::config::detail {

// ActorEntry is an actor of the file as read so far; `type` is null when its type is unknown
// (already reported), so that later checks neither repeat that problem nor guess.
struct ActorEntry {
  ActorPlan plan;
  const TypeInfo* type = nullptr;
};

// ActorTable is every actor of the file as read so far, in file order, found by name.
// Thread-safety: a plain value.
class ActorTable {
 public:
  // add() appends an actor; names are unique because they are the keys of one JSON object.
  void add(ActorEntry actor);

  // find() gives the actor named `name`, or nullptr.
  const ActorEntry* find(std::string_view name) const;

  // entries() gives every actor in file order.
  const std::vector<ActorEntry>& entries() const { return entries_; }

  // release() hands over every actor in file order, leaving the table empty.
  std::vector<ActorEntry> release();

  // names() gives every actor's name in file order, for suggestions.
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<ActorEntry> entries_;
  std::vector<std::string> names_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

// ConnectionEntry is a connection whose ends both exist, with its place in the file.
struct ConnectionEntry {
  ConnectionPlan plan;
  std::string pointer;
};

// is_valid_name() says whether `name` may name an actor or a supervision group: [a-z][a-z0-9_]*.
bool is_valid_name(std::string_view name);

// check_name() reports an invalid name of member `pointer` at the name.
void check_name(Checker& checker, const std::string& pointer, std::string_view name,
                std::string_view what);

// sorted_members() gives the members of `object` in the order the file wrote them.
std::vector<std::string> sorted_members(const Checker& checker, const nlohmann::json& object,
                                        std::string_view pointer);

// read_runtime() reads "runtime"; absent members keep their defaults.
RuntimePlan read_runtime(Checker& checker, const nlohmann::json* runtime);

// read_mailbox() reads a "mailbox" object at `pointer`; what it leaves out comes from `base`.
MailboxPlan read_mailbox(Checker& checker, const nlohmann::json* mailbox,
                         const std::string& pointer, const MailboxPlan& base);

// read_defaults() reads "defaults" and gives the default mailbox.
MailboxPlan read_defaults(Checker& checker, const nlohmann::json* defaults);

// read_supervision() reads "supervision": the root group first (implicit when absent), then the
// others in file order.
std::vector<GroupPlan> read_supervision(Checker& checker, const nlohmann::json* supervision);

// read_actors() reads "actors", checking each type and its params against `catalog`.
ActorTable read_actors(Checker& checker, const nlohmann::json* actors, const TypeCatalog& catalog,
                       const MailboxPlan& mailbox, const std::vector<GroupPlan>& groups);

// check_totals() reports files that ask for too many actors or mailbox slots in all.
void check_totals(Checker& checker, const ActorTable& actors);

// read_connections() reads "connections": ends that exist, ports that exist, message types
// that match, and each port used once.
std::vector<ConnectionEntry> read_connections(Checker& checker, const nlohmann::json* connections,
                                              const ActorTable& actors);

// check_strong_cycles() reports every cycle made only of strong edges.
void check_strong_cycles(Checker& checker, const ActorTable& actors,
                         const std::vector<ConnectionEntry>& connections);

// read_inject() reads "inject", checking each message with its receiver's type.
std::vector<InjectPlan> read_inject(Checker& checker, const nlohmann::json* inject,
                                    const ActorTable& actors);

}  // namespace courier::config::detail
