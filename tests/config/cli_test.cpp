// cli_test.cpp: the `courier` subcommands and their exit codes.
#include "courier/config/cli.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_catalog.hpp"

namespace courier::config {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::read_text;
using testing::test_catalog;
using testing::test_dir;

// Cli runs the command with captured output, recording what the launcher was given.
struct Cli {
  std::ostringstream out;
  std::ostringstream err;
  std::optional<Topology> launched;
  RunOptions options;
  int launch_result = kExitOk;

  int operator()(std::vector<std::string> args) {
    args.insert(args.begin(), "courier");
    return run_cli(
        args, test_catalog(),
        [this](const Topology& topology, const RunOptions& given) {
          launched = topology;
          options = given;
          return launch_result;
        },
        out, err);
  }
};

std::string good(const std::string& name) {
  return test_dir() + "/good/" + name;
}
std::string bad(const std::string& name) {
  return test_dir() + "/bad/" + name;
}

// TempDir is a fresh folder, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "courier-cli-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

TEST(Cli, ValidateReportsEachFileAndFailsWithTwoWhenOneIsInvalid) {
  Cli cli;
  EXPECT_EQ(cli({"validate", good("wordcount.json"), bad("type_mismatch.json")}), kExitInvalidFile);
  EXPECT_EQ(cli.out.str(), good("wordcount.json") + ": ok (3 actors, 2 connections)\n");
  EXPECT_EQ(cli.err.str(), bad("type_mismatch.json") +
                               ":7:52: /connections/0/to: expected an actor accepting Line (what "
                               "reader.lines sends), found \"count\", a word_counter accepting "
                               "Word\n1 error in " +
                               bad("type_mismatch.json") + "\n");
}

TEST(Cli, ValidateSucceedsWhenEveryFileIsValid) {
  Cli cli;
  EXPECT_EQ(cli({"validate", good("minimal.json"), good("relay_ring.json")}), kExitOk);
  EXPECT_EQ(cli.err.str(), "");
}

// A file and what `validate` says of its size.
struct SizedFile {
  const char* json;
  const char* counts;
};

class CliValidateCounts : public ::testing::TestWithParam<SizedFile> {};

TEST_P(CliValidateCounts, NamesOneActorOrConnectionInTheSingular) {
  TempDir dir;
  const std::string file = (dir.path / "sized.json").string();
  std::ofstream(file) << GetParam().json;
  Cli cli;
  EXPECT_EQ(cli({"validate", file}), kExitOk) << cli.err.str();
  EXPECT_EQ(cli.out.str(), file + ": ok (" + GetParam().counts + ")\n");
}

INSTANTIATE_TEST_SUITE_P(
    Sizes, CliValidateCounts,
    ::testing::Values(
        SizedFile{
            R"({"version": 1, "actors": {"r": {"type": "line_reader", "params": {"path": "x"}}}})",
            "1 actor, 0 connections"},
        SizedFile{
            R"({"version": 1, "actors": {"r": {"type": "line_reader", "params": {"path": "x"}},
                      "t": {"type": "tokenizer"}},
                      "connections": [{"from": "r.lines", "to": "t"}]})",
            "2 actors, 1 connection"}));

TEST(Cli, TypesListsTypesPortsParamsAndMessages) {
  Cli cli;
  EXPECT_EQ(cli({"types"}), kExitOk);
  EXPECT_EQ(cli.out.str(),
            "line_reader\n"
            "  accepts  Start (can be injected from JSON)\n"
            "  port     lines -> Line\n"
            "  params   path: string (required), repeat: int = 1 (1..2147483647)\n"
            "tokenizer\n"
            "  accepts  Line (can be injected from JSON)\n"
            "  port     words -> Word\n"
            "  params   lowercase: bool = true\n"
            "word_counter\n"
            "  accepts  Word\n"
            "  params   top: int = 10\n"
            "relay\n"
            "  accepts  Word\n"
            "  port     out -> Word\n"
            "  params   none\n");
}

