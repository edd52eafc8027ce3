// Well-formed UTF-8 checked a block at a time, for whole documents.
#pragma once

#include <cstddef>
#include <string_view>

namespace bulletin::detail {

/// first_ill_formed_utf8(s), the same offset (or npos), with 32-byte blocks
/// checked at once where the processor has AVX2: a document's bytes are all
/// read before anything else is done with them, and the check was a fifth
/// of the time before normalizing.
[[nodiscard]] std::size_t first_ill_formed_utf8_in_blocks(std::string_view s);

/// Whether the processor runs AVX2, for code built for it beside the
/// portable code (x86-64 with GCC or Clang; false elsewhere).
[[nodiscard]] bool cpu_has_avx2();

}  // namespace bulletin::detail
