// graph.cpp: DOT output.
#include "courier/config/graph.hpp"

namespace courier::config {

namespace {

// dot_string() writes `text` as a DOT string literal; "\n" stays a DOT line break.
std::string dot_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '\\';
    out += c;
  }
  return out + '"';
}

// escaped() protects a name taken from the file or the catalog inside a DOT label.
std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string mailbox_label(const MailboxPlan& mailbox) {
  const std::string reserve =
      mailbox.reserve == 0 ? "" : ", reserve " + std::to_string(mailbox.reserve);
  if (mailbox.kind == MailboxKind::unbounded) return "unbounded" + reserve;
  return "bounded " + std::to_string(mailbox.capacity) + ", " +
         std::string(to_string(mailbox.overflow)) + reserve;
}

std::string actor_label(const ActorPlan& actor, const TypeCatalog& catalog) {
  std::string label = escaped(actor.name);
  if (actor.count > 1) label += " \u00d7" + std::to_string(actor.count);
  label += "\\n" + escaped(actor.type);
  if (const TypeInfo* type = catalog.find(actor.type)) {
    label += ": " + escaped(type->message_type);
  }
  label += "\\n" + mailbox_label(actor.mailbox);
  if (actor.count > 1) label += "\\n" + std::string(to_string(actor.routing));
  if (actor.supervisor != "root") label += "\\ngroup " + escaped(actor.supervisor);
  return label;
}

}  // namespace

std::string to_dot(const Topology& topology, const TypeCatalog& catalog) {
  std::string out = "digraph " + dot_string(escaped(topology.source)) + " {\n";
  out += "  rankdir=LR;\n";
  out += "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (const ActorPlan& actor : topology.actors) {
    out += "  " + dot_string(actor.name) + " [label=" + dot_string(actor_label(actor, catalog));
    if (actor.count > 1) out += ", shape=box3d";
    out += "];\n";
  }
  for (const ConnectionPlan& connection : topology.connections) {
    out += "  " + dot_string(connection.from) + " -> " + dot_string(connection.to) + " [label=" +
           dot_string(escaped(connection.port) + ": " + escaped(connection.message_type));
    if (!connection.strong) out += ", style=dashed";
    out += "];\n";
  }
  return out + "}\n";
}

}  // namespace courier::config
