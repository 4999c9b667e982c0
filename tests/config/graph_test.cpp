// graph_test.cpp: the DOT text of a topology.
#include "courier/config/graph.hpp"

#include <gtest/gtest.h>

#include "courier/config/load.hpp"
#include "test_catalog.hpp"

namespace courier::config {
namespace {

using testing::test_catalog;

TEST(Graph, DrawsActorsWithCountsMailboxesAndTypedEdges) {
  const auto loaded = load_topology(
      R"({"version": 1,
          "supervision": {"ring": {}},
          "actors": {
            "reader": {"type": "line_reader", "params": {"path": "x"}},
            "split": {"type": "tokenizer", "count": 4, "routing": "key_hash"},
            "echo": {"type": "relay", "mailbox": {"kind": "unbounded", "reserve": 64}, "supervisor": "ring"},
            "count": {"type": "word_counter", "mailbox": {"capacity": 8, "overflow": "fail"}}},
          "connections": [
            {"from": "reader.lines", "to": "split"},
            {"from": "split.words", "to": "echo"},
            {"from": "echo.out", "to": "count", "strong": false}]})",
      "wc.json", test_catalog());
  ASSERT_TRUE(loaded) << loaded.error().to_string();
  EXPECT_EQ(to_dot(*loaded, test_catalog()),
            "digraph \"wc.json\" {\n"
            "  rankdir=LR;\n"
            "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
            "  edge [fontname=\"Helvetica\", fontsize=10];\n"
            "  \"reader\" [label=\"reader\\nline_reader: Start\\nbounded 1024, wait\"];\n"
            "  \"split\" [label=\"split \u00d74\\ntokenizer: Line\\nbounded 1024, "
            "wait\\nkey_hash\", shape=box3d];\n"
            "  \"echo\" [label=\"echo\\nrelay: Word\\nunbounded, reserve 64\\ngroup ring\"];\n"
            "  \"count\" [label=\"count\\nword_counter: Word\\nbounded 8, fail\"];\n"
            "  \"reader\" -> \"split\" [label=\"lines: Line\"];\n"
            "  \"split\" -> \"echo\" [label=\"words: Word\"];\n"
            "  \"echo\" -> \"count\" [label=\"out: Word\", style=dashed];\n"
            "}\n");
}

TEST(Graph, EscapesQuotesAndBackslashesFromNames) {
  Topology topology;
  topology.source = "a\"b\\c.json";
  const std::string first_line = "digraph \"a\\\"b\\\\c.json\" {\n";
  EXPECT_EQ(to_dot(topology, test_catalog()).substr(0, first_line.size()), first_line);
}

}  // namespace
}  // namespace courier::config
