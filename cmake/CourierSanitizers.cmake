# COURIER_SANITIZE=thread or =address instruments every target of the build (libraries, tests,
# benchmarks), so a race or a leak anywhere fails the tests.
if(COURIER_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
elseif(COURIER_SANITIZE STREQUAL "address")
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
elseif(NOT COURIER_SANITIZE STREQUAL "")
  message(FATAL_ERROR "COURIER_SANITIZE must be empty, 'thread' or 'address', not '${COURIER_SANITIZE}'")
endif()
