// The general path of normalize(), for tests of its shortcuts.
#pragma once

#include <string_view>

#include "bulletin/normalize.hpp"

namespace bulletin::detail {

/// normalize() with every character taken through the general loop, none
/// copied by the shortcuts for plain text and punctuation: what those
/// shortcuts have to match, text, offsets and checkpoints alike.
[[nodiscard]] Normalized normalize_one_at_a_time(std::string_view utf8);

}  // namespace bulletin::detail
