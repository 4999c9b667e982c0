// courier/config.hpp: the config layer: topology files, their validation, and the `courier`
// command line.
#pragma once

#include "courier/config/catalog.hpp"
#include "courier/config/cli.hpp"
#include "courier/config/diagnostics.hpp"
#include "courier/config/from_json_check.hpp"
#include "courier/config/graph.hpp"
#include "courier/config/json_pointer.hpp"
#include "courier/config/json_reader.hpp"
#include "courier/config/limits.hpp"
#include "courier/config/load.hpp"
#include "courier/config/overrides.hpp"
#include "courier/config/topology.hpp"
#include "courier/config/units.hpp"
