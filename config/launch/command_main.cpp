// command_main.cpp: courier::main(), the whole `courier` command for a program's registry.
#include "courier/config/launch.hpp"

namespace courier {

int main(int argc, char** argv, const Registry& registry) {
  const config::TypeCatalog catalog = registry.catalog();
  return config::run_cli(argc, argv, catalog,
                         [&registry](const config::Topology& t, const config::RunOptions& o) {
                           return config::launch(t, registry, o);
                         });
}

}  // namespace courier
