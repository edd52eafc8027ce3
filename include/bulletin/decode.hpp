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
/// two checkpoints offsets advance together, up to the next checkpoint's
/// origin, so a text that only shifted (a stripped BOM) costs one checkpoint
/// and the map never decreases. Checkpoints at a steady stride (each two-byte
/// GB18030 character becoming three bytes of UTF-8) are kept as one run, so a
/// Chinese text in a legacy encoding does not cost a checkpoint per character.
///
/// A character that became several (NFKC turns ¾ into 3⁄4 and ㈠ into (一))
/// is recorded as a piece: offsets inside it have no counterpart in the
/// origin, so a span that starts there maps to the piece's start and one that
/// ends there to its end, and a slice of the origin is never cut inside a
/// character.
class OffsetMap {
 public:
  /// Records that position `derived` corresponds to position `origin`.
  /// Checkpoints must be added in increasing order of `derived`.
  void add(std::size_t derived, std::size_t origin) {
    // Most checkpoints offered lie on the diagonal of the last one recorded
    // (text kept as it is), which covers them: they cost no call.
    if (!runs_.empty() && derived >= last_derived_ && origin >= last_origin_ &&
        derived - last_derived_ == origin - last_origin_) {
      return;
    }
    add_off_diagonal(derived, origin);
  }
  /// The same as `count` calls of add(), for the checkpoints
  /// (derived + i * derived_step, origin + i * origin_step), i in [0, count),
  /// with steps that keep both positions increasing: a decoder that writes a
  /// run of same-width characters records it at once.
  void add_steps(std::size_t derived, std::size_t origin, std::size_t derived_step,
                 std::size_t origin_step, std::size_t count);
  /// Records that derived [derived, derived_end) was made from origin
  /// [origin, origin_end) as a whole, once both ends have been added as
  /// checkpoints. Pieces must be added in increasing order.
  void add_piece(std::size_t derived, std::size_t origin, std::size_t derived_end,
                 std::size_t origin_end);
  /// The checkpoints and pieces of `later`, a map of text that follows this
  /// one's, moved by `derived_shift` and `origin_shift`: the same as adding
  /// them here one by one, in order.
  void append(const OffsetMap& later, std::size_t derived_shift, std::size_t origin_shift);
  /// The origin position of `derived` as the start of a span: inside a
  /// piece, the piece's origin start.
  [[nodiscard]] std::size_t map(std::size_t derived) const;
  /// The origin position of `derived` as the end of a span: inside a piece,
  /// the piece's origin end.
  [[nodiscard]] std::size_t map_end(std::size_t derived) const;

  /// Where the last lookup landed. Given to map() and map_end() with offsets
  /// that mostly increase (a document's spans, in order), each lookup goes on
  /// from there instead of searching the whole map; any order still gives
  /// the same answers.
  struct Cursor {
    std::size_t run = 0;    // the first run that starts after the last offset
    std::size_t piece = 0;  // the first piece that starts after it
  };
  [[nodiscard]] std::size_t map(std::size_t derived, Cursor& cursor) const;
  [[nodiscard]] std::size_t map_end(std::size_t derived, Cursor& cursor) const;
  /// Room for `runs` runs of checkpoints (see checkpoints()).
  void reserve(std::size_t runs) { runs_.reserve(runs); }
  /// Gives back the room the map kept to grow into, once it is complete.
  void shrink_to_fit() {
    runs_.shrink_to_fit();
    pieces_.shrink_to_fit();
  }
  /// How many checkpoints were recorded (those on the diagonal of the one
  /// before are not).
  [[nodiscard]] std::size_t checkpoints() const { return checkpoints_; }

 private:
  /// Checkpoints (derived + i * derived_step, origin + i * origin_step) for
  /// i in [0, count).
  struct Run {
    std::uint64_t derived = 0;
    std::uint64_t origin = 0;
    std::uint32_t derived_step = 0;
    std::uint32_t origin_step = 0;
    std::uint64_t count = 1;
  };
  struct Piece {
    std::uint64_t derived = 0;
    std::uint64_t derived_end = 0;
    std::uint64_t origin = 0;
    std::uint64_t origin_end = 0;
  };
  void add_off_diagonal(std::size_t derived, std::size_t origin);
  /// The piece `derived` lies strictly inside, if any.
  [[nodiscard]] const Piece* piece_around(std::size_t derived, Cursor& cursor) const;
  /// The origin position of `derived` from the checkpoints alone.
  [[nodiscard]] std::size_t map_by_runs(std::size_t derived, Cursor& cursor) const;

  std::vector<Run> runs_;
  std::vector<Piece> pieces_;
  std::uint64_t last_derived_ = 0;  // the last checkpoint recorded
  std::uint64_t last_origin_ = 0;
  std::size_t checkpoints_ = 0;
};

struct DecodeOptions {
  /// Empty to detect; otherwise an encoding name ICU knows (UTF-8, GB18030,
  /// GBK, UTF-16LE, Big5 …).
  std::string encoding;
  /// Replace invalid bytes with U+FFFD instead of failing.
  bool lenient = false;
  /// Threads the decoding may use: with two or more, a large GB18030 input
  /// is decoded in two halves at once. The result is the same.
  unsigned threads = 1;
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
