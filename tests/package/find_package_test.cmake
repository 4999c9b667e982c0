# Installs the Courier build in BUILD_DIR and uses the install as a user does. Run by ctest as
# `cmake -P` (tests/CMakeLists.txt) with BUILD_DIR, SOURCE_DIR, WORK_DIR, CONSUMER_DIR and
# CXX_COMPILER. It checks that
# - one configure of SOURCE_DIR exports every layer's target with its include directory (a second
#   configure of the same directory could hide a missing one, so it configures a fresh one);
# - `cmake --install` writes every file under the prefix, and its manifest lists only those;
# - the installed `courier` command answers --help and validates a shipped topology;
# - each layer's target works alone: a separate user project (CONSUMER_DIR) per layer finds the
#   install with find_package(courier COMPONENTS <layer>), links that target only, and runs.
file(REMOVE_RECURSE "${WORK_DIR}")

function(run_step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${what} failed (exit ${code}):\n${out}")
  endif()
  message(STATUS "${what}: ok\n${out}")
endfunction()

set(layers mailbox scheduler actors config)

# One configure exports each layer with its include directory.
run_step("configure a fresh build" "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}/fresh"
  -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCOURIER_BUILD_TESTS=OFF -DCOURIER_BUILD_BENCH=OFF
  -DCOURIER_JEMALLOC=OFF)
file(GLOB exported "${WORK_DIR}/fresh/CMakeFiles/Export/*/courierTargets.cmake")
if(NOT exported)
  message(FATAL_ERROR "a fresh configure generated no courierTargets.cmake")
endif()
file(READ "${exported}" targets)
foreach(layer IN LISTS layers)
  string(REGEX MATCH "set_target_properties\\(courier::${layer} PROPERTIES[^)]*\\)" properties
    "${targets}")
  if(NOT properties MATCHES "INTERFACE_INCLUDE_DIRECTORIES \"\\\${_IMPORT_PREFIX}/include\"")
    message(FATAL_ERROR "after one configure, courier::${layer} is exported without "
                        "\${_IMPORT_PREFIX}/include:\n${properties}")
  endif()
endforeach()

# Everything installs under the prefix: staged under DESTDIR, nothing may land beside it.
set(stage "${WORK_DIR}/stage")
set(prefix "/usr/local")
set(installed "${stage}${prefix}")
run_step("install" "${CMAKE_COMMAND}" -E env "DESTDIR=${stage}"
  "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")
# The staged files are under DESTDIR/prefix; the manifest lists them without DESTDIR.
file(GLOB_RECURSE files LIST_DIRECTORIES false "${stage}/*")
file(STRINGS "${BUILD_DIR}/install_manifest.txt" manifest)
foreach(file IN LISTS files)
  string(FIND "${file}" "${installed}/" position)
  if(NOT position EQUAL 0)
    message(FATAL_ERROR "installed outside the prefix ${prefix}: ${file}")
  endif()
endforeach()
foreach(file IN LISTS manifest)
  string(FIND "${file}" "${prefix}/" position)
  if(NOT position EQUAL 0)
    message(FATAL_ERROR "the install manifest lists a file outside the prefix ${prefix}: ${file}")
  endif()
endforeach()
foreach(file bin/courier share/courier/topology.schema.json lib/cmake/courier/courierConfig.cmake)
  if(NOT EXISTS "${installed}/${file}")
    message(FATAL_ERROR "the install has no ${file}")
  endif()
endforeach()

# The installed command.
run_step("courier --help" "${installed}/bin/courier" --help)
run_step("courier validate" "${installed}/bin/courier" validate
  "${SOURCE_DIR}/config/examples/count.json")

# Each layer alone, from its own project; the actors program also links jemalloc the README's way.
foreach(layer IN LISTS layers)
  set(build "${WORK_DIR}/${layer}")
  set(jemalloc OFF)
  if(layer STREQUAL "actors")
    set(jemalloc ON)
  endif()
  run_step("configure the ${layer} consumer" "${CMAKE_COMMAND}" -S "${CONSUMER_DIR}" -B "${build}"
    -DCOURIER_COMPONENT=${layer} -DCONSUMER_JEMALLOC=${jemalloc} -DCMAKE_PREFIX_PATH=${installed}
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=Release)
  run_step("build the ${layer} consumer" "${CMAKE_COMMAND}" --build "${build}")
endforeach()
foreach(layer mailbox scheduler actors)
  run_step("run the ${layer} consumer" "${WORK_DIR}/${layer}/consumer")
endforeach()
run_step("run the config consumer" "${WORK_DIR}/config/consumer" run "${CONSUMER_DIR}/once.json")
