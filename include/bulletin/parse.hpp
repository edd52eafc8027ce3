// parse(): the whole pipeline, bytes → Document.
//
//   auto doc = bulletin::parse(bytes, {.path = "a.txt"});
//   if (!doc) std::cerr << doc.error().message;
//   for (const auto& f : doc->facts) …
//
// Composes decode → normalize → segment → extract, then maps every span back
// to the original bytes with line and column.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "bulletin/decode.hpp"
#include "bulletin/document.hpp"
#include "bulletin/numbers.hpp"
#include "bulletin/result.hpp"

namespace bulletin {

struct ParseOptions {
  std::string path;  // recorded in Document::source
  DecodeOptions decode;
  const UnitTable* units = nullptr;          // nullptr: UnitTable::builtin()
  std::size_t max_input_bytes = 512u << 20;  // larger inputs are Errc::too_large
  /// Longest line, in bytes of the decoded (UTF-8) text; a longer one is
  /// Errc::too_large. Real bulletins, even flattened PDFs and one-line HTML
  /// pages, stay far below it; a longer line is almost always not a bulletin.
  std::size_t max_line_bytes = 4u << 20;
  std::size_t max_facts = 1000000;  // more are dropped with a too-many-facts warning
};

/// Errors: those of decode(), and Errc::too_large (input or a line over its
/// limit, with the location of the line). An empty or blank input is
/// a Document with an `empty-input` diagnostic, not an error.
[[nodiscard]] Result<Document> parse(std::string_view bytes, const ParseOptions& options = {});

/// Library version ("0.1.0").
[[nodiscard]] const char* version() noexcept;

/// ICU's version string, for --version.
[[nodiscard]] std::string icu_version();

}  // namespace bulletin
