# Number recognizer: unit tests and the conformance runner.
add_executable(bulletin_number_tests
  unit/decimal_test.cpp
  unit/numbers_test.cpp
  unit/units_test.cpp)
target_link_libraries(bulletin_number_tests PRIVATE bulletin bulletin_test_main bulletin_warnings)
# The units test reads data/units.yaml with the library's private reader.
target_include_directories(bulletin_number_tests PRIVATE ${PROJECT_SOURCE_DIR}/lib)
doctest_discover_tests(bulletin_number_tests TEST_PREFIX "numbers: " PROPERTIES LABELS unit)

# Microsoft Recognizers-Text Chinese specs (../shared/conformance), read in
# place; skipped (exit 77) when the directory is absent.
add_executable(bulletin_conformance conformance/conformance_runner.cpp)
target_link_libraries(bulletin_conformance PRIVATE bulletin nlohmann_json::nlohmann_json bulletin_warnings)
# BULLETIN_SHARED_DIR and BULLETIN_SKIP_CODE, as bulletin_test_main defines them.
target_compile_definitions(bulletin_conformance PRIVATE
  $<TARGET_PROPERTY:bulletin_test_main,INTERFACE_COMPILE_DEFINITIONS>
  BULLETIN_CONFORMANCE_FAILURES="${CMAKE_CURRENT_BINARY_DIR}/conformance-failures.txt")
add_test(NAME "conformance: recognizers-text-zh" COMMAND bulletin_conformance)
set_tests_properties("conformance: recognizers-text-zh" PROPERTIES
  LABELS conformance SKIP_RETURN_CODE ${BULLETIN_SKIP_CODE})

# docs/numbers.md is generated from the recognizer itself:
#   cmake --build build --target bulletin_numbers_doc && build/tests/bulletin_numbers_doc > docs/numbers.md
add_executable(bulletin_numbers_doc conformance/numbers_doc.cpp)
target_link_libraries(bulletin_numbers_doc PRIVATE bulletin bulletin_warnings)
