# Writes a C++ source that holds the contents of INPUT as a string_view named
# SYMBOL in namespace bulletin::detail. Run as: cmake -DINPUT=… -DOUTPUT=… -DSYMBOL=… -P embed_text.cmake
file(READ "${INPUT}" content HEX)
string(LENGTH "${content}" hex_length)
set(bytes "")
if(hex_length GREATER 0)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT}; do not edit.\n"
  "#include <string_view>\n"
  "namespace bulletin::detail {\n"
  "static const char ${SYMBOL}_data[] = {${bytes} '\\0'};\n"
  "extern const std::string_view ${SYMBOL}(${SYMBOL}_data, sizeof(${SYMBOL}_data) - 1);\n"
  "}\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
