// registry.hpp: the actor types a program offers to topology files, one statement per type.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <typeindex>
#include <typeinfo>
#include <utility>
#include <vector>

#include "courier/actors/actor_system.hpp"
#include "courier/config/catalog.hpp"
#include "courier/config/from_json_check.hpp"
#include "courier/config/params.hpp"
#include "courier/config/ports.hpp"
#include "courier/config/topology.hpp"

namespace courier {

namespace detail {

// GroupMessage is the message type of a supervision group's actor, which takes none.
struct GroupMessage {};

// TypeEntry is one registered actor type, its templates turned into plain functions.
struct TypeEntry {
  struct PortSpec {
    std::string name;
    const std::type_info* type;
  };
  // Spawn builds one replica under `group` from the file's params and its wired outputs.
  using Spawn =
      std::function<std::shared_ptr<CellBase>(ActorSystem&, const ActorRef<GroupMessage>& group,
                                              SpawnOptions, const nlohmann::json&, const Outputs&)>;
  // MakeRoute makes an (unbound) route to actors of this type; throws std::invalid_argument for
  // key_hash routing when the message type has no key.
  using MakeRoute = std::function<std::shared_ptr<RouteBase>(bool strong, config::Routing)>;
  // Inject reads `message` with from_json and sends it through `route` (made by MakeRoute).
  using Inject = std::function<bool(RouteBase& route, const nlohmann::json& message)>;
  // Watch makes the actor running `ctx` watch `cell`, an actor of this type.
  using Watch = std::function<void(Context& ctx, const std::shared_ptr<CellBase>& cell)>;

  std::string name;
  const std::type_info* message;
  std::vector<PortSpec> ports;
  config::ParamCheck check_params;
  config::ParamCheck check_message;
  std::optional<std::vector<config::ParamInfo>> params;  // the declared members, if declared
  std::string params_doc;
  bool keyed = false;  // the message type has a key: key_hash routing can be used
  Spawn spawn;
  MakeRoute make_route;
  Inject inject;  // null when the message type has no from_json
  Watch watch;
};

template <class T>
concept FromJson = requires(const nlohmann::json& j, T& value) {
  nlohmann::adl_serializer<T>::from_json(j, value);
};

// spawn_actor() builds A from whichever constructor it has: (params, outputs), (params),
// (outputs) or ().
template <class A>
std::shared_ptr<CellBase> spawn_actor(ActorSystem& system, const ActorRef<GroupMessage>& group,
                                      SpawnOptions options, const nlohmann::json& params,
                                      const Outputs& outputs) {
  constexpr bool has_ports = requires {
    A::ports;
  };
  if constexpr (requires { typename A::Params; }) {
    using P = typename A::Params;
    P p = [&] {
      if constexpr (config::DeclaredParams<P>) {
        return config::read_params<P>(params);
      } else {
        return params.get<P>();
      }
    }();
    if constexpr (std::is_constructible_v<A, const P&, const Outputs&>) {
      return system.spawn_under<A>(group, std::move(options), std::move(p), outputs).cell();
    } else {
      static_assert(!has_ports, "an actor type with ports takes (const Params&, const Outputs&)");
      static_assert(std::is_constructible_v<A, const P&>, "the actor type takes (const Params&)");
      return system.spawn_under<A>(group, std::move(options), std::move(p)).cell();
    }
  } else if constexpr (std::is_constructible_v<A, const Outputs&>) {
    return system.spawn_under<A>(group, std::move(options), outputs).cell();
  } else {
    static_assert(!has_ports, "an actor type with ports takes (const Outputs&)");
    static_assert(std::is_default_constructible_v<A>, "the actor type needs a constructor");
    return system.spawn_under<A>(group, std::move(options)).cell();
  }
}

template <class M>
std::shared_ptr<RouteBase> make_route(bool strong, config::Routing routing) {
  if (routing == config::Routing::round_robin) return std::make_shared<Route<M>>(strong, nullptr);
  if constexpr (Keyed<M>) {
    return std::make_shared<Route<M>>(strong, &key_of<M>);
  } else {
    throw std::invalid_argument(
        "key_hash routing needs a key from the message: " + demangle(typeid(M)) +
        " has neither a courier_key(const " + demangle(typeid(M)) + "&) nor a std::hash");
  }
}

}  // namespace detail

// Registry maps the type names of topology files to actor types: how to build one (from its
// params and its wired outputs), the message type it accepts and its output ports. It gives the
// TypeCatalog the validator checks files against, with message type names from one source
// (name<M>() or the demangled C++ name), so a file's edges are type-checked before any actor
// exists. Register each type with one statement:
//   registry.add<Tokenizer>("tokenizer");
// where Tokenizer derives from Actor<Line>, may have `using Params = ...;` (read from the file's
// "params" by its declared `fields` (params.hpp), or else with nlohmann's from_json), may declare
// `static constexpr auto ports = courier::ports(courier::port<Word>("words"))`, and is
// constructible from (const Params&, const Outputs&), (const Params&), (const Outputs&) or ()
// accordingly. Actors are rebuilt from the same params and outputs on a restart. Thread-safety:
// register everything first; then the const methods may be called concurrently.
class Registry {
 public:
  // add() registers actor type A as `type_name`. `params_doc` describes params read by a
  // from_json for `courier types`; declared params describe themselves and take none. Throws
  // std::invalid_argument if the name is taken or empty, or params_doc is given for declared
  // params.
  template <class A>
  Registry& add(std::string type_name, std::string params_doc = {});

