# Robustness: fuzz targets, their replay in the ordinary suite, and the
# hostile-input tests of the command-line tools (tests/fuzz/README.md).
include_guard(GLOBAL)

option(BULLETIN_FUZZ "Build the libFuzzer targets (clang; see the fuzz preset)" OFF)

set(bulletin_fuzz_dir ${CMAKE_CURRENT_LIST_DIR}/fuzz)
set(bulletin_fuzz_targets parse numbers schema json)

# Every saved input (seed corpus and regressions) goes through the target's
# checks on each test run, without libFuzzer, so any compiler replays them.
foreach(target IN LISTS bulletin_fuzz_targets)
  add_executable(bulletin_fuzz_replay_${target}
    ${bulletin_fuzz_dir}/fuzz_${target}.cpp ${bulletin_fuzz_dir}/replay_main.cpp)
  target_link_libraries(bulletin_fuzz_replay_${target} PRIVATE bulletin bulletin_warnings)
  set(replay_inputs ${bulletin_fuzz_dir}/corpus/${target})
  if(IS_DIRECTORY ${bulletin_fuzz_dir}/regressions/${target})
    list(APPEND replay_inputs ${bulletin_fuzz_dir}/regressions/${target})
  endif()
  if(target STREQUAL "parse")
    list(APPEND replay_inputs ${PROJECT_SOURCE_DIR}/samples)
  endif()
  add_test(NAME "fuzz-replay: ${target}" COMMAND bulletin_fuzz_replay_${target} ${replay_inputs})
  set_tests_properties("fuzz-replay: ${target}" PROPERTIES LABELS "fuzz;robustness")

  if(BULLETIN_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
      message(FATAL_ERROR "BULLETIN_FUZZ needs clang (use the fuzz preset)")
    endif()
    add_executable(fuzz_${target} ${bulletin_fuzz_dir}/fuzz_${target}.cpp)
    target_link_libraries(fuzz_${target} PRIVATE bulletin bulletin_warnings)
    target_link_options(fuzz_${target} PRIVATE -fsanitize=fuzzer)
  endif()
endforeach()

if(BULLETIN_BUILD_APPS)
  # One test per case of tests/hostile/hostile_test.sh; fixtures are made at run time.
  set(hostile_cases empty whitespace bom-only nul-bytes binary-file invalid-utf8-middle
      truncated-gb18030 utf16-without-bom long-line long-line-raised million-lines
      speaker-labels nested-headings big-numbers digit-run too-large endless-input too-many-facts
      symlink-loop unreadable dash-name odd-path full-disk output-no-partial batch-goes-on
      schema-alias-bomb schema-deep schema-regex alias-bomb json-deep json-hostile)
  foreach(case IN LISTS hostile_cases)
    add_test(NAME "hostile: ${case}"
             COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/hostile/hostile_test.sh
                     $<TARGET_FILE:bulletin-parse> $<TARGET_FILE:bulletin-validate>
                     $<TARGET_FILE:bulletin-diff> ${PROJECT_SOURCE_DIR} ${case})
    set_tests_properties("hostile: ${case}" PROPERTIES LABELS "hostile;robustness")
  endforeach()
endif()
