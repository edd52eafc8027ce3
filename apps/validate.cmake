add_executable(bulletin-validate bulletin-validate/main.cpp bulletin-validate/report.cpp)
target_link_libraries(bulletin-validate
  PRIVATE bulletin_cli_support Threads::Threads nlohmann_json::nlohmann_json bulletin_warnings)
