// json_pointer.hpp: building and taking apart JSON pointers (RFC 6901) as plain strings.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace courier::config {

// pointer_append() gives the pointer of member `key` of the value at `base`, escaping '~' and '/'.
std::string pointer_append(std::string_view base, std::string_view key);

// pointer_append() gives the pointer of element `index` of the array at `base`.
std::string pointer_append(std::string_view base, std::size_t index);

// pointer_parent() gives the pointer of the value that contains the value at `pointer`; the
// document itself ("") is its own parent.
std::string_view pointer_parent(std::string_view pointer);

// pointer_is_within() says whether `pointer` is `ancestor` or lies inside it.
bool pointer_is_within(std::string_view pointer, std::string_view ancestor);

}  // namespace courier::config
