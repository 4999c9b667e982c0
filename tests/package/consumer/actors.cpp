// courier::actors alone, the README's quick start: exit 0 only if the actor answered the second
// greeting with 2.
#include <chrono>
#include <courier/actors.hpp>
#include <cstdio>
#include <string>

struct Greet {
  std::string name;
};

class Greeter : public courier::Actor<Greet> {
  int greeted_ = 0;
  void on_message(Greet, courier::Context& ctx) override { ctx.reply(++greeted_); }
};

int main() {
  courier::ActorSystem system({.workers = 2});
  courier::ActorRef<Greet> ref =
      system.spawn<Greeter>({.name = "greeter", .mailbox = courier::Mailbox::bounded(1024)});
  if (!ref.send(Greet{"ada"})) return 1;
  auto n = ref.ask<int>(Greet{"grace"}, std::chrono::seconds(10));
  if (!n) {
    std::puts(n.error().message.c_str());
    return 1;
  }
  std::printf("greeted %d\n", *n);
  return *n == 2 ? 0 : 1;
}
