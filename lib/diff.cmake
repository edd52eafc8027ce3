# bulletin-diff's library part: matching editions, the change table, its views.
target_sources(bulletin PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/diff.cpp
  ${CMAKE_CURRENT_LIST_DIR}/diff_aliases.cpp
  ${CMAKE_CURRENT_LIST_DIR}/diff_render.cpp)
