# courier_layer(<layer> <source>...) builds one layer's library from the folder it is called in:
# the target courier_<layer>, linked in this build as courier::<layer> and exported under that
# name (find_package(courier)), with the folder's include/ as its headers, installed with it.
# Needs GNUInstallDirs, which the top-level CMakeLists.txt includes before any layer.
function(courier_layer layer)
  set(target courier_${layer})
  add_library(${target} ${ARGN})
  add_library(courier::${layer} ALIAS ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${layer})
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_compile_features(${target} PUBLIC cxx_std_23)
  courier_warnings(${target})
  install(TARGETS ${target} EXPORT courierTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endfunction()
