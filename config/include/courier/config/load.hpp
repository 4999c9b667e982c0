// load.hpp: reading and validating a topology file: every problem at once, nothing started.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "courier/config/catalog.hpp"
#include "courier/config/diagnostics.hpp"
#include "courier/config/topology.hpp"
#include "courier/expected.hpp"

namespace courier::config {

// load_topology() reads the file at `path`, applies `overrides` (each "/json/pointer=value", as
// given to --set) and validates the result against `catalog`. It gives the topology with every
// default applied, or every problem found (a file that cannot be read is one problem).
courier::Expected<Topology, Diagnostics> load_topology(const std::filesystem::path& path,
                                                       const TypeCatalog& catalog,
                                                       std::span<const std::string> overrides = {});

// load_topology() validates `text` as if it had been read from a file named `file`.
courier::Expected<Topology, Diagnostics> load_topology(std::string_view text, std::string_view file,
                                                       const TypeCatalog& catalog,
                                                       std::span<const std::string> overrides = {});

}  // namespace courier::config
