// fuzz_topology.cpp: libFuzzer entry point for the topology loader.
//
// An input is a topology text, optionally preceded by lines "--set /pointer=value" that become
// overrides. Besides crashes and sanitizer reports, it checks the loader's promise: a topology
// exactly when there are no problems, and every problem rendered on one line.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "courier/config/graph.hpp"
#include "test_catalog.hpp"
#include "validate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> overrides;
  constexpr std::string_view kSet = "--set ";
  while (text.starts_with(kSet)) {
    const std::size_t end = text.find('\n');
    overrides.emplace_back(text.substr(kSet.size(), end - kSet.size()));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  }
  const auto& catalog = courier::config::testing::test_catalog();
  const courier::config::detail::Validation validation =
      courier::config::detail::validate_topology(text, "fuzz.json", catalog, overrides);
  const bool has_problems = validation.diagnostics.count() > 0;
  if (validation.topology.has_value() == has_problems) std::abort();
  for (const courier::config::Diagnostic& problem : validation.diagnostics.errors) {
    if (problem.to_string().find('\n') != std::string::npos) std::abort();
  }
  if (validation.topology) (void)courier::config::to_dot(*validation.topology, catalog);
  return 0;
}
