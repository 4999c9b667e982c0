// courier_child.cpp: fork, exec, and both output pipes read until they close.
#include "apps/courier_child.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

namespace courier::apps::testing {

namespace {

// drain() reads both pipes until they are closed or the deadline passes; false on the deadline.
bool drain(int out_fd, int err_fd, Ran& ran, std::chrono::steady_clock::time_point deadline) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {&ran.out, &ran.err};
  int open = 2;
  char buffer[4096];
  while (open > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    if (poll(fds, 2, static_cast<int>(left.count())) < 0) return false;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(n));
      } else {
        fds[i].fd = -1;
        --open;
      }
    }
  }
  return true;
}

}  // namespace

Ran run_courier(const std::vector<std::string>& args, int seconds) {
  std::vector<std::string> argv_text{COURIER_BINARY};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  int out[2];
  int err[2];
  if (pipe(out) != 0 || pipe(err) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    dup2(err[1], STDERR_FILENO);
    close(out[0]);
    close(out[1]);
    close(err[0]);
    close(err[1]);
    std::vector<char*> argv;
    for (std::string& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(COURIER_BINARY, argv.data());
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  Ran ran;
  const bool in_time =
      drain(out[0], err[0], ran, std::chrono::steady_clock::now() + std::chrono::seconds(seconds));
  close(out[0]);
  close(err[0]);
  if (!in_time) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ran.code = in_time && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return ran;
}

}  // namespace courier::apps::testing
