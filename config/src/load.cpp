// load.cpp: files in, topologies or diagnostics out.
#include "courier/config/load.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>
#include <system_error>

#include "courier/config/limits.hpp"
#include "validate.hpp"

namespace courier::config {

namespace {

Diagnostics unreadable(const std::string& file, std::string message) {
  Diagnostics diagnostics;
  diagnostics.file = file;
  diagnostics.errors.push_back(Diagnostic{file, 1, 1, false, "", std::move(message)});
  return diagnostics;
}

// too_large() says how large the file at `path` is, which reading stopped short of: its size
// when it is a regular file, else (a device, a pipe) only that it passed the limit.
std::string too_large(const std::filesystem::path& path) {
  std::string found = "a file larger than 16 MiB";
  std::error_code error;
  if (std::filesystem::is_regular_file(path, error)) {
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (!error && size > kMaxFileBytes) found = std::to_string(size);
  }
  return "expected at most " + std::to_string(kMaxFileBytes) + " bytes of JSON, found " + found;
}

}  // namespace

courier::Expected<Topology, Diagnostics> load_topology(const std::filesystem::path& path,
                                                       const TypeCatalog& catalog,
                                                       std::span<const std::string> overrides) {
  const std::string file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return courier::Unexpected(
        unreadable(file, "expected a readable file, found " + std::string(std::strerror(errno))));
  }
  // Stop a little past the limit, so that a larger file is reported rather than read whole.
  std::string text;
  std::array<char, 64 * 1024> chunk;
  while (in && text.size() <= kMaxFileBytes) {
    in.read(chunk.data(), chunk.size());
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    return courier::Unexpected(unreadable(file, "expected a readable file, found a read error"));
  }
  if (text.size() > kMaxFileBytes) return courier::Unexpected(unreadable(file, too_large(path)));
  return load_topology(std::string_view(text), file, catalog, overrides);
}

courier::Expected<Topology, Diagnostics> load_topology(std::string_view text, std::string_view file,
                                                       const TypeCatalog& catalog,
                                                       std::span<const std::string> overrides) {
  detail::Validation validation = detail::validate_topology(text, file, catalog, overrides);
  if (validation.topology) return std::move(*validation.topology);
  return courier::Unexpected(std::move(validation.diagnostics));
}

}  // namespace courier::config
