// validate.cpp: the order of the checks, and assembling the topology.
#include "validate.hpp"

#include "courier/config/json_reader.hpp"
#include "courier/config/limits.hpp"
#include "courier/config/overrides.hpp"
#include "object_reader.hpp"
#include "sections.hpp"
#include "wording.hpp"

namespace courier::config::detail {

namespace {

using nlohmann::json;

void report_duplicates(Checker& checker, const JsonDocument& document) {
  for (const DuplicateKey& duplicate : document.duplicate_keys) {
    checker.error_at(duplicate.position, duplicate.pointer,
                     "expected each key once in an object, found " + quote(duplicate.key) +
                         " again (first at line " + std::to_string(duplicate.first.line) +
                         ", column " + std::to_string(duplicate.first.column) + ")");
  }
  // The repeated keys past those come after them in the text: none would be kept.
  checker.count_unkept(document.more_duplicate_keys);
}

void apply_overrides(Checker& checker, json& document, std::span<const std::string> overrides) {
  for (const std::string& assignment : overrides) {
    const std::optional<Override> parsed = parse_override(assignment);
    if (!parsed) {
      checker.command_line_error("",
                                 "expected --set /json/pointer=value, found " + quote(assignment));
      continue;
    }
    if (std::string problem = apply_override(document, *parsed); !problem.empty()) {
      checker.command_line_error(parsed->pointer, std::move(problem));
      continue;
    }
    checker.mark_overridden(parsed->pointer);
  }
}

void check_version(Checker& checker, const ObjectReader& root) {
  const json* version = root.find("version");
  if (version == nullptr) {
    checker.error("/version", "expected 1, the version of this format, found nothing");
  } else if (!version->is_number_integer() || version->get<std::int64_t>() != 1) {
    checker.error("/version",
                  "expected 1, the version of this format, found " + describe(*version));
  }
}

Topology assemble(std::string_view file, RuntimePlan runtime, std::vector<GroupPlan> groups,
                  ActorTable actors, std::vector<ConnectionEntry> connections,
                  std::vector<InjectPlan> inject) {
  Topology topology;
  topology.source = std::string(file);
  topology.runtime = runtime;
  for (ActorEntry& actor : actors.release()) topology.actors.push_back(std::move(actor.plan));
  for (ConnectionEntry& connection : connections) {
    topology.connections.push_back(std::move(connection.plan));
  }
  topology.supervision = std::move(groups);
  topology.inject = std::move(inject);
  return topology;
}

}  // namespace

Validation validate_topology(std::string_view text, std::string_view file,
                             const TypeCatalog& catalog, std::span<const std::string> overrides) {
  JsonDocument document;
  Checker checker(document, std::string(file));
  if (text.size() > kMaxFileBytes) {
    checker.error("", "expected at most " + std::to_string(kMaxFileBytes) +
                          " bytes of JSON, found " + std::to_string(text.size()));
    return Validation{std::nullopt, checker.take()};
  }
  document = read_json(text);
  report_duplicates(checker, document);
  if (document.syntax_error) {
    const JsonSyntaxError& error = *document.syntax_error;
    checker.error_at(error.position, error.pointer, error.message);
    return Validation{std::nullopt, checker.take()};
  }
  apply_overrides(checker, document.value, overrides);

  ObjectReader root(checker, &document.value, "",
                    {"$schema", "version", "runtime", "defaults", "supervision", "actors",
                     "connections", "inject"});
  if (!root.is_object()) return Validation{std::nullopt, checker.take()};
  check_version(checker, root);
  (void)root.string("$schema", "the location of a JSON schema");
  RuntimePlan runtime = read_runtime(checker, root.find("runtime"));
  const MailboxPlan mailbox = read_defaults(checker, root.find("defaults"));
  std::vector<GroupPlan> groups = read_supervision(checker, root.find("supervision"));
  ActorTable actors = read_actors(checker, root.find("actors"), catalog, mailbox, groups);
  check_totals(checker, actors);
  std::vector<ConnectionEntry> connections =
      read_connections(checker, root.find("connections"), actors);
  check_strong_cycles(checker, actors, connections);
  std::vector<InjectPlan> inject = read_inject(checker, root.find("inject"), actors);

  if (checker.error_count() > 0) return Validation{std::nullopt, checker.take()};
  return Validation{assemble(file, runtime, std::move(groups), std::move(actors),
                             std::move(connections), std::move(inject)),
                    checker.take()};
}

}  // namespace courier::config::detail
