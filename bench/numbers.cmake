# Micro-benchmark of the number recognizer (built with -DBULLETIN_BUILD_BENCH=ON):
#   build/bin/bench_numbers [FILE...]
get_filename_component(bench_shared_dir "${PROJECT_SOURCE_DIR}/../shared" ABSOLUTE)
add_executable(bench_numbers bench_numbers.cpp)
target_link_libraries(bench_numbers PRIVATE bulletin bulletin_warnings)
target_compile_definitions(bench_numbers PRIVATE
  BULLETIN_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
  BULLETIN_SHARED_DIR="${bench_shared_dir}")
