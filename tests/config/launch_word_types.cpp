// launch_word_types.cpp: the word types behind test_catalog()'s names, written as a user would.
#include "launch_word_types.hpp"

#include <cctype>
#include <cstdio>
#include <functional>
#include <set>
#include <string>
#include <utility>

namespace courier::config::testing {

namespace {

// Start tells a reader to start (ignored: it starts by itself); it can be injected, and has no
// key.
struct Start {
  bool start = false;
};
void from_json(const nlohmann::json& j, Start& s) {
  j.at("start").get_to(s.start);
}

// Line is one line of text; it can be injected and routed by key.
struct Line {
  std::string text;
};
void from_json(const nlohmann::json& j, Line& l) {
  j.at("text").get_to(l.text);
}
std::size_t courier_key(const Line& l) noexcept {
  return std::hash<std::string>{}(l.text);
}

// Word is one word; it is routed by key, and cannot be injected.
struct Word {
  std::string text;
};
std::size_t courier_key(const Word& w) noexcept {
  return std::hash<std::string>{}(w.text);
}

class LineReader final : public Actor<Start> {
 public:
  struct Params {
    std::string path;
    int repeat = 1;
  };
  static constexpr auto lines = port<Line>("lines");
  static constexpr auto ports = courier::ports(lines);

  LineReader(const Params& params, const Outputs& outputs)
      : params_(params), lines_(outputs[lines]) {}
  void on_start(Context& ctx) override {
    for (int i = 0; i < params_.repeat; ++i) (void)lines_.send(Line{params_.path});
    ctx.stop();
  }
  void on_message(Start, Context&) override {}

 private:
  Params params_;
  Output<Line> lines_;
};
void from_json(const nlohmann::json& j, LineReader::Params& p) {
  j.at("path").get_to(p.path);
  if (j.contains("repeat")) j.at("repeat").get_to(p.repeat);
}

class Tokenizer final : public Actor<Line> {
 public:
  struct Params {
    bool lowercase = true;
  };
  static constexpr auto words = port<Word>("words");
  static constexpr auto ports = courier::ports(words);

  Tokenizer(const Params& params, const Outputs& outputs)
      : lowercase_(params.lowercase), words_(outputs[words]) {}
  void on_message(Line line, Context&) override {
    std::string word;
    for (const char c : line.text + " ") {
      const auto u = static_cast<unsigned char>(c);
      if (std::isalnum(u) != 0) {
        word += lowercase_ ? static_cast<char>(std::tolower(u)) : c;
      } else if (!word.empty()) {
        (void)words_.send(Word{std::exchange(word, {})});
      }
    }
  }

 private:
  bool lowercase_;
  Output<Word> words_;
};
void from_json(const nlohmann::json& j, Tokenizer::Params& p) {
  if (j.contains("lowercase")) j.at("lowercase").get_to(p.lowercase);
}

class WordCounter final : public Actor<Word> {
 public:
  struct Params {
    int top = 10;
  };

  explicit WordCounter(const Params&) {}
  void on_message(Word word, Context&) override {
    ++words_;
    distinct_.insert(std::move(word.text));
  }
  void on_stop(Context& ctx) override {
    std::printf("%s: %zu words, %zu distinct\n", ctx.name().c_str(), words_, distinct_.size());
    std::fflush(stdout);
  }

 private:
  std::size_t words_ = 0;
  std::set<std::string> distinct_;
};
void from_json(const nlohmann::json& j, WordCounter::Params& p) {
  if (j.contains("top")) j.at("top").get_to(p.top);
}

class Relay final : public Actor<Word> {
 public:
  static constexpr auto out = port<Word>("out");
  static constexpr auto ports = courier::ports(out);

  explicit Relay(const Outputs& outputs) : out_(outputs[out]) {}
  void on_message(Word word, Context&) override { (void)out_.send(std::move(word)); }

 private:
  Output<Word> out_;
};

}  // namespace

const Registry& word_registry() {
  static const Registry registry = [] {
    Registry r;
    r.name<Start>("Start").name<Line>("Line").name<Word>("Word");
    r.add<LineReader>("line_reader", "path: string (required), repeat: int = 1")
        .add<Tokenizer>("tokenizer", "lowercase: bool = true")
        .add<WordCounter>("word_counter", "top: int = 10")
        .add<Relay>("relay");
    return r;
  }();
  return registry;
}

}  // namespace courier::config::testing
