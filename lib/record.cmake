# Record mode (bulletin-parse --input-format jsonl): one bulletin per JSON Lines record.
target_sources(bulletin PRIVATE ${CMAKE_CURRENT_LIST_DIR}/record.cpp)
