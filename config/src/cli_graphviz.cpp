// cli_graphviz.cpp: finding and running `dot`.
#include "cli_graphviz.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

extern char** environ;

namespace courier::config::detail {

namespace {

// find_on_path() gives the executable `name` found in PATH's folders, or "".
std::string find_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string_view folders = path != nullptr ? path : "";
  while (!folders.empty()) {
    const std::size_t colon = folders.find(':');
    const std::string folder(folders.substr(0, colon));
    folders = colon == std::string_view::npos ? std::string_view{} : folders.substr(colon + 1);
    const std::string candidate = (folder.empty() ? "." : folder) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

// TempFile is a file in the temporary folder that is removed with its owner. Thread-safety: a
// plain value.
class TempFile {
 public:
  TempFile() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "courier-graph-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd >= 0) {
      ::close(fd);
      path_ = pattern;
    }
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    std::error_code ignored;  // nothing to do about a temporary file that will not go
    if (!path_.empty()) std::filesystem::remove(path_, ignored);
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

std::string render_with_graphviz(std::string_view dot_text, const std::string& output,
                                 const std::string& format) {
  const std::string dot = find_on_path("dot");
  if (dot.empty()) {
    return "rendering " + output +
           " needs Graphviz's `dot`, which is not on PATH (Debian: apt-get install graphviz); "
           "without -o, or with -o FILE.dot, courier graph writes the DOT text itself";
  }
  TempFile input;
  std::ofstream(input.path(), std::ios::binary) << dot_text;
  const std::string type = "-T" + format;
  std::vector<char*> argv{const_cast<char*>(dot.c_str()),
                          const_cast<char*>(type.c_str()),
                          const_cast<char*>("-o"),
                          const_cast<char*>(output.c_str()),
                          const_cast<char*>(input.path().c_str()),
                          nullptr};
  pid_t child = 0;
  if (::posix_spawn(&child, dot.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    return "could not start " + dot;
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return "lost track of " + dot;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return dot + " failed to render " + output;
  }
  return "";
}

}  // namespace courier::config::detail
