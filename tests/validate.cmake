# bulletin-validate: unit tests of checks and schemas, CLI behaviour, the
# shipped schemas, and the JSON Schema of bulletin-parse output.
add_executable(bulletin_validate_tests unit/check_test.cpp unit/schema_test.cpp
                                       validate/json_schema_test.cpp)
target_link_libraries(bulletin_validate_tests
  PRIVATE bulletin bulletin_test_main nlohmann_json::nlohmann_json bulletin_warnings)
doctest_discover_tests(bulletin_validate_tests TEST_PREFIX "unit: " PROPERTIES LABELS unit)

if(BULLETIN_BUILD_APPS)
  set(validate_cases real-bulletin samples shipped-schemas formats-json formats-github
      formats-junit quiet-strict batch broken-schemas parsed-input)
  foreach(case IN LISTS validate_cases)
    add_test(NAME "validate: ${case}"
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/validate/validate_test.sh
                     $<TARGET_FILE:bulletin-validate> $<TARGET_FILE:bulletin-parse>
                     ${PROJECT_SOURCE_DIR} ${BULLETIN_SHARED_DIR} ${case})
    set_tests_properties("validate: ${case}" PROPERTIES LABELS cli SKIP_RETURN_CODE ${BULLETIN_SKIP_CODE})
  endforeach()
endif()
target_include_directories(bulletin_validate_tests PRIVATE ${PROJECT_SOURCE_DIR}/lib)