TEST(Cli, RunLaunchesTheValidatedTopologyWithOverridesAndOptions) {
  Cli cli;
  cli.launch_result = kExitInterrupted;
  EXPECT_EQ(cli({"run", good("wordcount.json"), "--workers", "3", "--set", "/actors/split/count=2",
                 "--set", "/runtime/budget=64", "--json", "-"}),
            kExitInterrupted);
  ASSERT_TRUE(cli.launched);
  EXPECT_EQ(cli.launched->runtime.workers, 3u);
  EXPECT_EQ(cli.launched->runtime.budget, 64u);
  EXPECT_EQ(cli.launched->find_actor("split")->count, 2u);
  EXPECT_EQ(cli.options.workers, 3u);
  EXPECT_EQ(cli.options.json_summary, "-");
}

TEST(Cli, RunWithoutOptionsKeepsTheFile) {
  Cli cli;
  EXPECT_EQ(cli({"run", good("wordcount.json")}), kExitOk);
  ASSERT_TRUE(cli.launched);
  EXPECT_EQ(cli.launched->runtime.workers, 2u);
  EXPECT_FALSE(cli.options.workers);
  EXPECT_EQ(cli.options.json_summary, "");
}

TEST(Cli, RunRefusesAnInvalidFileWithoutLaunching) {
  Cli cli;
  EXPECT_EQ(cli({"run", good("wordcount.json"), "--set", "/runtime/workers=0"}), kExitInvalidFile);
  EXPECT_FALSE(cli.launched);
  EXPECT_EQ(cli.err.str(), good("wordcount.json") +
                               " (--set): /runtime/workers: expected an integer from 1 to 256, "
                               "found 0\n1 error in " +
                               good("wordcount.json") + "\n");
}

TEST(Cli, RunReportsALauncherExceptionAsARuntimeFailure) {
  std::ostringstream out, err;
  const int code = run_cli(
      {"courier", "run", good("minimal.json")}, test_catalog(),
      [](const Topology&, const RunOptions&) -> int { throw std::runtime_error("no disk"); }, out,
      err);
  EXPECT_EQ(code, kExitRuntimeFailure);
  EXPECT_EQ(err.str(), "courier run: no disk\n");
}

TEST(Cli, BadCommandLinesExitWithTwoAndHelpWithZero) {
  Cli none;
  EXPECT_EQ(none({}), kExitInvalidFile);
  Cli workers;
  EXPECT_EQ(workers({"run", good("minimal.json"), "--workers", "0"}), kExitInvalidFile);
  EXPECT_FALSE(workers.launched);
  Cli json_without_file;
  EXPECT_EQ(json_without_file({"run", good("minimal.json"), "--json"}), kExitInvalidFile);
  EXPECT_FALSE(json_without_file.launched);
  EXPECT_THAT(json_without_file.err.str(), HasSubstr("--json"));
  Cli help;
  EXPECT_EQ(help({"--help"}), kExitOk);
  EXPECT_THAT(help.out.str(), HasSubstr("validate"));
}

// cmake_project_version() is the VERSION of the project() call of the top CMakeLists.txt.
std::string cmake_project_version() {
  const std::string cmake = read_text(test_dir() + "/../../CMakeLists.txt");
  const std::string key = "project(courier VERSION ";
  const std::size_t at = cmake.find(key);
  if (at == std::string::npos) return "(no project version in CMakeLists.txt)";
  const std::size_t begin = at + key.size();
  return cmake.substr(begin, cmake.find_first_of(" )", begin) - begin);
}

TEST(Cli, VersionPrintsTheProjectVersionOfCMake) {
  Cli cli;
  EXPECT_EQ(cli({"--version"}), kExitOk);
  EXPECT_EQ(cli.out.str(), "courier " + cmake_project_version() + "\n");
  EXPECT_EQ(cli.err.str(), "");
}

// Every command's help (the top one: no command) ends with examples, its exit codes and where
// the docs are.
class CliHelp : public ::testing::TestWithParam<std::string> {};

