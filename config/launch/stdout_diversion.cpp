// stdout_diversion.cpp: dup/dup2 around a run, with every buffer flushed at each switch.
#include "stdout_diversion.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace courier::config::detail {

namespace {

void flush_stdout() {
  std::cout.flush();
  std::fflush(stdout);
}

}  // namespace

StdoutDiversion::StdoutDiversion() {
  flush_stdout();
  saved_stdout_ = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0);
  if (saved_stdout_ < 0) return;
  if (dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    close(saved_stdout_);
    saved_stdout_ = -1;
  }
}

StdoutDiversion::~StdoutDiversion() {
  if (saved_stdout_ < 0) return;
  flush_stdout();
  dup2(saved_stdout_, STDOUT_FILENO);
  close(saved_stdout_);
}

}  // namespace courier::config::detail
