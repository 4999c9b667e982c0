// strong_cycles.cpp: finding cycles made only of strong edges.
//
// A strong edge keeps its receiver alive while its sender lives, so a pipeline ends by itself
// once its sources stop. Around a cycle of strong edges every actor keeps the next alive and
// nothing would ever end: each such cycle needs at least one weak edge.
#include "sections.hpp"
#include "wording.hpp"

namespace courier::config::detail {

void check_strong_cycles(Checker& checker, const ActorTable& actors,
                         const std::vector<ConnectionEntry>& connections) {
  const std::size_t n = actors.entries().size();
  auto node_of = [&](const std::string& name) {
    return static_cast<std::size_t>(actors.find(name) - actors.entries().data());
  };
  std::vector<std::vector<std::size_t>> out_edges(n);  // node → its strong connections
  for (std::size_t c = 0; c < connections.size(); ++c) {
    if (connections[c].plan.strong) out_edges[node_of(connections[c].plan.from)].push_back(c);
  }

  // Depth-first search without recursion (a file may chain thousands of actors). A strong edge
  // to a node still on the search path closes a cycle.
  enum class Mark { unvisited, on_path, done };
  std::vector<Mark> mark(n, Mark::unvisited);
  std::vector<std::size_t> depth_of(n, 0);
  struct Step {
    std::size_t node;
    std::size_t next_edge;
  };
  std::vector<Step> path;
  for (std::size_t root = 0; root < n; ++root) {
    if (mark[root] != Mark::unvisited) continue;
    mark[root] = Mark::on_path;
    path.push_back(Step{root, 0});
    while (!path.empty()) {
      Step& step = path.back();
      if (step.next_edge == out_edges[step.node].size()) {
        mark[step.node] = Mark::done;
        path.pop_back();
        continue;
      }
      const ConnectionEntry& edge = connections[out_edges[step.node][step.next_edge++]];
      const std::size_t next = node_of(edge.plan.to);
      if (mark[next] == Mark::unvisited) {
        mark[next] = Mark::on_path;
        depth_of[next] = path.size();
        path.push_back(Step{next, 0});
      } else if (mark[next] == Mark::on_path) {
        // The cycle is the path from `next` on, back to `next`.
        const std::size_t first = depth_of[next];
        const std::string cycle =
            describe_cycle(path.size() - first + 1, [&](std::size_t i) -> std::string_view {
              const std::size_t node = first + i < path.size() ? path[first + i].node : next;
              return actors.entries()[node].plan.name;
            });
        checker.error(edge.pointer, "expected no cycle made only of strong edges, found " + cycle +
                                        "; make one of its edges weak with \"strong\": false");
      }
    }
  }
}

}  // namespace courier::config::detail
