// ports.hpp: an actor type's named outputs, and the Outputs its constructor is handed for them.
#pragma once

#include <concepts>
#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <typeinfo>
#include <utility>
#include <vector>

#include "courier/actors/actor_ref.hpp"
#include "courier/actors/type_name.hpp"

namespace courier {

// Port<M> names an output of an actor type that sends messages of type M. An actor type lists
// its ports in a member `static constexpr auto ports = courier::ports(...)`, which the Registry
// reads; keeping each Port as its own constant lets the constructor ask for it by value:
//   static constexpr auto out = courier::port<Number>("out");
//   static constexpr auto ports = courier::ports(out);
//   explicit Squarer(const courier::Outputs& outputs) : out_(outputs[out]) {}
template <class M>
struct Port {
  using Message = M;
  std::string_view name;
};

// port() makes a Port<M> named `name`.
template <class M>
constexpr Port<M> port(std::string_view name) noexcept {
  return Port<M>{name};
}

// ports() lists an actor type's ports.
template <class... Ms>
constexpr std::tuple<Port<Ms>...> ports(Port<Ms>... each) noexcept {
  return {each...};
}

namespace detail {

// KeyedByCourierKey: the message type has a `std::size_t courier_key(const M&)` found by ADL,
// the key that key_hash routing hashes.
template <class M>
concept KeyedByCourierKey = requires(const M& m) {
  { courier_key(m) } -> std::convertible_to<std::size_t>;
};

// Keyed: a message type key_hash routing can spread: courier_key(), else std::hash<M>.
template <class M>
concept Keyed = KeyedByCourierKey<M> || requires(const M& m) {
  { std::hash<M>{}(m) } -> std::convertible_to<std::size_t>;
};

// key_of() is the key of `m` that key_hash routing uses.
template <Keyed M>
std::size_t key_of(const M& m) {
  if constexpr (KeyedByCourierKey<M>) {
    return static_cast<std::size_t>(courier_key(m));
  } else {
    return std::hash<M>{}(m);
  }
}

// RouteBase is one wired edge as the launcher sees it, whatever its message type: it is made
// before the actors it leads to exist, and bound to their cells once they do (before any of them
// starts), so that edges may point anywhere, cycles of weak edges included.
class RouteBase {
 public:
  RouteBase() = default;
  RouteBase(const RouteBase&) = delete;
  RouteBase& operator=(const RouteBase&) = delete;
  virtual ~RouteBase() = default;

  // message_type() is the type the route carries.
  virtual const std::type_info& message_type() const noexcept = 0;
  // bind() points the route at the replicas of its receiver. Throws std::logic_error if a cell
  // does not take the route's message type, or a strong route finds a receiver's input ended.
  virtual void bind(const std::vector<std::shared_ptr<CellBase>>& replicas) = 0;
  // share() points the route at the replicas `bound` (a bound route to the same receiver) points
  // at, sharing its table: a thousand senders to a thousand replicas keep one table, not a
  // million refs. Throws as bind() does.
  virtual void share(const RouteBase& bound) = 0;
};

// Route<M> sends to one actor or spreads over its replicas: round robin, or by key_of() when
// given a key function. A strong route also holds every replica's input open (StrongRef).
// Thread-safety: bind() or share() before any sender runs; then send() from one actor at a time
// (each sending replica has its own routes, and an actor's handlers never run concurrently). The
// table of replicas that routes share is read-only once bound, and ActorRef's calls are const.
template <class M>
class Route final : public RouteBase {
 public:
  using KeyFn = std::size_t (*)(const M&);

  // A route with `key` null spreads round robin.
  Route(bool strong, KeyFn key) noexcept : strong_(strong), key_(key) {}

  const std::type_info& message_type() const noexcept override { return typeid(M); }

  void bind(const std::vector<std::shared_ptr<CellBase>>& replicas) override {
    auto targets = std::make_shared<std::vector<ActorRef<M>>>();
    for (const auto& cell : replicas) {
      if (cell->message_type() != typeid(M)) {
        throw std::logic_error("courier: a route of " + demangle(typeid(M)) + " to actor '" +
                               cell->name() + "', which takes " + demangle(cell->message_type()));
      }
      targets->emplace_back(std::static_pointer_cast<ActorCell<M>>(cell));
    }
    use(std::move(targets));
  }

  void share(const RouteBase& bound) override {
    if (bound.message_type() != typeid(M)) {
      throw std::logic_error("courier: a route of " + demangle(typeid(M)) +
                             " cannot share the replicas of a route of " +
                             demangle(bound.message_type()));
    }
    use(static_cast<const Route&>(bound).targets_);
  }

  // send() delivers to the replica the routing picks, by its mailbox's overflow policy.
  SendResult<M> send(M message) { return pick(message).send(std::move(message)); }

