// validation_test.cpp: one test per kind of problem, each asserting the exact line reported.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "courier/config/limits.hpp"
#include "courier/config/load.hpp"
#include "test_catalog.hpp"

namespace courier::config {
namespace {

using ::testing::ElementsAre;
using testing::test_catalog;

// problems() validates `text` as "t.json" and gives each problem's rendered line.
std::vector<std::string> problems(const std::string& text,
                                  const std::vector<std::string>& overrides = {}) {
  auto loaded = load_topology(text, "t.json", test_catalog(), overrides);
  std::vector<std::string> lines;
  if (loaded) return lines;
  for (const Diagnostic& d : loaded.error().errors) lines.push_back(d.to_string());
  return lines;
}

// with_actors() is a valid file around the given "actors" and "connections" bodies.
std::string with_actors(const std::string& actors, const std::string& connections = "") {
  return "{\"version\": 1,\n\"actors\": {\n" + actors + "},\n\"connections\": [\n" + connections +
         "]}";
}

const std::string kReader = R"("reader": {"type": "line_reader", "params": {"path": "in.txt"}})";

TEST(Validation, AcceptsAValidFile) {
  EXPECT_THAT(problems(with_actors(kReader)), ElementsAre());
}

TEST(Validation, InvalidJson) {
  EXPECT_THAT(problems("{\"version\": 1,\n \"actors\": {,}}"),
              ElementsAre("t.json:2:13: /actors: invalid JSON: syntax error while parsing object "
                          "key - unexpected ','; expected string literal"));
}

TEST(Validation, DocumentThatIsNotAnObject) {
  EXPECT_THAT(problems("[1]"), ElementsAre("t.json:1:1: /: expected an object, found an array"));
}

TEST(Validation, MissingVersionAndActors) {
  EXPECT_THAT(problems("{}"),
              ElementsAre("t.json:1:1: /version: expected 1, the version of this format, found "
                          "nothing",
                          "t.json:1:1: /actors: expected an object of actors, found nothing"));
}

TEST(Validation, WrongVersion) {
  EXPECT_THAT(
      problems(R"({"version": 2, "actors": {)" + kReader + "}}"),
      ElementsAre("t.json:1:13: /version: expected 1, the version of this format, found 2"));
}

TEST(Validation, UnknownKeySuggestsTheNearestValidName) {
  EXPECT_THAT(
      problems(R"({"version": 1, "runtime": {"wrokers": 2}, "actors": {)" + kReader + "}}"),
      ElementsAre("t.json:1:28: /runtime/wrokers: expected a key among \"workers\", "
                  "\"stack_size\", \"budget\", \"shutdown_timeout\", found \"wrokers\" [did you "
                  "mean \"workers\"?]"));
}

TEST(Validation, UnknownTopLevelKey) {
  EXPECT_THAT(problems(R"({"version": 1, "actor": {}, "actors": {)" + kReader + "}}"),
              ElementsAre("t.json:1:16: /actor: expected a key among \"$schema\", \"version\", "
                          "\"runtime\", \"defaults\", \"supervision\", \"actors\", "
                          "\"connections\", \"inject\", found \"actor\" [did you mean "
                          "\"actors\"?]"));
}

TEST(Validation, WrongJsonType) {
  EXPECT_THAT(
      problems(R"({"version": 1, "runtime": {"workers": "2"}, "actors": {)" + kReader + "}}"),
      ElementsAre("t.json:1:39: /runtime/workers: expected an integer from 1 to 256, found \"2\""));
  EXPECT_THAT(problems(R"({"version": 1, "runtime": [], "actors": {)" + kReader + "}}"),
              ElementsAre("t.json:1:27: /runtime: expected an object, found an array"));
  EXPECT_THAT(problems(with_actors(kReader, R"({"from": "reader.lines", "to": 7})")),
              ElementsAre("t.json:5:32: /connections/0/to: expected the name of an actor, found "
                          "7"));
}

TEST(Validation, OutOfRangeNumbers) {
  EXPECT_THAT(
      problems(R"({"version": 1, "runtime": {"workers": 257, "budget": 0}, "actors": {)" + kReader +
               "}}"),
      ElementsAre("t.json:1:39: /runtime/workers: expected an integer from 1 to 256, found 257",
                  "t.json:1:54: /runtime/budget: expected an integer from 1 to 1000000, found 0"));
  EXPECT_THAT(problems(with_actors(R"("r": {"type": "relay", "count": 10001})")),
              ElementsAre("t.json:3:33: /actors/r/count: expected an integer from 1 to 10000, "
                          "found 10001"));
  EXPECT_THAT(problems(with_actors(R"("r": {"type": "relay", "count": 2.0})")),
              ElementsAre("t.json:3:33: /actors/r/count: expected an integer from 1 to 10000, "
                          "found 2.0"));
  EXPECT_THAT(problems(with_actors(R"("r": {"type": "relay", "count": 18446744073709551615})")),
              ElementsAre("t.json:3:33: /actors/r/count: expected an integer from 1 to 10000, "
                          "found 18446744073709551615"));
}

TEST(Validation, CapacityZero) {
  EXPECT_THAT(problems(with_actors(R"("r": {"type": "relay", "mailbox": {"capacity": 0}})")),
              ElementsAre("t.json:3:48: /actors/r/mailbox/capacity: expected an integer from 1 "
                          "to 268435456, found 0"));
}

TEST(Validation, CapacityOnAnUnboundedMailbox) {
  EXPECT_THAT(
      problems(with_actors(
          R"("r": {"type": "relay", "mailbox": {"kind": "unbounded", "capacity": 8, "overflow": "fail"}})")),
      ElementsAre("t.json:3:69: /actors/r/mailbox/capacity: expected no capacity on an unbounded "
                  "mailbox, found 8",
                  "t.json:3:84: /actors/r/mailbox/overflow: expected no overflow on an unbounded "
                  "mailbox, found \"fail\""));
}

TEST(Validation, ReserveBeyondItsBound) {
  EXPECT_THAT(problems(with_actors(R"("r": {"type": "relay", "mailbox": {"reserve": 16777217}})")),
              ElementsAre("t.json:3:47: /actors/r/mailbox/reserve: expected an integer from 0 to "
                          "16777216, found 16777217"));
}

TEST(Validation, ReserveMergesOverTheDefaultsOfEitherKind) {
  const std::string text =
      "{\"version\": 1, \"defaults\": {\"mailbox\": {\"kind\": \"unbounded\", \"reserve\": 64}},\n"
      "\"actors\": {\"a\": {\"type\": \"relay\"},\n"
      "  \"b\": {\"type\": \"relay\", \"mailbox\": {\"kind\": \"bounded\", \"capacity\": 8}},\n"
      "  \"c\": {\"type\": \"relay\", \"mailbox\": {\"reserve\": 0}}}}";
  const auto loaded = load_topology(text, "t.json", test_catalog());
  ASSERT_TRUE(loaded) << loaded.error().to_string();
  EXPECT_EQ(loaded->find_actor("a")->mailbox,
            (MailboxPlan{MailboxKind::unbounded, 0, Overflow::wait, 64}));
  EXPECT_EQ(loaded->find_actor("b")->mailbox,
            (MailboxPlan{MailboxKind::bounded, 8, Overflow::wait, 64}));
  EXPECT_EQ(loaded->find_actor("c")->mailbox,
            (MailboxPlan{MailboxKind::unbounded, 0, Overflow::wait, 0}));
}

TEST(Validation, BadEnumValueSuggestsTheNearest) {
  EXPECT_THAT(problems(with_actors(R"("r": {"type": "relay", "mailbox": {"overflow": "drop"}})")),
              ElementsAre("t.json:3:48: /actors/r/mailbox/overflow: expected one of \"wait\", "
                          "\"fail\", \"drop_newest\", found \"drop\""));
  EXPECT_THAT(problems(with_actors(R"("r": {"type": "relay", "routing": "round_robbin"})")),
              ElementsAre("t.json:3:35: /actors/r/routing: expected one of \"round_robin\", "
                          "\"key_hash\", found \"round_robbin\" [did you mean \"round_robin\"?]"));
}

TEST(Validation, KeyHashRoutingNeedsAMessageTypeWithAKey) {
  // Start, line_reader's message, has no key; Word, relay's, has one.
  EXPECT_THAT(
      problems(with_actors(
          R"("r": {"type": "line_reader", "params": {"path": "a"}, "count": 2, "routing": "key_hash"},
"k": {"type": "relay", "count": 2, "routing": "key_hash"})")),
      ElementsAre("t.json:3:78: /actors/r/routing: expected \"round_robin\" (key_hash needs a key "
                  "from message type \"Start\" of type \"line_reader\": a courier_key(const "
                  "Start&) or a std::hash<Start>), found \"key_hash\""));
}

TEST(Validation, BadSizeStrings) {
  const std::string tail = R"(}, "actors": {)" + kReader + "}}";
  EXPECT_THAT(problems(R"({"version": 1, "runtime": {"stack_size": 65536)" + tail),
              ElementsAre("t.json:1:42: /runtime/stack_size: expected a size from 16KiB to 8MiB "
                          "written with a unit (B, KiB, MiB, GiB) such as \"64KiB\", found 65536"));
  EXPECT_THAT(problems(R"({"version": 1, "runtime": {"stack_size": "64kb")" + tail),
              ElementsAre("t.json:1:42: /runtime/stack_size: expected a size from 16KiB to 8MiB "
                          "written with a unit (B, KiB, MiB, GiB) such as \"64KiB\", found "
                          "\"64kb\""));
  EXPECT_THAT(problems(R"({"version": 1, "runtime": {"stack_size": "4KiB")" + tail),
              ElementsAre("t.json:1:42: /runtime/stack_size: expected a size from 16KiB to 8MiB "
                          "written with a unit (B, KiB, MiB, GiB) such as \"64KiB\", found "
                          "\"4KiB\""));
}

TEST(Validation, BadDurationStrings) {
  const std::string tail = R"(}, "actors": {)" + kReader + "}}";
  EXPECT_THAT(problems(R"({"version": 1, "runtime": {"shutdown_timeout": 5)" + tail),
              ElementsAre("t.json:1:48: /runtime/shutdown_timeout: expected a duration from 0ms "
                          "to 1h written with a unit (ms, s, m, h) such as \"250ms\", found 5"));
  EXPECT_THAT(
      problems(R"({"version": 1, "supervision": {"root": {"within": "0s"}}, "actors": {)" +
               kReader + "}}"),
      ElementsAre("t.json:1:51: /supervision/root/within: expected a duration from 1ms to 24h "
                  "written with a unit (ms, s, m, h) such as \"250ms\", found \"0s\""));
}

TEST(Validation, UnknownActorType) {
  EXPECT_THAT(problems(with_actors(R"("split": {"type": "tokeniser"})")),
              ElementsAre("t.json:3:19: /actors/split/type: expected a registered actor type "
                          "(\"line_reader\", \"tokenizer\", \"word_counter\", \"relay\"), found "
                          "\"tokeniser\" [did you mean \"tokenizer\"?]"));
}

TEST(Validation, MissingActorType) {
  EXPECT_THAT(problems(with_actors(R"("split": {"count": 2})")),
              ElementsAre("t.json:3:10: /actors/split/type: expected an actor type, found "
                          "nothing"));
}

TEST(Validation, BadInstanceName) {
  EXPECT_THAT(problems(with_actors(R"("Split": {"type": "relay"}, "2x": {"type": "relay"})")),
              ElementsAre("t.json:3:1: /actors/Split: expected an actor name matching "
                          "[a-z][a-z0-9_]*, found \"Split\"",
                          "t.json:3:29: /actors/2x: expected an actor name matching "
                          "[a-z][a-z0-9_]*, found \"2x\""));
}

TEST(Validation, DuplicateKeys) {
  EXPECT_THAT(problems(with_actors(kReader + ",\n\"reader\": {\"type\": \"relay\"}")),
              ElementsAre("t.json:4:1: /actors/reader: expected each key once in an object, "
                          "found \"reader\" again (first at line 3, column 1)"));
}

TEST(Validation, BadParamsReportedByTheType) {
  EXPECT_THAT(
      problems(with_actors(R"("reader": {"type": "line_reader", "params": {"repeat": 2}})")),
      ElementsAre("t.json:3:45: /actors/reader/params/path: expected the required member "
                  "\"path\" (a string), found nothing"));
  EXPECT_THAT(problems(with_actors(R"("reader": {"type": "line_reader", "params": {"path": 3}})")),
              ElementsAre("t.json:3:54: /actors/reader/params/path: expected a string, found 3"));
  EXPECT_THAT(problems(with_actors(R"("reader": {"type": "line_reader"})")),
              ElementsAre("t.json:3:11: /actors/reader/params/path: expected the required "
                          "member \"path\" (a string), found nothing"));
  EXPECT_THAT(problems(with_actors(R"("r": {"type": "relay", "params": {"x": 1}})")),
              ElementsAre("t.json:3:34: /actors/r/params: expected no params (type \"relay\" "
                          "takes none), found an object with 1 members"));
  EXPECT_THAT(problems(with_actors(R"("r": {"type": "relay", "params": [1]})")),
              ElementsAre("t.json:3:34: /actors/r/params: expected an object of params, found an "
                          "array"));
}

TEST(Validation, UnknownPort) {
  EXPECT_THAT(problems(with_actors(kReader + R"(, "split": {"type": "tokenizer"})",
                                   R"({"from": "reader.line", "to": "split"})")),
              ElementsAre("t.json:5:10: /connections/0/from: expected a port of \"reader\" (a "
                          "line_reader has \"lines\"), found \"reader.line\" [did you mean "
                          "\"reader.lines\"?]"));
}

TEST(Validation, FromWithoutAPort) {
  EXPECT_THAT(problems(with_actors(kReader + R"(, "split": {"type": "tokenizer"})",
                                   R"({"from": "reader", "to": "split"})")),
              ElementsAre("t.json:5:10: /connections/0/from: expected \"instance.port\", found "
                          "\"reader\""));
}

TEST(Validation, DanglingConnection) {
  EXPECT_THAT(
      problems(with_actors(kReader + R"(, "split": {"type": "tokenizer"})",
                           R"({"from": "raeder.lines", "to": "spilt"})")),
      ElementsAre("t.json:5:10: /connections/0/from: expected \"instance.port\" naming an actor "
                  "of /actors, found \"raeder.lines\" [did you mean \"reader.lines\"?]",
                  "t.json:5:32: /connections/0/to: expected an actor of /actors, found \"spilt\" "
                  "[did you mean \"split\"?]"));
}

TEST(Validation, TypeMismatchNamesBothTypes) {
  EXPECT_THAT(problems(with_actors(kReader + R"(, "count": {"type": "word_counter"})",
                                   R"({"from": "reader.lines", "to": "count"})")),
              ElementsAre("t.json:5:32: /connections/0/to: expected an actor accepting Line (what "
                          "reader.lines sends), found \"count\", a word_counter accepting Word"));
}

TEST(Validation, PortConnectedTwice) {
  EXPECT_THAT(
      problems(with_actors(kReader + R"(, "a": {"type": "tokenizer"}, "b": {"type": "tokenizer"})",
                           "{\"from\": \"reader.lines\", \"to\": \"a\"},\n"
                           "{\"from\": \"reader.lines\", \"to\": \"b\"}")),
      ElementsAre("t.json:6:10: /connections/1/from: expected each port connected once, "
                  "found \"reader.lines\" connected again (first at /connections/0)"));
}

TEST(Validation, StrongOnlyCycleIsExplained) {
  const std::string relays =
      R"("a": {"type": "relay"}, "b": {"type": "relay"}, "c": {"type": "relay"})";
  EXPECT_THAT(problems(with_actors(relays,
                                   "{\"from\": \"a.out\", \"to\": \"b\"},\n"
                                   "{\"from\": \"b.out\", \"to\": \"c\"},\n"
                                   "{\"from\": \"c.out\", \"to\": \"a\"}")),
              ElementsAre("t.json:7:1: /connections/2: expected no cycle made only of strong "
                          "edges, found a -> b -> c -> a; make one of its edges weak with "
                          "\"strong\": false"));
  EXPECT_THAT(problems(with_actors(relays,
                                   "{\"from\": \"a.out\", \"to\": \"b\"},\n"
                                   "{\"from\": \"b.out\", \"to\": \"c\"},\n"
                                   "{\"from\": \"c.out\", \"to\": \"a\", \"strong\": false}")),
              ElementsAre());
  EXPECT_THAT(
      problems(with_actors(relays, R"({"from": "a.out", "to": "a"})")),
      ElementsAre("t.json:5:1: /connections/0: expected no cycle made only of strong "
                  "edges, found a -> a; make one of its edges weak with \"strong\": false"));
}

TEST(Validation, UnknownSupervisorGroup) {
  EXPECT_THAT(
      problems(
          R"({"version": 1, "supervision": {"workers": {}}, "actors": {"r": {"type": "relay", "supervisor": "wrokers"}}})"),
      ElementsAre("t.json:1:96: /actors/r/supervisor: expected a supervision group (\"root\", "
                  "\"workers\"), found \"wrokers\" [did you mean \"workers\"?]"));
}

TEST(Validation, SupervisionParents) {
  EXPECT_THAT(
      problems("{\"version\": 1, \"actors\": {\"r\": {\"type\": \"relay\"}}, \"supervision\": {\n"
               "\"a\": {\"parent\": \"b\"},\n"
               "\"b\": {\"parent\": \"a\"},\n"
               "\"c\": {\"parent\": \"nope\"},\n"
               "\"root\": {\"parent\": \"a\"}}}"),
      ElementsAre("t.json:2:17: /supervision/a/parent: expected parents that lead up to the root "
                  "group, found the cycle a -> b -> a",
                  "t.json:4:17: /supervision/c/parent: expected a supervision group (\"root\", "
                  "\"a\", \"b\", \"c\"), found \"nope\"",
                  "t.json:5:20: /supervision/root/parent: expected no parent on the root group, "
                  "found \"a\""));
}

TEST(Validation, InjectChecksTheMessageWithItsType) {
  const std::string actors = kReader + R"(, "count": {"type": "word_counter"})";
  std::string text = with_actors(actors);
  text.pop_back();
  EXPECT_THAT(problems(text + ",\n\"inject\": [{\"to\": \"reader\", \"message\": {\"start\": 1}},\n"
                              "{\"to\": \"count\", \"message\": \"w\"},\n"
                              "{\"to\": \"nobody\", \"message\": 1}, {\"to\": \"reader\"}]}"),
              ElementsAre("t.json:6:40: /inject/0/message: expected true or false, found a number "
                          "in one of its members",
                          "t.json:7:8: /inject/1/to: expected an actor whose message type can be "
                          "read from JSON, found \"count\", a word_counter accepting Word, which "
                          "has no from_json",
                          "t.json:8:8: /inject/2/to: expected an actor of /actors, found "
                          "\"nobody\"",
                          "t.json:8:33: /inject/3/message: expected a message, found nothing"));
}

TEST(Validation, TooManyActorsInAll) {
  std::string actors;
  for (int i = 0; i < 11; ++i) {
    if (i > 0) actors += ", ";
    actors += "\"r" + std::to_string(i) + R"(": {"type": "relay", "count": 10000})";
  }
  EXPECT_THAT(problems(with_actors(actors)),
              ElementsAre("t.json:2:11: /actors: expected at most 100000 actors in all (the sum "
                          "of every count), found 110000"));
}

TEST(Validation, TooManyMailboxSlotsInAll) {
  EXPECT_THAT(
      problems(
          with_actors(R"("r": {"type": "relay", "count": 2, "mailbox": {"capacity": 268435456}})")),
      ElementsAre("t.json:2:11: /actors: expected at most 268435456 bounded mailbox slots in all "
                  "(capacity times count, summed), found 536870912"));
}

TEST(Validation, TooManyReservedSlotsInAll) {
  EXPECT_THAT(
      problems(
          with_actors(R"("r": {"type": "relay", "count": 2, "mailbox": {"reserve": 16777216}})")),
      ElementsAre("t.json:2:11: /actors: expected at most 16777216 reserved mailbox slots in all "
                  "(reserve times count, summed), found 33554432"));
}

TEST(Validation, ReportsEveryErrorAtOnce) {
  const std::string text =
      "{\"version\": 1,\n"
      " \"runtime\": {\"workers\": 0},\n"
      " \"actors\": {\n"
      "  \"reader\": {\"type\": \"line_reader\", \"params\": {}},\n"
      "  \"split\": {\"type\": \"tokenizer\", \"mailbox\": {\"capacity\": 0}},\n"
      "  \"count\": {\"type\": \"word_countr\"}},\n"
      " \"connections\": [{\"from\": \"reader.lines\", \"to\": \"splt\"}]}";
  const auto loaded = load_topology(text, "t.json", test_catalog());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().to_string(),
            "t.json:2:25: /runtime/workers: expected an integer from 1 to 256, found 0\n"
            "t.json:4:47: /actors/reader/params/path: expected the required member \"path\" (a "
            "string), found nothing\n"
            "t.json:5:58: /actors/split/mailbox/capacity: expected an integer from 1 to "
            "268435456, found 0\n"
            "t.json:6:21: /actors/count/type: expected a registered actor type (\"line_reader\", "
            "\"tokenizer\", \"word_counter\", \"relay\"), found \"word_countr\" [did you mean "
            "\"word_counter\"?]\n"
            "t.json:7:49: /connections/0/to: expected an actor of /actors, found \"splt\" [did you "
            "mean \"split\"?]\n"
            "5 errors in t.json\n");
}

TEST(Validation, FileThatCannotBeRead) {
  const auto loaded = load_topology(std::filesystem::path("/nonexistent/t.json"), test_catalog());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().to_string(),
            "/nonexistent/t.json:1:1: /: expected a readable file, found No such file or "
            "directory\n1 error in /nonexistent/t.json\n");
}

