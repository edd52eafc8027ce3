#pragma once

#include <string>

#include "bulletin/decode.hpp"

namespace bulletin::detail {

/// decode(), taking `bytes` over as the text when they are its text already
/// (UTF-8 with no byte-order mark and nothing to replace), and then leaving
/// `bytes` empty; otherwise `bytes` is left as it was. A large input is then
/// held once instead of twice, and not copied.
Result<Decoded> decode_taking(std::string& bytes, const DecodeOptions& options = {});

}  // namespace bulletin::detail
