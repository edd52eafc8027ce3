#pragma once

#include <string>
#include <string_view>

namespace bulletin::detail {

/// SHA-256 (FIPS 180-4) of `bytes` as lowercase hex. None of the project's
/// dependencies offers a digest, and the source record needs one. On x86 CPUs
/// with the SHA extensions the blocks go through them: hashing the source was a
/// visible share of a parse.
std::string sha256_hex(std::string_view bytes);

/// The same digest, always by the portable code, so that tests on a machine
/// with the SHA extensions can hold the accelerated path against it.
std::string sha256_hex_portable(std::string_view bytes);

}  // namespace bulletin::detail
