// launcher.cpp: `courier run`: a validated topology started, watched, drained and summed up.
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "../src/cli_quantities.hpp"
#include "courier/config/launch.hpp"
#include "interrupt_watch.hpp"
#include "progress_line.hpp"
#include "run_summary.hpp"
#include "stdout_diversion.hpp"
#include "wiring.hpp"

namespace courier::config {

namespace {

SystemOptions system_options(const RuntimePlan& runtime) {
  SystemOptions options;
  options.workers = runtime.workers;
  options.stack_size = runtime.stack_size;
  options.budget = runtime.budget;
  // The root group is a top-level actor: a failure it escalates ends the run at once.
  options.root = Supervision{.max_restarts = 0, .on_limit = Supervision::OnLimit::escalate};
  return options;
}

std::string what_of(const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    return demangle(typeid(e)) + ": " + e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

// Ending is how the wait for the actors ended.
enum class Ending {
  completed,          // every actor stopped by itself
  drained,            // interrupted; every actor stopped within the drain time
  out_of_time,        // interrupted; the drain time ran out first
  interrupted_twice,  // interrupted; a second SIGINT stopped the drain
};

// wait_for_end() waits until every actor has stopped, refreshing the progress line. The first
// SIGINT stops the sources and gives the rest `drain` to end; a second one, or the end of that
// time, stops waiting.
Ending wait_for_end(ActorSystem& system, detail::Wiring& wiring,
                    const detail::InterruptWatch& interrupts, detail::ProgressLine& progress,
                    std::chrono::milliseconds drain) {
  using namespace std::chrono_literals;
  const auto tick = progress.enabled() ? 250ms : 20ms;
  bool draining = false;
  Clock::time_point drain_end{};
  Ending ending = Ending::completed;
  while (!system.wait_all_stopped(tick)) {
    const int caught = interrupts.interrupts();
    if (caught > 0 && !draining) {
      draining = true;
      drain_end = Clock::now() + drain;
      wiring.stop_sources();
    }
    if (draining && caught > 1) {
      ending = Ending::interrupted_twice;
      break;
    }
    if (draining && Clock::now() >= drain_end) {
      ending = Ending::out_of_time;
      break;
    }
    const detail::Wiring::Load load = wiring.load();
    progress.update(load.handled, load.deepest, load.deepest_actor);
  }
  progress.clear();
  if (ending == Ending::completed && interrupts.interrupts() > 0) ending = Ending::drained;
  return ending;
}

// report_cut_short() says which actors a drain cut short left running, and why it was cut.
void report_cut_short(std::ostream& err, Ending ending, std::chrono::milliseconds drain,
                      const std::vector<std::string>& running) {
  err << "courier run: interrupted: ";
  if (ending == Ending::out_of_time) {
    err << "the drain did not end within shutdown_timeout (" << drain.count() << "ms)";
  } else {
    err << "a second interrupt cut the drain short";
  }
  err << "; stopping " << detail::counted(running.size(), "actor") << " still running:";
  for (const std::string& name : running) err << " " << name;
  err << "\n";
}

}  // namespace

int launch(const Topology& topology, const Registry& registry, const RunOptions& options,
           std::ostream& out, std::ostream& err) {
  const auto began = Clock::now();
  const bool json_to_stdout = options.json_summary == "-";
  std::ofstream json_file;
  if (!options.json_summary.empty() && !json_to_stdout) {
    json_file.open(options.json_summary, std::ios::binary | std::ios::trunc);
    if (!json_file) {
      throw std::runtime_error("cannot write the JSON summary to " + options.json_summary + ": " +
                               std::strerror(errno));
    }
  }
  // With the JSON on the real stdout, what actors print there goes to stderr until it is written.
  // Declared before the system, so that it ends after every actor has, even on an exception.
  std::optional<detail::StdoutDiversion> diversion;
  if (json_to_stdout && &out == &std::cout) diversion.emplace();
  detail::InterruptWatch interrupts;
  ActorSystem system(system_options(topology.runtime));
  detail::Wiring wiring(system, topology, registry);
  for (const std::string& name : wiring.start()) {
    err << "courier run: an injected message could not be delivered to \"" << name << "\"\n";
  }
  detail::ProgressLine progress(std::cerr, &err == &std::cerr && isatty(STDERR_FILENO) == 1);
  const Ending ending =
      wait_for_end(system, wiring, interrupts, progress, topology.runtime.shutdown_timeout);
  if (ending == Ending::out_of_time || ending == Ending::interrupted_twice) {
    report_cut_short(err, ending, topology.runtime.shutdown_timeout, wiring.still_running());
  }
  // Whatever has not ended by now is stopped: a drain that was cut short, at once.
  system.shutdown(ending == Ending::completed || ending == Ending::drained
                      ? topology.runtime.shutdown_timeout
                      : std::chrono::milliseconds(0));

  diversion.reset();  // every actor has stopped: stdout is the summary's alone

  detail::RunSummary summary;
  summary.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - began);
  summary.actors = wiring.summarize();
  summary.dead_letters = system.dead_letters().count();
  summary.failed_sends = system.dead_letters().failed_sends();
  int code = kExitOk;
  summary.status = "completed";
  if (const std::exception_ptr failure = system.failure()) {
    code = kExitRuntimeFailure;
    summary.status = "failed";
    summary.failure = what_of(failure);
  } else if (ending != Ending::completed) {
    code = kExitInterrupted;
    summary.status = "interrupted";
  }
  if (json_to_stdout) {
    summary.write_json(out);
  } else {
    summary.write_table(out);
  }
  if (json_file.is_open()) {
    summary.write_json(json_file);
    json_file.close();
    if (!json_file) {
      err << "courier run: cannot write the JSON summary to " << options.json_summary << "\n";
      if (code == kExitOk) code = kExitRuntimeFailure;
    }
  }
  if (code == kExitRuntimeFailure) err << "courier run: failed: " << summary.failure << "\n";
  return code;
}

int launch(const Topology& topology, const Registry& registry, const RunOptions& options) {
  return launch(topology, registry, options, std::cout, std::cerr);
}

}  // namespace courier::config