TEST(Validation, FileThatIsTooLarge) {
  const std::string huge(kMaxFileBytes + 1, ' ');
  EXPECT_THAT(problems(huge), ElementsAre("t.json:1:1: /: expected at most 16777216 bytes of "
                                          "JSON, found 16777217"));
}

// A file past the limit is not read whole: its size comes from the file system when it has one.
TEST(Validation, FileThatIsTooLargeSaysHowLarge) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("courier-large-" + std::to_string(::getpid()));
  for (const std::uintmax_t size : {std::uintmax_t{50} << 20, std::uintmax_t{1} << 30}) {
    std::ofstream(path).close();
    std::filesystem::resize_file(path, size);  // sparse: no disk space used
    const auto loaded = load_topology(path, test_catalog());
    ASSERT_FALSE(loaded);
    EXPECT_EQ(loaded.error().to_string(),
              path.string() + ":1:1: /: expected at most 16777216 bytes of JSON, found " +
                  std::to_string(size) + "\n1 error in " + path.string() + "\n");
  }
  std::filesystem::remove(path);
  const auto endless = load_topology(std::filesystem::path("/dev/zero"), test_catalog());
  ASSERT_FALSE(endless);
  EXPECT_EQ(endless.error().to_string(),
            "/dev/zero:1:1: /: expected at most 16777216 bytes of JSON, found a file larger than "
            "16 MiB\n1 error in /dev/zero\n");
}

