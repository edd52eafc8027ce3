#pragma once

#include <string>
#include <string_view>

namespace bulletin::detail {

/// SHA-256 (FIPS 180-4) of `bytes` as lowercase hex. None of the project's
/// dependencies offers a digest, and the source record needs one.
std::string sha256_hex(std::string_view bytes);

}  // namespace bulletin::detail