TEST_P(CliHelp, ShowsExamplesExitCodesAndTheDocs) {
  std::vector<std::string> args;
  if (!GetParam().empty()) args.push_back(GetParam());
  args.push_back("--help");
  Cli cli;
  EXPECT_EQ(cli(args), kExitOk);
  const std::string help = cli.out.str();
  EXPECT_THAT(help, HasSubstr("Examples:\n  courier " + GetParam()));
  EXPECT_THAT(help, HasSubstr("Exit codes:\n  0    "));
  EXPECT_THAT(help, HasSubstr("\n  2    "));
  EXPECT_THAT(help, HasSubstr("Docs: docs/config.md"));
}

INSTANTIATE_TEST_SUITE_P(Commands, CliHelp,
                         ::testing::Values("", "validate", "graph", "types", "run"),
                         [](const ::testing::TestParamInfo<std::string>& command) {
                           return command.param.empty() ? std::string("top") : command.param;
                         });

TEST(Cli, TopAndRunHelpListEveryExitCodeOfARun) {
  for (const char* command : {"", "run"}) {
    std::vector<std::string> args;
    if (*command != '\0') args.push_back(command);
    args.push_back("--help");
    Cli cli;
    EXPECT_EQ(cli(args), kExitOk);
    for (const int code : {kExitOk, kExitRuntimeFailure, kExitInvalidFile, kExitInterrupted}) {
      EXPECT_THAT(cli.out.str(), HasSubstr("\n  " + std::to_string(code) + " "))
          << command << " --help";
    }
  }
}

TEST(Cli, GraphWritesDotToStdoutOrToADotFile) {
  Cli cli;
  EXPECT_EQ(cli({"graph", good("minimal.json")}), kExitOk);
  EXPECT_THAT(cli.out.str(), HasSubstr("\"reader\" [label=\"reader\\nline_reader: Start"));
  TempDir dir;
  const std::string out = (dir.path / "g.dot").string();
  Cli to_file;
  EXPECT_EQ(to_file({"graph", good("minimal.json"), "-o", out}), kExitOk);
  EXPECT_EQ(read_text(out), cli.out.str());
}

TEST(Cli, GraphRendersWithDotFromPathOrSaysItIsMissing) {
  TempDir dir;
  const char* saved = std::getenv("PATH");
  const std::string saved_path = saved != nullptr ? saved : "";
  ::setenv("PATH", dir.path.c_str(), 1);
  Cli missing;
  EXPECT_EQ(missing({"graph", good("minimal.json"), "-o", (dir.path / "g.svg").string()}),
            kExitRuntimeFailure);
  EXPECT_THAT(missing.err.str(), HasSubstr("needs Graphviz's `dot`, which is not on PATH"));

  // A stand-in `dot` records its arguments and writes the output file.
  const fs::path fake = dir.path / "dot";
  // Only shell builtins: PATH holds nothing else.
  std::ofstream(fake) << "#!/bin/sh\necho \"$@\" > \"${0%/dot}/args\"\n"
                         "while IFS= read -r line; do echo \"$line\"; done < \"$4\" > \"$3\"\n";
  fs::permissions(fake, fs::perms::owner_all);
  const std::string svg = (dir.path / "g.svg").string();
  Cli rendered;
  EXPECT_EQ(rendered({"graph", good("minimal.json"), "-o", svg}), kExitOk);
  ::setenv("PATH", saved_path.c_str(), 1);
  EXPECT_EQ(rendered.err.str(), "");
  EXPECT_THAT(read_text((dir.path / "args").string()), HasSubstr("-Tsvg -o " + svg + " "));
  EXPECT_THAT(read_text(svg), HasSubstr("digraph"));
}

TEST(Cli, GraphRefusesAnUnknownOutputFormat) {
  Cli cli;
  EXPECT_EQ(cli({"graph", good("minimal.json"), "-o", "g.jpeg"}), kExitInvalidFile);
  EXPECT_EQ(cli.err.str(),
            "courier graph: expected -o ending in .dot, .gv, .svg, .png or .pdf, found g.jpeg\n");
}

}  // namespace
}  // namespace courier::config
