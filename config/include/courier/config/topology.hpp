// topology.hpp: a validated topology, every default applied: what the launcher starts.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace courier::config {

enum class MailboxKind { bounded, unbounded };
enum class Overflow { wait, fail, drop_newest };  // what a send to a full bounded mailbox does
enum class Routing { round_robin, key_hash };     // how a router spreads messages over replicas
enum class Strategy { one_for_one, all_for_one };
enum class OnLimit { escalate, stop };  // what a group does when its restarts run out

// to_string() gives the name a file uses for each of these values.
std::string_view to_string(MailboxKind kind);
std::string_view to_string(Overflow overflow);
std::string_view to_string(Routing routing);
std::string_view to_string(Strategy strategy);
std::string_view to_string(OnLimit on_limit);

// RuntimePlan is the "runtime" section: how the fiber runtime is built.
struct RuntimePlan {
  std::size_t workers = 0;  // 0: not given, one worker per core
  std::size_t stack_size = 64 * 1024;
  std::uint32_t budget = 128;
  std::chrono::milliseconds shutdown_timeout{5000};
};

// MailboxPlan is one actor's mailbox. Unbounded mailboxes have capacity 0 and overflow wait.
// `reserve` messages' room is made at spawn (courier::Mailbox::reserve()).
struct MailboxPlan {
  MailboxKind kind = MailboxKind::bounded;
  std::size_t capacity = 1024;
  Overflow overflow = Overflow::wait;
  std::size_t reserve = 0;

  friend bool operator==(const MailboxPlan&, const MailboxPlan&) = default;
};

// ActorPlan is one entry of "actors": `count` replicas of `type` behind a router.
struct ActorPlan {
  std::string name;
  std::string type;
  nlohmann::json params;  // an object; {} when the file gives none
  MailboxPlan mailbox;
  std::size_t count = 1;
  Routing routing = Routing::round_robin;
  std::string supervisor = "root";
};

// ConnectionPlan is one edge: port `port` of `from` sends `message_type` to `to`.
struct ConnectionPlan {
  std::string from;
  std::string port;
  std::string to;
  bool strong = true;  // a strong edge keeps `to` alive while `from` lives
  std::string message_type;
};

// GroupPlan is one supervision group; the root group's parent is "".
struct GroupPlan {
  std::string name;
  Strategy strategy = Strategy::one_for_one;
  std::size_t max_restarts = 3;
  std::chrono::milliseconds within{5000};
  OnLimit on_limit = OnLimit::escalate;
  std::string parent;
};

// InjectPlan is a message delivered to `to` once every actor has started.
struct InjectPlan {
  std::string to;
  nlohmann::json message;
};

// Topology is a whole validated file. Actors and groups keep the order of the file; the root
// group is always present and comes first. Thread-safety: a plain value.
struct Topology {
  std::string source;  // the file name it was read from
  RuntimePlan runtime;
  std::vector<ActorPlan> actors;
  std::vector<ConnectionPlan> connections;
  std::vector<GroupPlan> supervision;
  std::vector<InjectPlan> inject;

  // find_actor() gives the actor named `name`, or nullptr.
  const ActorPlan* find_actor(std::string_view name) const;

  // find_group() gives the supervision group named `name`, or nullptr.
  const GroupPlan* find_group(std::string_view name) const;
};

}  // namespace courier::config
