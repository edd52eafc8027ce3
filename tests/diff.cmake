# bulletin-diff: unit tests of matching and views, CLI cases with golden views.
add_executable(bulletin_diff_tests unit/diff_test.cpp)
target_link_libraries(bulletin_diff_tests PRIVATE bulletin bulletin_test_main bulletin_warnings)
doctest_discover_tests(bulletin_diff_tests TEST_PREFIX "unit: " PROPERTIES LABELS unit)

if(BULLETIN_BUILD_APPS)
  set(diff_cli_cases
      golden-series-text golden-series-json golden-series-csv golden-series-markdown
      golden-pair-text golden-only-threshold json-input stdin order-args aliases
      exit-ok fail-on-added fail-on-removed fail-on-changed fail-on-drop
      usage missing-file one-edition bad-aliases same-year colour)
  foreach(case IN LISTS diff_cli_cases)
    add_test(NAME "diff: ${case}"
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/diff/diff_test.sh $<TARGET_FILE:bulletin-diff>
                     $<TARGET_FILE:bulletin-parse> ${PROJECT_SOURCE_DIR} ${case})
    set_tests_properties("diff: ${case}" PROPERTIES LABELS cli)
  endforeach()
endif()
