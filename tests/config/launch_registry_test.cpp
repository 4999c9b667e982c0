// launch_registry_test.cpp: what a Registry tells the validator, and how Outputs hand out ports.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "count_types.hpp"
#include "courier/config/launch.hpp"
#include "courier/config/load.hpp"
#include "launch_support.hpp"

namespace courier::config::testing {
namespace {

struct Plain {
  int value = 0;
};

// Relay has no params, one port, and a message type without from_json or a key.
class Relay final : public Actor<Plain> {
 public:
  static constexpr auto out = port<Plain>("out");
  static constexpr auto ports = courier::ports(out);
  explicit Relay(const Outputs& outputs) : out_(outputs[out]) {}
  void on_message(Plain p, Context&) override { (void)out_.send(p); }

 private:
  Output<Plain> out_;
};

// Misread asks for a port it did not declare.
class Misread final : public Actor<Plain> {
 public:
  explicit Misread(const Outputs& outputs) { (void)outputs[port<Plain>("nowhere")]; }
  void on_message(Plain, Context&) override {}
};

TEST(LaunchRegistry, TheCatalogNamesMessagesFromOneSource) {
  const TypeCatalog catalog = example_registry().catalog();
  const TypeInfo* squarer = catalog.find("squarer");
  ASSERT_NE(squarer, nullptr);
  EXPECT_EQ(squarer->message_type, "Number");
  ASSERT_EQ(squarer->ports.size(), 1u);
  EXPECT_EQ(squarer->ports[0].name, "out");
  EXPECT_EQ(squarer->ports[0].message_type, "Number");
  EXPECT_FALSE(squarer->check_params);  // no Params: "params" must be empty
  EXPECT_TRUE(squarer->check_message);  // Number has from_json: it can be injected
  const TypeInfo* source = catalog.find("range_source");
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->message_type, "Tick");
  EXPECT_FALSE(source->check_message);
  ASSERT_TRUE(source->check_params);
  // Declared params: the loader checks each member before check_params reads the struct.
  ASSERT_TRUE(source->params);
  EXPECT_EQ(source->params->size(), 3u);
  EXPECT_EQ(source->params_doc,
            "from: int = 1, to: int = 0 (0: never ends), batch: int = 64 (>= 1; numbers per turn)");
  EXPECT_THROW((void)source->check_params({{"to", "ten"}}), std::invalid_argument);

  Registry unnamed;
  unnamed.add<Relay>("relay");
  EXPECT_EQ(unnamed.catalog().find("relay")->message_type,
            "courier::config::testing::(anonymous namespace)::Plain");
  EXPECT_THROW(unnamed.add<Relay>("relay"), std::invalid_argument);
}

TEST(LaunchRegistry, DeclaredParamsTakeNoHandWrittenDescription) {
  Registry registry;
  EXPECT_THROW(registry.add<examples::Summer>("summer", "label: string"), std::invalid_argument);
  EXPECT_EQ(registry.add<examples::Summer>("summer").catalog().find("summer")->params_doc,
            "label: string = \"sum\"");
}

TEST(LaunchRegistry, AnUnconnectedPortRefusesSendsAndHandsTheMessageBack) {
  Outputs outputs;
  outputs.declare("out", typeid(Plain));
  const Output<Plain> out = outputs[Relay::out];
  EXPECT_FALSE(out.connected());
  const auto sent = out.send(Plain{7});
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().status, mailbox::Status::closed);
  EXPECT_EQ(sent.error().value.value, 7);
  EXPECT_THROW((void)outputs[port<int>("out")], std::logic_error);  // another message type
}

int launch_with(const Registry& registry, std::string_view text) {
  const TypeCatalog catalog = registry.catalog();
  const auto topology = load_topology(text, "test.json", catalog);
  EXPECT_TRUE(topology) << topology.error().to_string();
  std::ostringstream out, err;
  return launch(*topology, registry, RunOptions{}, out, err);
}

// Query is keyed: key_hash routing sends it to replica key % count.
struct Query {
  int key = 0;
};
std::size_t courier_key(const Query& q) noexcept {
  return static_cast<std::size_t>(q.key);
}

// Answerer replies to a Query with its own name.
class Answerer final : public Actor<Query> {
 public:
  void on_message(Query, Context& ctx) override { ctx.reply(ctx.self<Query>().name()); }
};

// AskLog is what Asker saw (one launch at a time in this file).
struct AskLog {
  std::size_t replicas = 0;
  std::vector<std::string> answers;
} ask_log;

