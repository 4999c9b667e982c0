// launch_support.cpp: the helpers of the launch tests.
#include "launch_support.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <thread>

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

Launched launch_text(std::string_view text, const Registry& registry,
                     const std::vector<std::string>& overrides) {
  Launched result;
  const TypeCatalog catalog = registry.catalog();
  const auto topology = load_topology(text, "test.json", catalog, overrides);
  if (!topology) {
    ADD_FAILURE() << topology.error().to_string();
    return result;
  }
  std::ostringstream out;
  std::ostringstream err;
  RunOptions options;
  options.json_summary = "-";
  ::testing::internal::CaptureStdout();
  result.code = launch(*topology, registry, options, out, err);
  result.printed = ::testing::internal::GetCapturedStdout();
  result.summary = nlohmann::json::parse(out.str());
  result.errors = err.str();
  return result;
}

namespace {

// sigint_handled() tells whether a handler other than the default one is installed for SIGINT.
bool sigint_handled() {
  struct sigaction current {};
  sigaction(SIGINT, nullptr, &current);
  return current.sa_handler != SIG_DFL;
}

}  // namespace

Launched launch_interrupted(std::string_view text, const Registry& registry,
                            std::chrono::milliseconds delay,
                            const std::vector<std::string>& overrides) {
  // Until the launcher installs its handler, a SIGINT would end the test program.
  std::thread interrupter([delay] {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!sigint_handled() && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::this_thread::sleep_for(delay);
    if (sigint_handled()) kill(getpid(), SIGINT);
  });
  Launched result = launch_text(text, registry, overrides);
  interrupter.join();
  return result;
}

nlohmann::json actor_summary(const nlohmann::json& summary, std::string_view name) {
  for (const auto& a : summary.at("actors")) {
    if (a.at("name") == name) return a;
  }
  return nullptr;
}

Child start_courier(const std::vector<std::string>& args, const std::string& stderr_path) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const int pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    if (!stderr_path.empty()) {
      const int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (err >= 0) dup2(err, STDERR_FILENO);
    }
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
