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
  endif()
endfunction()
