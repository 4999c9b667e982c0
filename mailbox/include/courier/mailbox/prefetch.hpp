// prefetch.hpp: asking the core to fetch a cache line ahead of a write to it.
#pragma once

namespace courier {

// prefetch_for_write() starts bringing the line that holds `p` into this core's cache, in a state
// that lets this core write it, and returns at once: a hint that changes no value and cannot
// fault. For a line that another core last wrote, a plain prefetch would fetch a shared copy and
// the write would still wait for the other copies to be invalidated; on x86 this emits PREFETCHW,
// which asks for ownership (older cores that lack it run the opcode as a no-op).
inline void prefetch_for_write(const void* p) noexcept {
#if defined(__x86_64__) || defined(__i386__)
  asm volatile("prefetchw %0" : : "m"(*static_cast<const char*>(p)));
#else
  __builtin_prefetch(p, 1);
#endif
}

}  // namespace courier
