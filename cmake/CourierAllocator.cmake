# COURIER_JEMALLOC links Courier's programs (the `courier` command and courier-bench) with jemalloc
# (Debian's libjemalloc-dev). An actor system allocates on one worker and frees on another all
# the time (a message's block, a spawned actor's cell, a reply), and glibc's malloc then serialises
# both workers on the allocating arena's lock: A4 ran 4x slower with it (docs/BENCHMARKS.md).
# The libraries do not impose it: a program of yours chooses its allocator (docs/building.md
# gives the two lines that link jemalloc). Sanitizer builds keep the sanitizers' allocator. On by default only when
# Courier is the top-level project: a parent that add_subdirectory()s it is not made to install
# jemalloc.
option(COURIER_JEMALLOC "Link Courier's programs with jemalloc" ${PROJECT_IS_TOP_LEVEL})
if(COURIER_JEMALLOC AND COURIER_SANITIZE STREQUAL "")
  find_library(COURIER_JEMALLOC_LIBRARY NAMES jemalloc)
  if(NOT COURIER_JEMALLOC_LIBRARY)
    message(FATAL_ERROR "COURIER_JEMALLOC is ON but jemalloc was not found: install it "
                        "(apt-get install libjemalloc-dev) or configure with -DCOURIER_JEMALLOC=OFF")
  endif()
  set(COURIER_ALLOCATOR jemalloc)
else()
  set(COURIER_ALLOCATOR libc)
endif()

# courier_use_allocator(target) links program `target` with the chosen allocator and tells it
# which one (COURIER_ALLOCATOR_NAME), so benchmarks can print it.
function(courier_use_allocator target)
  if(COURIER_ALLOCATOR STREQUAL "jemalloc")
    target_link_libraries(${target} PRIVATE ${COURIER_JEMALLOC_LIBRARY})
  endif()
  target_compile_definitions(${target} PRIVATE COURIER_ALLOCATOR_NAME="${COURIER_ALLOCATOR}")
endfunction()
