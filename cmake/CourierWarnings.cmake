# COURIER_WERROR makes every warning an error for the project's own targets. Off by default, so
# that building Courier with another compiler or build type never stops on a new warning; the
# scripts (scripts/build.sh) and CI turn it on.
option(COURIER_WERROR "Make warnings errors in Courier's own targets (the scripts and CI do)" OFF)

# courier_warnings(target) turns on the warnings the project keeps its own targets free of.
function(courier_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor)
  if(COURIER_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
    # g++ 12's -Wmaybe-uninitialized reports variants, optionals and results whose inactive member
    # it cannot follow through inlining at -O2 and above: it stays a warning, never an error.
    # Uninitialized reads are still caught by clang's warnings and the sanitizer builds.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      target_compile_options(${target} PRIVATE -Wno-error=maybe-uninitialized)
    endif()
  endif()
endfunction()
