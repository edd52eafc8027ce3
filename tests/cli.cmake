# Command-line behaviour: each case of tests/cli/cli_test.sh is its own test.
set(cli_cases stdin stdin-implicit missing-among-good directory binary invalid-utf8 lenient empty gb18030
    usage help-version output-atomic full-disk broken-pipe deterministic tables facts-jsonl text odd-paths large-file)
foreach(case IN LISTS cli_cases)
  add_test(NAME "cli: ${case}"
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli/cli_test.sh $<TARGET_FILE:bulletin-parse>
                   ${PROJECT_SOURCE_DIR}/samples ${case})
  set_tests_properties("cli: ${case}" PROPERTIES LABELS cli)
endforeach()
