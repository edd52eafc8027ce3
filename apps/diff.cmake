add_executable(bulletin-diff bulletin-diff/main.cpp)
target_link_libraries(bulletin-diff PRIVATE bulletin_cli_support Threads::Threads bulletin_warnings)
