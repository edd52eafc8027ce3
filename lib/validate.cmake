# Schema loading (yaml-cpp), schema patterns (ICU regex) and validation.
target_sources(bulletin PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/schema.cpp
  ${CMAKE_CURRENT_LIST_DIR}/schema_regex.cpp
  ${CMAKE_CURRENT_LIST_DIR}/schema_validate.cpp)
