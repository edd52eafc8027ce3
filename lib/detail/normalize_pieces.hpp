// normalize() on two threads, for a large document.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <string_view>
#include <vector>

#include "bulletin/normalize.hpp"

namespace bulletin::detail {

/// normalize() with the text cut into pieces at line breaks: nothing
/// normalize() reads or writes reaches over one (a tag or a character
/// reference ends on its line), except when it rejoins the lines of text
/// extracted from a PDF, and such text stays in one piece. The calling
/// thread normalizes pieces from the front, another thread from the back,
/// until they meet; the pieces are then joined, text, offsets and
/// checkpoints alike as one pass makes them.
class PieceNormalizer {
 public:
  /// Pieces of about `piece_bytes` (0: one piece). The text is cut, and
  /// room made for it, by normalize_from_front(), so that another thread
  /// may be started first.
  PieceNormalizer(std::string_view utf8, std::size_t piece_bytes);
  ~PieceNormalizer();
  PieceNormalizer(const PieceNormalizer&) = delete;
  PieceNormalizer& operator=(const PieceNormalizer&) = delete;

  /// Normalizes pieces from the back until none is left; for another
  /// thread. Waits for the text to be cut.
  void normalize_from_back();
  /// Cuts the text, normalizes pieces from the front until none is left,
  /// waits for those taken from the back and joins them all: what
  /// normalize() gives. Rethrows what normalize_from_back() threw.
  [[nodiscard]] Normalized normalize_from_front();
  /// How many pieces the text was cut into; once normalize_from_front() returned.
  [[nodiscard]] std::size_t pieces() const { return cuts_.size() - 1; }

 private:
  std::string_view utf8_;
  std::size_t piece_bytes_;
  bool reflow_ = false;
  std::vector<std::size_t> cuts_;      // where each piece starts, and the text's end
  std::vector<Normalized> from_back_;  // per piece, those normalized from the back

  std::mutex mutex_;
  std::condition_variable changed_;
  bool cut_ = false;       // cuts_, reflow_ and from_back_ are set
  std::size_t front_ = 0;  // pieces [0, front_) are taken from the front
  std::size_t back_ = 0;   // pieces [back_, pieces()) are taken from the back
  std::size_t back_done_ = 0;
  std::exception_ptr failure_;
};

}  // namespace bulletin::detail
