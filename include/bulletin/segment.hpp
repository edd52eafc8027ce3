// Segmenting: metadata, title, date, speaker turns, roster and section headings.
//
// Works on normalized text (see normalize.hpp). Speaker labels are recognised
// by shape — role words (主持人, 问, 答, 记者), reporters' outlets (…记者提问,
// with or without a colon), bracketed labels (【主持人】), names that the host
// introduces or that look like a Chinese personal name — never by a list of
// the people in one bulletin. A line that merely contains a colon
// (各位媒体朋友:, 五种:一是…) is not a turn.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "bulletin/document.hpp"

namespace bulletin {

/// A byte range of the normalized text.
struct TextRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Segmentation {
  /// Title, date, year, metadata, speakers, turns, sections and diagnostics.
  /// Spans hold byte offsets into the normalized text (line and column 0);
  /// parse() maps them to the original input.
  Document document;
  /// Where the body starts: everything before is header (metadata, title, noise).
  std::size_t body_begin = 0;
  /// Ranges inside the body that carry no facts: speaker labels, heading
  /// markers, noise lines. Sorted, non-overlapping.
  std::vector<TextRange> excluded;
  /// Per turn (same order as document.turns): the body range after the label.
  std::vector<TextRange> turn_bodies;
  /// Per section (same order as document.sections): where its scope ends, the
  /// start of the next heading of the same or a higher level, or its turn's end.
  std::vector<std::size_t> section_ends;
  /// Per section: where its heading starts in the normalized text, as its span
  /// does until parse() maps the spans. The facts are built from these, so that
  /// the mapped head can be written meanwhile.
  std::vector<std::size_t> section_starts;
};

struct SegmentOptions {
  /// Whether each turn's text is copied into Turn::text. parse_stream()
  /// copies them itself, from turn_text(), on the thread that writes the head
  /// while the facts are built on the other.
  bool turn_texts = true;
  /// Threads to find the headings on: with two or more, a long transcript's
  /// headings are found in two halves at once. The result is the same.
  unsigned threads = 1;
};

/// Never fails: text it cannot place becomes body text or a diagnostic.
[[nodiscard]] Segmentation segment(std::string_view normalized, const SegmentOptions& options = {});

/// The text of turn `k` as Turn::text holds it: the body after its label,
/// without blank lines around it. Reads the turn's span, so it is called
/// before parse() maps the spans to the input.
[[nodiscard]] std::string_view turn_text(std::string_view normalized, const Segmentation& seg,
                                         std::size_t k);

}  // namespace bulletin
