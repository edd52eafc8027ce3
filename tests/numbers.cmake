# Number recognizer: unit tests and the conformance runner.
add_executable(bulletin_number_tests
  unit/decimal_test.cpp
  unit/numbers_test.cpp
  unit/units_test.cpp)
target_link_libraries(bulletin_number_tests PRIVATE bulletin bulletin_test_main bulletin_warnings)
doctest_discover_tests(bulletin_number_tests TEST_PREFIX "numbers: " PROPERTIES LABELS unit)
