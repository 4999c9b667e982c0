// launch_support.cpp: the helpers of the launch tests.
#include "launch_support.hpp"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <sstream>

#include "count_types.hpp"
#include "courier/config/launch.hpp"
#include "courier/config/load.hpp"

namespace courier::config::testing {

const Registry& example_registry() {
  static const Registry registry = [] {
    Registry r;
    examples::register_examples(r);
    return r;
  }();
  return registry;
}

std::string examples_dir() {
  return COURIER_EXAMPLES_DIR;
}

Launched launch_text(std::string_view text) {
  Launched result;
  const TypeCatalog catalog = example_registry().catalog();
  const auto topology = load_topology(text, "test.json", catalog);
  if (!topology) {
    ADD_FAILURE() << topology.error().to_string();
    return result;
  }
  std::ostringstream out;
  std::ostringstream err;
  RunOptions options;
  options.json_summary = true;
  ::testing::internal::CaptureStdout();
  result.code = launch(*topology, example_registry(), options, out, err);
  result.printed = ::testing::internal::GetCapturedStdout();
  result.summary = nlohmann::json::parse(out.str());
  result.errors = err.str();
  return result;
}

nlohmann::json actor_summary(const nlohmann::json& summary, std::string_view name) {
  for (const auto& a : summary.at("actors")) {
    if (a.at("name") == name) return a;
  }
  return nullptr;
}

Child start_courier(const std::vector<std::string>& args) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const int pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv{const_cast<char*>(COURIER_BINARY)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(COURIER_BINARY, argv.data());
    _exit(127);
  }
  close(fds[1]);
  return {pid, fds[0]};
}

int finish(const Child& child, std::string& output, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  char buffer[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{child.stdout_fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = read(child.stdout_fd, buffer, sizeof buffer);
    if (n <= 0) break;
    output.append(buffer, static_cast<std::size_t>(n));
  }
  close(child.stdout_fd);
  int status = 0;
  if (std::chrono::steady_clock::now() >= deadline) {
    kill(child.pid, SIGKILL);
    waitpid(child.pid, &status, 0);
    ADD_FAILURE() << "courier did not finish within " << seconds << " s";
    return -1;
  }
  waitpid(child.pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int run_courier(const std::vector<std::string>& args, std::string& output) {
  return finish(start_courier(args), output);
}

}  // namespace courier::config::testing
