// cli_graphviz.hpp: rendering DOT text to a picture with Graphviz's `dot`.
#pragma once

#include <string>
#include <string_view>

namespace courier::config::detail {

// render_with_graphviz() runs `dot -T<format> -o <output>` on `dot_text`, finding `dot` on
// PATH. It gives "" on success, otherwise what went wrong (including `dot` not being installed).
std::string render_with_graphviz(std::string_view dot_text, const std::string& output,
                                 const std::string& format);

}  // namespace courier::config::detail
