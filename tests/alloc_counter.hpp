// alloc_counter.hpp: counting live operator new allocations in a test binary that links
// alloc_counter.cpp, so a test can check that code allocates nothing, or leaves nothing behind.
#pragma once

#include <cstdint>

#if defined(__SANITIZE_ADDRESS__)
#define COURIER_TEST_UNDER_ASAN 1
#else
#define COURIER_TEST_UNDER_ASAN 0
#endif

namespace courier::test {

// allocation_counting() is false where operator new is not replaced (AddressSanitizer builds,
// which have their own operator new and leak checker).
bool allocation_counting() noexcept;
// live_allocations() is the number of operator new allocations not yet deleted.
std::int64_t live_allocations() noexcept;

}  // namespace courier::test