  // ask() asks the replica the routing picks, as ActorRef::ask() does.
  template <class R>
  courier::Expected<R, AskError> ask(M message, Clock::duration timeout) {
    return pick(message).template ask<R>(std::move(message), timeout);
  }

  // replicas() is the number of actors the route spreads over.
  std::size_t replicas() const noexcept { return targets_ ? targets_->size() : 0; }

 private:
  // use() takes `targets` as this route's replicas; a strong route holds each one's input open.
  void use(std::shared_ptr<const std::vector<ActorRef<M>>> targets) {
    if (strong_) {
      for (const ActorRef<M>& ref : *targets) {
        auto hold = StrongRef<M>::make(ref);
        if (!hold) {
          throw std::logic_error("courier: actor '" + ref.name() + "' ended its input early");
        }
        holds_.push_back(std::move(*hold));
      }
    }
    targets_ = std::move(targets);
  }

  const ActorRef<M>& pick(const M& message) {
    const std::vector<ActorRef<M>>& targets = *targets_;
    const std::size_t n = targets.size();
    if (n == 1) return targets.front();
    if (key_ == nullptr) {
      const std::size_t i = next_;
      next_ = i + 1 == n ? 0 : i + 1;
      return targets[i];
    }
    // Most keys that senders compute are already replica indices: skip the division for them.
    const std::size_t key = key_(message);
    return targets[key < n ? key : key % n];
  }

  bool strong_;
  KeyFn key_;
  std::size_t next_ = 0;
  std::shared_ptr<const std::vector<ActorRef<M>>> targets_;  // shared by the routes to one receiver
  std::vector<StrongRef<M>> holds_;
};

}  // namespace detail

// Output<M> is what an actor sends through on one of its ports: to the actor the topology
// connected it to, spread over that actor's replicas by its routing. An edge is strong by
// default (it keeps the receiver's input open while this actor lives) or weak ("strong": false).
// An unconnected port's Output refuses every send with Status::closed, handing the message back.
// Thread-safety: use it from its own actor (one handler at a time), as the actor's constructor
// received it.
template <class M>
class Output {
 public:
  Output() = default;
  explicit Output(std::shared_ptr<detail::Route<M>> route) noexcept : route_(std::move(route)) {}

  // send() delivers `message` as ActorRef::send() does; Status::closed when the port is not
  // connected or the receiver has stopped.
  SendResult<M> send(M message) const {
    if (!route_) {
      return courier::Unexpected(
          mailbox::SendError<M>{mailbox::Status::closed, std::move(message)});
    }
    return route_->send(std::move(message));
  }

  // ask() asks the actor the routing picks for `message` and waits up to `timeout` for its reply,
  // as ActorRef::ask() does (from a handler it suspends only this actor); an unconnected port
  // gives AskError::Kind::dead_target.
  template <class R>
  courier::Expected<R, AskError> ask(M message, Clock::duration timeout) const {
    if (!route_) {
      return courier::Unexpected(
          AskError{AskError::Kind::dead_target, "the port is not connected"});
    }
    return route_->template ask<R>(std::move(message), timeout);
  }

  // replicas() is how many actors the port spreads over (the receiver's `count`), 0 when it is
  // not connected. With key_hash routing, a message whose key is k goes to replica k % replicas():
  // a sender that partitions its work by replicas() decides which replica gets each part.
  std::size_t replicas() const noexcept { return route_ ? route_->replicas() : 0; }

  // connected() is true when the topology wired this port.
  bool connected() const noexcept { return route_ != nullptr; }

 private:
  std::shared_ptr<detail::Route<M>> route_;
};

// Outputs hands an actor its ports, wired as its topology says: `outputs[port]` is the Output of
// a Port the actor's type declared. Asking for a port the type did not declare, or with another
// message type, throws std::logic_error (so the actor's spawn, and the launch, fail saying so).
// Copies share the wiring. Thread-safety: the launcher fills it before the actor is built; then
// it is read-only.
class Outputs {
 public:
  template <class M>
  Output<M> operator[](Port<M> port) const {
    const Slot& slot = find(port.name, typeid(M));
    if (!slot.route) return Output<M>();
    return Output<M>(std::static_pointer_cast<detail::Route<M>>(slot.route));
  }

  // For the launcher: declare() adds a port of the type; connect() wires one.
  void declare(std::string name, const std::type_info& type);
  void connect(std::string_view name, std::shared_ptr<detail::RouteBase> route);

 private:
  struct Slot {
    std::string name;
    const std::type_info* type;
    std::shared_ptr<detail::RouteBase> route;
  };
  const Slot& find(std::string_view name, const std::type_info& type) const;

  std::vector<Slot> slots_;
};

}  // namespace courier
