// catalog.hpp: what the validator knows about the actor types a program registered.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courier::config {

// PortInfo is a named output of an actor type and the message type it sends.
struct PortInfo {
  std::string name;
  std::string message_type;
};

// ParamKind is the JSON type a declared param takes: a duration is a string such as "250ms".
enum class ParamKind { boolean, integer, number, string, duration };

// ParamInfo is one declared member of an actor type's params, as plain data: what the loader
// checks files against and what `courier types` and the schema show.
struct ParamInfo {
  std::string name;
  ParamKind kind = ParamKind::string;
  bool required = false;
  nlohmann::json default_value;  // what an absent optional member reads as; null when required
  std::string doc;               // one line, may be empty
  // The accepted range of an integer: the declared one within what the C++ member can hold.
  std::optional<std::int64_t> minimum;
  std::optional<std::int64_t> maximum;
};

// ParamError is one problem found in an actor's params (or an injected message) by its type.
struct ParamError {
  std::string pointer;   // relative to the params (or message); "" is the params themselves
  std::string message;   // "expected …, found …", like the validator's own messages
  bool at_name = false;  // the member's name is wrong (an unknown key), not its value
};

// ParamCheck reads a JSON value into a type's own struct and reports what is wrong with it; an
// empty result means the value is acceptable. It may also throw: the validator reports the
// exception's what() at the value itself.
using ParamCheck = std::function<std::vector<ParamError>(const nlohmann::json&)>;

// TypeInfo describes one registered actor type, as plain data.
struct TypeInfo {
  std::string name;          // the name files use in "type", e.g. "tokenizer"
  std::string message_type;  // the message type it accepts, e.g. "Line"
  std::vector<PortInfo> ports;
  ParamCheck check_params;   // null: the type takes no params ("params" must be absent or {})
  ParamCheck check_message;  // null: its message type has no from_json, so nothing can be injected
  std::string params_doc;    // shown by `courier types`: made from `params` when declared
  // keyed: its message type has a key (a courier_key() or a std::hash), so `"routing":
  // "key_hash"` can spread its replicas; without one, key_hash is refused.
  bool keyed = false;
  // params: the declared members, checked by the loader before check_params runs; nullopt when
  // the type reads its params with its own from_json, which then checks them alone.
  std::optional<std::vector<ParamInfo>> params;
};

// TypeCatalog is the set of actor types a topology may use, looked up by name. The launching
// half builds it from its Registry. Thread-safety: add() must not race with anything; the const
// methods may be called concurrently.
class TypeCatalog {
 public:
  // add() registers a type. Throws std::invalid_argument when the name is taken or empty.
  void add(TypeInfo type);

  // find() gives the type named `name`, or nullptr.
  const TypeInfo* find(std::string_view name) const;

  // all() gives every type in the order they were added.
  const std::vector<TypeInfo>& all() const { return types_; }

  // names() gives every type's name, in the order they were added (for suggestions).
  std::vector<std::string> names() const;

 private:
  std::vector<TypeInfo> types_;
};

// find_port() gives the port of `type` named `name`, or nullptr.
const PortInfo* find_port(const TypeInfo& type, std::string_view name);

}  // namespace courier::config
