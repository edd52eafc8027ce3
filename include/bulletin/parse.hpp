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
#include <optional>
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
  /// Threads parse_stream() may use for one document. With 2 or more, a
  /// large document's facts are built, checked and mapped to the source on
  /// a second thread, a few fact groups ahead of the receiver, and the two
  /// threads share finding the numbers;
  /// the receiver is still called on the calling thread, with the same
  /// pieces in the same order. parse() uses one.
  unsigned threads = 1;
};

/// Errors: those of decode(), and Errc::too_large (input or a line over its
/// limit, with the location of the line). An empty or blank input is
/// a Document with an `empty-input` diagnostic, not an error.
[[nodiscard]] Result<Document> parse(std::string_view bytes, const ParseOptions& options = {});

/// Receives a document from parse_stream() in the order bulletin/1 writes it,
/// so that a large document can be written while only a group of its facts is
/// in memory.
class DocumentReceiver {
 public:
  virtual ~DocumentReceiver() = default;
  /// Everything but the facts, checks and diagnostics, which are empty here.
  virtual void begin(const Document& head) = 0;
  /// The next facts, in document order; `first` is the index of facts[0]
  /// among all of them. Called any number of times, with spans as parse() maps them.
  virtual void facts(const std::vector<Fact>& facts, std::size_t first) = 0;
  /// The checks and diagnostics, once every fact was given.
  virtual void end(const std::vector<Check>& checks,
                   const std::vector<Diagnostic>& diagnostics) = 0;
};

/// parse(), handing the document to `receiver` in pieces as it is found: the
/// pieces make up the document parse() returns. On an error, which parse()
/// would return, the receiver is not called.
[[nodiscard]] std::optional<Error> parse_stream(std::string_view bytes, const ParseOptions& options,
                                                DocumentReceiver& receiver);

/// The same, taking the input so that its memory is freed once it is decoded:
/// `bytes` is left empty.
[[nodiscard]] std::optional<Error> parse_stream(std::string&& bytes, const ParseOptions& options,
                                                DocumentReceiver& receiver);

/// Library version ("0.1.0").
[[nodiscard]] const char* version() noexcept;

/// ICU's version string, for --version.
[[nodiscard]] std::string icu_version();

}  // namespace bulletin
