# courier_warnings(target) makes every warning an error for the project's own targets.
function(courier_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Werror)
endfunction()