// HostileFile is a generated file whose problems, written out whole, would be huge.
struct HostileFile {
  std::string name;
  std::string (*text)();

  friend void PrintTo(const HostileFile& file, std::ostream* out) { *out << file.name; }
};

// long_name_with_unknown_keys() has an actor whose name is `length` characters long, with 1,000
// unknown keys.
template <std::size_t length>
std::string long_name_with_unknown_keys() {
  std::string members = R"("type": "relay")";
  for (int i = 0; i < 1000; ++i) members += ", \"k" + std::to_string(i) + "\": 0";
  return with_actors("\"" + std::string(length, 'a') + "\": {" + members + "}");
}

std::string huge_key() {
  return with_actors(R"("a": {"type": "relay", ")" + std::string(10'000'000, 'k') + "\": 0}");
}

std::string long_supervision_cycle() {
  constexpr int kGroups = 200'000;
  std::string groups;
  for (int i = 0; i < kGroups; ++i) {
    if (i > 0) groups += ',';
    groups += "\"g" + std::to_string(i) + R"(": {"parent": "g)" +
              std::to_string((i + 1) % kGroups) + "\"}";
  }
  return R"({"version": 1, "actors": {"a": {"type": "relay"}}, "supervision": {)" + groups + "}}";
}

std::string long_strong_cycle() {
  constexpr int kActors = 2'000;
  std::string actors;
  std::string connections;
  for (int i = 0; i < kActors; ++i) {
    if (i > 0) actors += ", ";
    if (i > 0) connections += ",\n";
    // Appended, not "r" + to_string(i): g++ 12 at -O3 reports that as an overlapping copy.
    std::string name = "r";
    name += std::to_string(i);
    name.append(1000, 'x');
    actors += "\"" + name + R"(": {"type": "relay"})";
    connections += R"({"from": ")" + name + R"(.out", "to": "r)" +
                   std::to_string((i + 1) % kActors) + std::string(1000, 'x') + "\"}";
  }
  return with_actors(actors, connections);
}

