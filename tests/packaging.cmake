# Install, packaging and record-mode tests (tests/install/). Written to work
# from tests/CMakeLists.txt or any other directory of the build.
set(_install_tests "${PROJECT_SOURCE_DIR}/tests/install")

# An instrumented (sanitizer) library cannot be linked by a plain consumer, and
# packaging it means nothing: the ci build covers install and package.
if(BULLETIN_INSTALL AND TARGET bulletin-parse AND NOT BULLETIN_SANITIZE)
  add_test(NAME "install: prefix, find_package and pkg-config consumers"
           COMMAND bash "${_install_tests}/install_test.sh" "${PROJECT_BINARY_DIR}"
                   "${PROJECT_SOURCE_DIR}" "${PROJECT_VERSION}")
  set_tests_properties("install: prefix, find_package and pkg-config consumers"
                       PROPERTIES LABELS install TIMEOUT 300)
  add_test(NAME "package: cpack -G DEB"
           COMMAND bash "${_install_tests}/package_test.sh" "${PROJECT_BINARY_DIR}"
                   "${PROJECT_SOURCE_DIR}" "${PROJECT_VERSION}")
  set_tests_properties("package: cpack -G DEB"
                       PROPERTIES LABELS "install;package" TIMEOUT 600 SKIP_RETURN_CODE 77)
endif()

if(TARGET bulletin-parse)
  foreach(_case IN ITEMS parallel batches flush errors)
    add_test(NAME "records: ${_case}"
             COMMAND bash "${_install_tests}/parallel_test.sh" $<TARGET_FILE:bulletin-parse>
                     "${PROJECT_SOURCE_DIR}/samples" ${_case})
    set_tests_properties("records: ${_case}" PROPERTIES LABELS records TIMEOUT 120 SKIP_RETURN_CODE 77)
  endforeach()
endif()
