// cli.cpp: the `courier` subcommands, parsed with CLI11.
#include "courier/config/cli.hpp"

#include <CLI/CLI.hpp>
#include <exception>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iostream>

#include "cli_graphviz.hpp"
#include "cli_quantities.hpp"
#include "courier/config/graph.hpp"
#include "courier/config/load.hpp"

namespace courier::config {

namespace {

// ExitCode is one exit code of a command, as its help describes it.
struct ExitCode {
  int code;
  const char* meaning;
};

// help_footer() is the end of a command's --help: examples, exit codes, where the docs are.
std::string help_footer(std::initializer_list<const char*> examples,
                        std::initializer_list<ExitCode> codes) {
  std::string text = "Examples:\n";
  for (const char* example : examples) text += std::string("  ") + example + "\n";
  text += "Exit codes:\n";
  for (const ExitCode& code : codes) {
    std::string number = std::to_string(code.code);
    number.resize(5, ' ');
    text += "  " + number + code.meaning + "\n";
  }
  text += "Docs: docs/config.md, \"The `courier` command\", in the Courier sources";
  return text;
}

constexpr ExitCode kInvalidCommandLine{kExitInvalidFile, "invalid command line"};

// Arguments holds what the subcommands were given.
struct Arguments {
  std::vector<std::string> validate_files;
  std::string graph_file;
  std::string graph_output;
  std::string run_file;
  std::size_t workers = 0;
  std::vector<std::string> sets;
  std::string json_summary;
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
  options.json_summary = args.json_summary;
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
  app.set_version_flag("--version", std::string("courier ") + COURIER_VERSION,
                       "Print the Courier version and exit");
  app.footer(
      help_footer({"courier validate pipeline.json", "courier graph pipeline.json -o pipeline.svg",
                   "courier run pipeline.json --workers 4", "courier COMMAND --help"},
                  {{kExitOk, "done: the files are valid, or the run completed"},
                   {kExitRuntimeFailure, "the run failed, or an output file could not be written"},
                   {kExitInvalidFile, "an invalid file, or an invalid command line"},
                   {kExitInterrupted, "the run was interrupted (Ctrl-C) and drained"}}));

  CLI::App* validate_command =
      app.add_subcommand("validate", "Check topology files, reporting every problem at once");
  validate_command->add_option("FILE", parsed.validate_files, "Topology files")->required();
  validate_command->footer(help_footer(
      {"courier validate pipeline.json other.json"},
      {{kExitOk, "every file is valid: \"FILE: ok (N actors, M connections)\""},
       {kExitInvalidFile, "a file is invalid: each problem on stderr as FILE:LINE:COLUMN"},
       kInvalidCommandLine}));

  CLI::App* graph_command = app.add_subcommand("graph", "Draw a topology with Graphviz");
  graph_command->add_option("FILE", parsed.graph_file, "Topology file")->required();
  graph_command->add_option("-o,--output", parsed.graph_output,
                            "Write FILE.dot, or render FILE.svg, .png or .pdf with `dot`");
  graph_command->footer(
      help_footer({"courier graph pipeline.json | dot -Tpng -o pipeline.png",
                   "courier graph pipeline.json -o pipeline.svg"},
                  {{kExitOk, "the graph was written"},
                   {kExitRuntimeFailure, "it could not be written, or `dot` could not render it"},
                   {kExitInvalidFile, "the file is invalid, or -o names an unknown format"},
                   kInvalidCommandLine}));

  CLI::App* types_command =
      app.add_subcommand("types", "List the registered actor types, ports and params");
  types_command->footer(help_footer({"courier types"}, {{kExitOk, "listed"}, kInvalidCommandLine}));

  CLI::App* run_command = app.add_subcommand("run", "Validate a topology, then run it");
  run_command->add_option("FILE", parsed.run_file, "Topology file")->required();
  CLI::Option* workers = run_command->add_option("--workers", parsed.workers, "Worker threads")
                             ->check(CLI::Range(std::size_t{1}, std::size_t{256}));
  run_command
      ->add_option("--set", parsed.sets,
                   "Change the file before validation: /json/pointer=value (repeatable)")
      ->allow_extra_args(false);
  run_command
      ->add_option("--json", parsed.json_summary,
                   "Write the summary as JSON to FILE, besides the table; with -, to stdout "
                   "instead of the table, the actors' own stdout going to stderr")
      ->type_name("FILE|-");
  run_command->footer(help_footer(
      {"courier run pipeline.json --workers 4 --set /actors/reader/params/path=big.txt",
       "courier run pipeline.json --json summary.json",
       "courier run pipeline.json --json - | jq .status    # stdout: the JSON alone"},
      {{kExitOk, "the run completed: every actor stopped by itself"},
       {kExitRuntimeFailure,
        "the run failed (a failure reached the top), or FILE of --json could not be written"},
       {kExitInvalidFile, "the file (with its --set changes) is invalid, or the command line"},
       {kExitInterrupted, "the run was interrupted (Ctrl-C) and drained"}}));

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
