// Decoding: input bytes in any supported encoding → UTF-8, with a map back.
//
// Detection order: byte-order mark, then valid UTF-8, then GB18030. ICU's
// charset detector is consulted only to word a hint in the error message.
// Invalid bytes are an error naming their offset, unless `lenient` is set, in
// which case they become U+FFFD and are counted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bulletin/result.hpp"

namespace bulletin {

/// Maps byte offsets of a derived text back to the text it came from. Between
/// two checkpoints offsets advance together, so a text that only shifted (a
/// stripped BOM) costs one checkpoint.
class OffsetMap {
 public:
  /// Records that position `derived` corresponds to position `origin`.
  /// Checkpoints must be added in increasing order of `derived`.
  void add(std::size_t derived, std::size_t origin);
  /// The origin position of `derived`.
  [[nodiscard]] std::size_t map(std::size_t derived) const;
  [[nodiscard]] std::size_t checkpoints() const { return points_.size(); }

 private:
  std::vector<std::pair<std::uint64_t, std::uint64_t>> points_;
};

struct DecodeOptions {
  /// Empty to detect; otherwise an encoding name ICU knows (UTF-8, GB18030,
  /// GBK, UTF-16LE, Big5 …).
  std::string encoding;
  /// Replace invalid bytes with U+FFFD instead of failing.
  bool lenient = false;
};

struct Decoded {
  std::string text;                       // UTF-8, byte-order mark removed
  std::string encoding;                   // canonical name of what was decoded
  OffsetMap to_source;                    // text offsets → input byte offsets
  std::size_t replaced = 0;               // invalid sequences replaced (lenient only)
  std::size_t first_replaced_offset = 0;  // input offset of the first one
};

/// Decodes `bytes`. Errors: Errc::invalid_encoding (with the byte offset and
/// line:column of the first bad sequence), Errc::binary_input (NUL bytes in a
/// non-UTF-16 input), Errc::invalid_argument (unknown encoding name).
[[nodiscard]] Result<Decoded> decode(std::string_view bytes, const DecodeOptions& options = {});

/// Encodes UTF-8 text into `encoding` (for tests and tools that write other
/// encodings). Errors: Errc::invalid_argument, Errc::invalid_encoding.
[[nodiscard]] Result<std::string> encode(std::string_view utf8, std::string_view encoding);

}  // namespace bulletin