std::string many_escaped_type_names() {
  std::string control_characters;
  for (int i = 0; i < 300; ++i) control_characters += "\\u0001";
  std::string actors;
  for (int i = 0; i < 2000; ++i) {
    if (i > 0) actors += ", ";
    actors += "\"a" + std::to_string(i) + R"(": {"type": ")" + control_characters + "\"}";
  }
  return with_actors(actors);
}

class BoundedReport : public ::testing::TestWithParam<HostileFile> {};

TEST_P(BoundedReport, StaysUnder200LinesAnd64KiB) {
  const auto loaded = load_topology(GetParam().text(), "t.json", test_catalog());
  ASSERT_FALSE(loaded);
  const std::string report = loaded.error().to_string();
  EXPECT_LT(report.size(), std::size_t{64} << 10);
  EXPECT_LT(std::count(report.begin(), report.end(), '\n'), 200);
  EXPECT_THAT(report, ::testing::StartsWith("t.json:"));
  for (const Diagnostic& problem : loaded.error().errors) {
    EXPECT_LE(problem.to_string().size(), 2000u);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Validation, BoundedReport,
    ::testing::Values(HostileFile{"LongNameWithUnknownKeys", long_name_with_unknown_keys<10'000>},
                      HostileFile{"HugeKey", huge_key},
                      HostileFile{"LongSupervisionCycle", long_supervision_cycle},
                      HostileFile{"LongStrongCycle", long_strong_cycle},
                      HostileFile{"ManyEscapedTypeNames", many_escaped_type_names}),
    [](const auto& file) { return file.param.name; });

std::string deep_long_keys() {
  std::string text = R"({"version": 1, "actors": {"a": {"type": "relay"}}, "x": )";
  for (int i = 0; i < 62; ++i)
    text += "{\"" + std::string(16'000, 'k') + std::to_string(i) + "\": ";
  return text + "0" + std::string(62, '}') + "}";
}

std::string deep_long_keys_over_many_members() {
  std::string text = R"({"version": 1, "actors": {"a": {"type": "relay"}}, "x": )";
  for (int i = 0; i < 62; ++i) text += "{\"" + std::string(8'000, 'k') + std::to_string(i) + "\": ";
  text += "{\"m\": 0";
  for (int i = 0; i < 50'000; ++i) text += ", \"m\": 0";
  return text + std::string(63, '}') + "}";
}

// many_values() is a file whose params hold `count` copies of `value` in an array.
template <int count>
std::string many_values(const char* value) {
  std::string values = value;
  for (int i = 1; i < count; ++i) values += std::string(",") + value;
  return with_actors(R"("a": {"type": "relay", "params": {"x": [)" + values + "]}}");
}

std::string many_numbers() {
  return many_values<500'000>("0");
}
std::string many_objects() {
  return many_values<333'000>("{}");
}
std::string many_arrays() {
  return many_values<250'000>("[0]");
}

// The peak memory of validating a 1 MB file of any shape stays under 64 MiB.
class BoundedMemory : public ::testing::TestWithParam<HostileFile> {};

TEST_P(BoundedMemory, StaysUnder64MiBForAOneMegabyteFile) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "a sanitizer's own memory would be measured too";
#endif
  const std::string text = GetParam().text();
  ASSERT_LE(text.size(), std::size_t{1'100'000});
  // Validate in a child: its peak resident size, less what it shared with this process when
  // forked, is what validating took.
  long pages = 0;
  std::ifstream("/proc/self/statm") >> pages >> pages;
  const long before_kib = pages * (::sysconf(_SC_PAGESIZE) / 1024);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) _exit(load_topology(text, "t.json", test_catalog()) ? 0 : 1);
  int status = 0;
  rusage usage{};
  ASSERT_EQ(::wait4(child, &status, 0, &usage), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_LT(usage.ru_maxrss - before_kib, 64 * 1024) << "KiB; before: " << before_kib;
}

INSTANTIATE_TEST_SUITE_P(Validation, BoundedMemory,
                         ::testing::Values(HostileFile{"LongNameWithUnknownKeys",
                                                       long_name_with_unknown_keys<1'000'000>},
                                           HostileFile{"DeepLongKeys", deep_long_keys},
                                           HostileFile{"DeepLongKeysOverManyMembers",
                                                       deep_long_keys_over_many_members},
                                           HostileFile{"ManyNumbers", many_numbers},
                                           HostileFile{"ManyObjects", many_objects},
                                           HostileFile{"ManyArrays", many_arrays}),
                         [](const auto& file) { return file.param.name; });

TEST(Validation, LongNamesAndPointersAreShortenedInTheMiddle) {
  const std::string name = "n" + std::string(200, 'a') + "z";
  EXPECT_THAT(
      problems(with_actors("\"" + name + R"(": {"type": "relay", "bad": 1})")),
      ElementsAre("t.json:3:225: /actors/n" + std::string(29, 'a') + "..." + std::string(34, 'a') +
                  "z/bad: expected a key among \"type\", "
                  "\"params\", \"mailbox\", \"count\", \"routing\", \"supervisor\", "
                  "found \"bad\""));
  std::string groups;
  for (int i = 0; i < 20; ++i) {
    groups += (i > 0 ? ", \"" : "\"") + std::string(50, 'g') + std::to_string(i) +
              R"(": {"parent": ")" + std::string(50, 'g') + std::to_string((i + 1) % 20) + "\"}";
  }
  const std::vector<std::string> lines = problems(
      R"({"version": 1, "actors": {"a": {"type": "relay"}}, "supervision": {)" + groups + "}}");
  ASSERT_EQ(lines.size(), 1u);
  const std::string g = std::string(18, 'g') + "..." + std::string(18, 'g');
  EXPECT_THAT(lines[0],
              ::testing::EndsWith("found the cycle " + g + "0 -> " + g + "1 -> " + g + "2 -> " + g +
                                  "3 -> " + g + "4 -> " + g + "5 -> " + g + "6 -> " + g + "7 -> " +
                                  g + "8 -> " + g + "9 -> ... -> " + g + "0"));
}

// The checks go section by section; when problems are capped, the report still keeps the first
// ones of the file.
TEST(Validation, CappedProblemsAreTheFirstInTheFile) {
  std::string connections;
  std::string actors;
  for (std::size_t i = 0; i < kMaxReportedErrors; ++i) {
    connections += R"({"from": "nobody.out", "to": "nobody"},)"
                   "\n";
    actors += "\"a" + std::to_string(i) +
              R"(": {"type": "nothing"},)"
              "\n";
  }
  const std::string text = "{\"version\": 1,\n\"connections\": [\n" + connections +
                           R"({"from": "a0.out", "to": "a0"}],)"
                           "\n\"actors\": {\n" +
                           actors + R"("b": {"type": "relay"}}})";
  const auto loaded = load_topology(text, "t.json", test_catalog());
  ASSERT_FALSE(loaded);
  const Diagnostics& report = loaded.error();
  ASSERT_EQ(report.errors.size(), kMaxReportedErrors);
  EXPECT_EQ(report.count(), 3 * kMaxReportedErrors);
  for (std::size_t i = 0; i < kMaxReportedErrors; ++i) {
    EXPECT_EQ(report.errors[i].line, 3 + i / 2);
    EXPECT_EQ(report.errors[i].pointer,
              "/connections/" + std::to_string(i / 2) + (i % 2 == 0 ? "/from" : "/to"));
  }
  EXPECT_THAT(report.to_string(),
              ::testing::EndsWith("\n300 errors in t.json (the first 100 shown)\n"));
}

TEST(Validation, ControlCharactersInNamesStayOnOneLine) {
  EXPECT_THAT(problems(with_actors(R"("a\nb": {"type": "relay"})")),
              ElementsAre("t.json:3:1: /actors/a\\u000ab: expected an actor name matching "
                          "[a-z][a-z0-9_]*, found \"a\\nb\""));
}

}  // namespace
}  // namespace courier::config
