// Normalizing: a canonical copy of the decoded text for the later stages.
//
// NFKC folds full-width digits, letters and punctuation (２０２３，％ → 2023,%)
// and vulgar fractions (¾ → 3/4, with fraction slashes written as '/');
// NBSP, U+3000 and other spaces become ASCII spaces; CRLF, CR and form feeds
// become \n; HTML tags copied from web pages are dropped (block tags end the
// line) and character references (&ldquo; &nbsp; &#8220;) are resolved.
// Nothing is lost: `to_input` maps every offset back into the decoded text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "bulletin/decode.hpp"

namespace bulletin {

struct Normalized {
  std::string text;
  OffsetMap to_input;  // normalized offsets → offsets in the text given to normalize()
  std::size_t html_tags = 0;
  std::size_t html_entities = 0;
};

/// Never fails; ill-formed UTF-8 (which decode() does not produce) becomes U+FFFD.
[[nodiscard]] Normalized normalize(std::string_view utf8);

}  // namespace bulletin
