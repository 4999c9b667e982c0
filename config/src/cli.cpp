// cli.cpp: the `courier` subcommands, parsed with CLI11.
#include "courier/config/cli.hpp"

#include <CLI/CLI.hpp>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli_graphviz.hpp"
#include "cli_quantities.hpp"
#include "courier/config/graph.hpp"
#include "courier/config/load.hpp"

namespace courier::config {

namespace {

// Arguments holds what the subcommands were given.
struct Arguments {
  std::vector<std::string> validate_files;
  std::string graph_file;
  std::string graph_output;
  std::string run_file;
  std::size_t workers = 0;
  std::vector<std::string> sets;
  bool json = false;
};

int validate(const Arguments& args, const TypeCatalog& catalog, std::ostream& out,
             std::ostream& err) {
  int code = kExitOk;
  for (const std::string& file : args.validate_files) {
    const auto loaded = load_topology(std::filesystem::path(file), catalog);
    if (loaded) {
      out << file << ": ok (" << detail::counted(loaded->actors.size(), "actor") << ", "
          << detail::counted(loaded->connections.size(), "connection") << ")\n";
    } else {
      err << loaded.error().to_string();
      code = kExitInvalidFile;
    }
  }
  return code;
}

int graph(const Arguments& args, const TypeCatalog& catalog, std::ostream& out, std::ostream& err) {
  const auto loaded = load_topology(std::filesystem::path(args.graph_file), catalog);
  if (!loaded) {
    err << loaded.error().to_string();
    return kExitInvalidFile;
  }
  const std::string dot = to_dot(*loaded, catalog);
  if (args.graph_output.empty()) {
    out << dot;
    return kExitOk;
  }
  const std::string extension = std::filesystem::path(args.graph_output).extension().string();
  if (extension == ".dot" || extension == ".gv") {
    std::ofstream file(args.graph_output, std::ios::binary);
    if (!(file << dot)) {
      err << "courier graph: cannot write " << args.graph_output << "\n";
      return kExitRuntimeFailure;
    }
    return kExitOk;
  }
  if (extension != ".svg" && extension != ".png" && extension != ".pdf") {
    err << "courier graph: expected -o ending in .dot, .gv, .svg, .png or .pdf, found "
        << args.graph_output << "\n";
    return kExitInvalidFile;
  }
  const std::string problem =
      detail::render_with_graphviz(dot, args.graph_output, extension.substr(1));
  if (!problem.empty()) {
    err << "courier graph: " << problem << "\n";
    return kExitRuntimeFailure;
  }
  return kExitOk;
}

int types(const TypeCatalog& catalog, std::ostream& out) {
  for (const TypeInfo& type : catalog.all()) {
    out << type.name << "\n  accepts  " << type.message_type
        << (type.check_message ? " (can be injected from JSON)" : "") << "\n";
    for (const PortInfo& port : type.ports) {
      out << "  port     " << port.name << " -> " << port.message_type << "\n";
    }
    if (!type.check_params) {
      out << "  params   none\n";
    } else if (!type.params_doc.empty()) {
      out << "  params   " << type.params_doc << "\n";
    }
  }
  return kExitOk;
}

int run(const Arguments& args, bool workers_given, const TypeCatalog& catalog,
        const LaunchFn& launch, std::ostream& err) {
  auto loaded = load_topology(std::filesystem::path(args.run_file), catalog, args.sets);
  if (!loaded) {
    err << loaded.error().to_string();
    return kExitInvalidFile;
  }
  RunOptions options;
  options.json_summary = args.json;
  if (workers_given) {
    options.workers = args.workers;
    loaded->runtime.workers = args.workers;
  }
  if (!launch) {
    err << "courier run: this program cannot launch topologies\n";
    return kExitRuntimeFailure;
  }
  try {
    return launch(*loaded, options);
  } catch (const std::exception& e) {
    err << "courier run: " << e.what() << "\n";
    return kExitRuntimeFailure;
  }
}

}  // namespace

int run_cli(const std::vector<std::string>& args, const TypeCatalog& catalog, LaunchFn launch,
            std::ostream& out, std::ostream& err) {
  Arguments parsed;
  CLI::App app{"courier: check, draw and run actor topologies described in JSON",
               args.empty() ? "courier" : args.front()};
  app.require_subcommand(1);

  CLI::App* validate_command =
      app.add_subcommand("validate", "Check topology files, reporting every problem at once");
  validate_command->add_option("FILE", parsed.validate_files, "Topology files")->required();

  CLI::App* graph_command = app.add_subcommand("graph", "Draw a topology with Graphviz");
  graph_command->add_option("FILE", parsed.graph_file, "Topology file")->required();
  graph_command->add_option("-o,--output", parsed.graph_output,
                            "Write FILE.dot, or render FILE.svg, .png or .pdf with `dot`");

  CLI::App* types_command =
      app.add_subcommand("types", "List the registered actor types, ports and params");

  CLI::App* run_command = app.add_subcommand("run", "Validate a topology, then run it");
  run_command->add_option("FILE", parsed.run_file, "Topology file")->required();
  CLI::Option* workers = run_command->add_option("--workers", parsed.workers, "Worker threads")
                             ->check(CLI::Range(std::size_t{1}, std::size_t{256}));
  run_command
      ->add_option("--set", parsed.sets,
                   "Change the file before validation: /json/pointer=value (repeatable)")
      ->allow_extra_args(false);
  run_command->add_flag("--json", parsed.json, "Print the summary as JSON");

  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e, out, err);
    return code == 0 ? kExitOk : kExitInvalidFile;
  }
  if (validate_command->parsed()) return validate(parsed, catalog, out, err);
  if (graph_command->parsed()) return graph(parsed, catalog, out, err);
  if (types_command->parsed()) return types(catalog, out);
  return run(parsed, workers->count() > 0, catalog, launch, err);
}

int run_cli(int argc, char** argv, const TypeCatalog& catalog, LaunchFn launch) {
  return run_cli(std::vector<std::string>(argv, argv + argc), catalog, std::move(launch), std::cout,
                 std::cerr);
}

}  // namespace courier::config