// Asker asks keys 0..5 through its port from on_start, logs who answered, and stops.
class Asker final : public Actor<Plain> {
 public:
  static constexpr auto out = port<Query>("out");
  static constexpr auto ports = courier::ports(out);
  explicit Asker(const Outputs& outputs) : out_(outputs[out]) {}
  void on_start(Context& ctx) override {
    ask_log.replicas = out_.replicas();
    for (int k = 0; k < 6; ++k) {
      auto answer = out_.ask<std::string>(Query{k}, std::chrono::seconds(10));
      ask_log.answers.push_back(answer ? *answer : "error: " + answer.error().message);
    }
    ctx.stop();
  }
  void on_message(Plain, Context&) override {}

 private:
  Output<Query> out_;
};

TEST(LaunchRegistry, AnUnconnectedPortFailsAnAskAndHasNoReplicas) {
  Outputs outputs;
  outputs.declare("out", typeid(Query));
  const Output<Query> out = outputs[Asker::out];
  EXPECT_EQ(out.replicas(), 0u);
  const auto answer = out.ask<std::string>(Query{1}, std::chrono::seconds(10));
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().kind, AskError::Kind::dead_target);
}

TEST(LaunchRegistry, AnAskThroughAKeyHashPortReachesReplicaKeyModuloCount) {
  Registry registry;
  registry.add<Asker>("asker").add<Answerer>("answerer");
  ask_log = {};
  EXPECT_EQ(launch_with(registry, R"({"version": 1, "actors": {
      "a": {"type": "asker"}, "b": {"type": "answerer", "count": 3, "routing": "key_hash"}},
      "connections": [{"from": "a.out", "to": "b"}]})"),
            kExitOk);
  EXPECT_EQ(ask_log.replicas, 3u);
  EXPECT_EQ(ask_log.answers,
            (std::vector<std::string>{"b[0]", "b[1]", "b[2]", "b[0]", "b[1]", "b[2]"}));
}

TEST(LaunchRegistry, RoutesToOneReceiverShareItsReplicas) {
  ActorSystem system({.workers = 1});
  std::vector<std::shared_ptr<courier::detail::CellBase>> replicas;
  for (const char* name : {"r0", "r1", "r2"}) {
    replicas.push_back(system.spawn<Answerer>(SpawnOptions{.name = name}).cell());
  }
  courier::detail::Route<Query> first(false, &courier::detail::key_of<Query>);
  courier::detail::Route<Query> second(true, &courier::detail::key_of<Query>);
  first.bind(replicas);
  second.share(first);
  EXPECT_EQ(second.replicas(), 3u);
  for (int k = 0; k < 3; ++k) {
    const auto answer = second.ask<std::string>(Query{k + 3}, std::chrono::seconds(10));
    ASSERT_TRUE(answer) << answer.error().message;
    EXPECT_EQ(*answer, "r" + std::to_string(k));
  }
  courier::detail::Route<Plain> other(false, nullptr);
  EXPECT_THROW(other.share(first), std::logic_error);  // another message type
  EXPECT_TRUE(system.shutdown(std::chrono::seconds(10)));
}

TEST(LaunchRegistry, KeyHashRoutingNeedsAKeyFromTheMessage) {
  Registry registry;
  registry.add<Relay>("relay").add<Answerer>("answerer");
  const TypeCatalog catalog = registry.catalog();
  EXPECT_FALSE(catalog.find("relay")->keyed);  // Plain has neither courier_key nor std::hash
  EXPECT_TRUE(catalog.find("answerer")->keyed);
  const std::string_view text = R"({"version": 1, "actors": {
      "a": {"type": "relay"}, "b": {"type": "relay", "count": 2, "routing": "key_hash"}},
      "connections": [{"from": "a.out", "to": "b"}]})";
  // The validator refuses it, so nothing starts...
  const auto refused = load_topology(text, "test.json", catalog);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().to_string().find("/actors/b/routing: expected \"round_robin\""),
            std::string::npos)
      << refused.error().to_string();

  // ...and the launcher, given a topology checked against a catalog that was wrong about it,
  // still refuses to build the router.
  TypeCatalog mistaken;
  for (TypeInfo type : catalog.all()) {
    type.keyed = true;
    mistaken.add(std::move(type));
  }
  const auto topology = load_topology(text, "test.json", mistaken);
  ASSERT_TRUE(topology) << topology.error().to_string();
  std::ostringstream out, err;
  try {
    launch(*topology, registry, RunOptions{}, out, err);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("courier_key"), std::string::npos) << e.what();
  }
}

TEST(LaunchRegistry, AnUndeclaredPortFailsTheLaunchSayingSo) {
  Registry registry;
  registry.add<Misread>("misread");
  EXPECT_THROW(launch_with(registry, R"({"version": 1, "actors": {"a": {"type": "misread"}}})"),
               std::logic_error);
}

}  // namespace
}  // namespace courier::config::testing
