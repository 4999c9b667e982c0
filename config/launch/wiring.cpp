// wiring.cpp: spawning and wiring a topology's groups and actors.
#include "wiring.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <utility>

namespace courier::config::detail {

namespace {

using courier::detail::CellBase;
using courier::detail::GroupMessage;
using courier::detail::RouteBase;
using courier::detail::TypeEntry;

Supervision supervision_of(const GroupPlan& g) {
  Supervision s;
  s.strategy = g.strategy == Strategy::all_for_one ? Supervision::Strategy::all_for_one
                                                   : Supervision::Strategy::one_for_one;
  s.max_restarts = static_cast<std::uint32_t>(g.max_restarts);
  s.within = g.within;
  s.on_limit =
      g.on_limit == OnLimit::stop ? Supervision::OnLimit::stop : Supervision::OnLimit::escalate;
  return s;
}

Mailbox mailbox_of(const MailboxPlan& m) {
  // The reader bounds the reserve by kMaxReservedSlots, well within 32 bits.
  const auto reserve = static_cast<std::uint32_t>(m.reserve);
  if (m.kind == MailboxKind::unbounded) return Mailbox::unbounded().reserve(reserve);
  const courier::Overflow overflow = m.overflow == Overflow::fail ? courier::Overflow::fail
                                     : m.overflow == Overflow::drop_newest
                                         ? courier::Overflow::drop_newest
                                         : courier::Overflow::wait;
  return Mailbox::bounded(m.capacity, overflow).reserve(reserve);
}

std::string replica_name(const ActorPlan& a, std::size_t i) {
  if (a.count == 1) return a.name;
  return a.name + "[" + std::to_string(i) + "]";
}

}  // namespace

Wiring::Wiring(ActorSystem& system, const Topology& topology, const Registry& registry)
    : system_(system), topology_(topology) {
  spawn_groups(topology);
  spawn_actors(topology, registry);
  dead_letters_ = std::make_unique<std::atomic<std::uint64_t>[]>(actors_.size());
  subscription_ = system_.dead_letters().subscribe(
      [this](const DeadLetter& letter) { count_dead_letter(letter.to); });
}

Wiring::~Wiring() {
  system_.dead_letters().unsubscribe(subscription_);
}

void Wiring::spawn_groups(const Topology& topology) {
  // Parents first: the validator has refused unknown parents and cycles, so each pass places at
  // least one group (a topology that was not validated may not).
  while (groups_.size() < topology.supervision.size()) {
    const std::size_t placed = groups_.size();
    for (const GroupPlan& g : topology.supervision) {
      if (groups_.contains(g.name)) continue;
      const auto parent = groups_.find(g.parent);
      if (!g.parent.empty() && parent == groups_.end()) continue;
      auto state = std::make_shared<GroupState>();
      state->gate = gate_;
      SpawnOptions options{.name = "group:" + g.name, .supervision = supervision_of(g)};
      ActorRef<GroupMessage> ref =
          g.parent.empty()
              ? system_.spawn<GroupActor>(std::move(options), state)
              : system_.spawn_under<GroupActor>(parent->second.ref, std::move(options), state);
      if (!g.parent.empty()) {
        parent->second.state->watches.push_back([ref](Context& ctx) { ctx.watch(ref); });
      }
      groups_.emplace(g.name, GroupNode{std::move(ref), std::move(state)});
    }
    if (groups_.size() == placed) {
      throw std::invalid_argument("supervision groups with unknown parents or in a cycle");
    }
  }
}

void Wiring::spawn_actors(const Topology& topology, const Registry& registry) {
  for (const ActorPlan& a : topology.actors) {
    const TypeEntry* type = registry.find(a.type);
    if (type == nullptr) throw std::invalid_argument("unknown actor type \"" + a.type + "\"");
    actors_.push_back({&a, type, {}, true});
  }
  auto placed = [&](std::string_view name) -> Placed& {
    for (Placed& p : actors_) {
      if (p.plan->name == name) return p;
    }
    throw std::invalid_argument("unknown actor \"" + std::string(name) + "\"");
  };
  // Routes are made before their receivers exist and bound after, so edges may point anywhere.
  std::vector<std::pair<std::shared_ptr<RouteBase>, Placed*>> unbound;
  for (Placed& p : actors_) {
    const GroupNode& group = groups_.at(p.plan->supervisor);
    for (std::size_t i = 0; i < p.plan->count; ++i) {
      Outputs outputs;
      for (const auto& port : p.type->ports) outputs.declare(port.name, *port.type);
      for (const ConnectionPlan& c : topology.connections) {
        if (c.from != p.plan->name) continue;
        Placed& to = placed(c.to);
        if (c.strong) to.source = false;
        auto route = to.type->make_route(c.strong, to.plan->routing);
        outputs.connect(c.port, route);
        unbound.emplace_back(std::move(route), &to);
      }
      SpawnOptions options{.name = replica_name(*p.plan, i),
                           .mailbox = mailbox_of(p.plan->mailbox)};
      auto cell = p.type->spawn(system_, group.ref, std::move(options), p.plan->params, outputs);
      group.state->watches.push_back(
          [watch = p.type->watch, cell](Context& ctx) { watch(ctx, cell); });
      index_.emplace(cell->id(), static_cast<std::size_t>(&p - actors_.data()));
      p.replicas.push_back(std::move(cell));
    }
  }
  // The first route to each receiver builds its table of replicas; the others share it.
  std::map<const Placed*, const RouteBase*> bound;
  for (auto& [route, to] : unbound) {
    if (const auto it = bound.find(to); it != bound.end()) {
      route->share(*it->second);
    } else {
      route->bind(to->replicas);
      bound.emplace(to, route.get());
    }
  }
}

std::vector<std::string> Wiring::start() {
  gate_->set();
  std::vector<std::string> undelivered;
  for (const InjectPlan& inject : topology_.inject) {
    const Placed* to = nullptr;
    for (const Placed& p : actors_) {
      if (p.plan->name == inject.to) to = &p;
    }
    if (to == nullptr || !to->type->inject) {
      throw std::invalid_argument("cannot inject into \"" + inject.to + "\"");
    }
    auto route = to->type->make_route(false, to->plan->routing);
    route->bind(to->replicas);
    if (!to->type->inject(*route, inject.message)) undelivered.push_back(inject.to);
  }
  for (const Placed& p : actors_) {
    if (p.source) continue;
    for (const auto& cell : p.replicas) cell->signal(courier::detail::signal::EndInput{});
  }
  return undelivered;
}

void Wiring::stop_sources() {
  for (const Placed& p : actors_) {
    if (!p.source) continue;
    for (const auto& cell : p.replicas) {
      cell->signal(courier::detail::signal::Stop{StopReason::requested});
    }
  }
}

void Wiring::count_dead_letter(ActorId to) noexcept {
  const auto it = index_.find(to);
  if (it != index_.end()) dead_letters_[it->second].fetch_add(1, std::memory_order_relaxed);
}

Wiring::Load Wiring::load() const {
  Load load;
  for (const Placed& p : actors_) {
    for (const auto& cell : p.replicas) {
      load.handled += cell->handled();
      if (cell->mailbox_depth() > load.deepest) {
        load.deepest = cell->mailbox_depth();
        load.deepest_actor = cell->name();
      }
    }
  }
  return load;
}

std::vector<std::string> Wiring::still_running() const {
  std::vector<std::string> names;
  for (const Placed& p : actors_) {
    const bool running = std::any_of(p.replicas.begin(), p.replicas.end(),
                                     [](const auto& cell) { return !cell->terminated(); });
    if (running) names.push_back(p.plan->name);
  }
  return names;
}

std::vector<ActorSummary> Wiring::summarize() const {
  std::vector<ActorSummary> out;
  for (std::size_t i = 0; i < actors_.size(); ++i) {
    const Placed& p = actors_[i];
    ActorSummary s{p.plan->name, p.plan->type, p.plan->count};
    s.dead_letters = dead_letters_[i].load(std::memory_order_relaxed);
    for (const auto& cell : p.replicas) {
      s.handled += cell->handled();
      s.restarts += cell->restarts();
      s.peak_mailbox = std::max(s.peak_mailbox, cell->peak_mailbox_depth());
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace courier::config::detail