  // name() names message type M as files, errors and `courier types` show it ("Word"); by
  // default it is the demangled C++ name. Name messages before or after adding types: names are
  // resolved when catalog() is called.
  template <class M>
  Registry& name(std::string message_name) {
    names_[std::type_index(typeid(M))] = std::move(message_name);
    return *this;
  }

  // catalog() describes every type for the validator and `courier types`.
  config::TypeCatalog catalog() const;

  // find() gives the type registered as `type_name`, or nullptr.
  const detail::TypeEntry* find(std::string_view type_name) const;

  // message_name() is the name of a message type: name<M>()'s, or the demangled C++ name.
  std::string message_name(const std::type_info& type) const;

 private:
  void insert(detail::TypeEntry entry);

  std::vector<detail::TypeEntry> types_;
  std::map<std::type_index, std::string> names_;
};

template <class A>
Registry& Registry::add(std::string type_name, std::string params_doc) {
  using M = typename A::Message;
  static_assert(std::is_base_of_v<Actor<M>, A>, "an actor type derives from courier::Actor<M>");
  detail::TypeEntry e;
  e.name = std::move(type_name);
  e.message = &typeid(M);
  if constexpr (requires { A::ports; }) {
    std::apply(
        [&](const auto&... p) {
          (e.ports.push_back(
               {std::string(p.name), &typeid(typename std::decay_t<decltype(p)>::Message)}),
           ...);
        },
        A::ports);
  }
  if constexpr (requires { typename A::Params; }) {
    using P = typename A::Params;
    if constexpr (config::DeclaredParams<P>) {
      if (!params_doc.empty()) {
        throw std::invalid_argument("courier: actor type \"" + e.name +
                                    "\" declares its params, so they describe themselves");
      }
      e.check_params = config::check_params_of<P>;
      e.params = config::declared_params<P>();
    } else {
      e.check_params = config::check_with_from_json<P>;
    }
  }
  e.params_doc = std::move(params_doc);
  e.keyed = detail::Keyed<M>;
  e.spawn = &detail::spawn_actor<A>;
  e.make_route = &detail::make_route<M>;
  if constexpr (detail::FromJson<M>) {
    e.check_message = config::check_with_from_json<M>;
    e.inject = [](detail::RouteBase& route, const nlohmann::json& message) {
      return static_cast<bool>(static_cast<detail::Route<M>&>(route).send(message.get<M>()));
    };
  }
  e.watch = [](Context& ctx, const std::shared_ptr<detail::CellBase>& cell) {
    ctx.watch(ActorRef<M>(std::static_pointer_cast<detail::ActorCell<M>>(cell)));
  };
  insert(std::move(e));
  return *this;
}

}  // namespace courier
