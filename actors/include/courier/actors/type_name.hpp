// type_name.hpp: readable C++ type names for error messages and dead-letter reports.
#pragma once

#include <string>
#include <typeinfo>
#include <variant>

namespace courier {

// demangle() turns a typeid name into the C++ spelling ("std::string", "Greet").
std::string demangle(const std::type_info& type);

// message_name() names the type of a message; for a std::variant, the alternative it holds.
template <class M>
std::string message_name(const M& message) {
  if constexpr (requires { std::variant_size<M>::value; }) {
    return std::visit([](const auto& held) { return demangle(typeid(held)); }, message);
  } else {
    (void)message;
    return demangle(typeid(M));
  }
}

}  // namespace courier
