// graph.hpp: a topology drawn as a Graphviz graph.
#pragma once

#include <string>

#include "courier/config/catalog.hpp"
#include "courier/config/topology.hpp"

namespace courier::config {

// to_dot() writes `topology` in Graphviz's DOT language: one box per actor (its name, "×N" when
// replicated, its type and the message type it accepts, its mailbox, its routing and its group
// when not the root), one arrow per connection labelled "port: MessageType", dashed when weak.
// `catalog` gives the message type each actor accepts.
std::string to_dot(const Topology& topology, const TypeCatalog& catalog);

}  // namespace courier::config
