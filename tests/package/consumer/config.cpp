// courier::config alone: a program of its own actor type behind the `courier` command line. The
// package test runs `consumer run` on a topology of one "once" actor, which stops itself.
#include <courier/config/launch.hpp>
#include <cstdio>

struct Never {};

class Once final : public courier::Actor<Never> {
 public:
  void on_start(courier::Context& ctx) override {
    std::puts("once: started");
    ctx.stop();
  }
  void on_message(Never, courier::Context&) override {}
};

int main(int argc, char** argv) {
  courier::Registry registry;
  registry.add<Once>("once");
  return courier::main(argc, argv, registry);
}
