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
#include <memory>
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
  /// large document's facts are found a part at a time on any of them, each
  /// part's facts mapped to the source (and rendered, when the receiver has a
  /// FactRenderer) where they were found; the receiver is still called on the
  /// calling thread, with the same facts in the same order. parse() uses one.
  unsigned threads = 1;
};

/// Errors: those of decode(), and Errc::too_large (input or a line over its
/// limit, with the location of the line). An empty or blank input is
/// a Document with an `empty-input` diagnostic, not an error.
[[nodiscard]] Result<Document> parse(std::string_view bytes, const ParseOptions& options = {});

/// Turns facts into the bytes a DocumentReceiver writes for them, on any
/// thread: parse_stream() renders each part of a large document where its
/// facts are found, and hands the bytes to the receiver in order. Each part
/// has a renderer of its own, whose bytes are handed over where they are,
/// not copied: a dense document's facts render to fifteen times its text.
class FactRenderer {
 public:
  virtual ~FactRenderer() = default;
  /// Renders what the receiver's facts() writes for `facts`, after what was
  /// rendered since the last clear(), as though other facts were written
  /// before them (a JSON array's comma included).
  virtual void render(const std::vector<Fact>& facts) = 0;
  /// The bytes rendered since the last clear(); valid until the next call.
  [[nodiscard]] virtual std::string_view rendered() const = 0;
  virtual void clear() = 0;
};

/// Receives a document from parse_stream() in the order bulletin/1 writes it,
/// so that a large document can be written while only a group of its facts is
/// in memory.
class DocumentReceiver {
 public:
  virtual ~DocumentReceiver() = default;
  /// Everything but the facts, checks and diagnostics, which are empty here.
  virtual void begin(const Document& head) = 0;
  /// What parse_stream() calls in place of begin(), with the turns' texts
  /// apart: `head`'s turns have none, and turn k's is turn_texts[k], a view
  /// of the text valid during the call. A transcript's turns hold nearly all
  /// of it; the default copies them into the head for begin(), and a
  /// receiver that writes them as they are need not.
  virtual void begin_with_turn_texts(Document& head,
                                     const std::vector<std::string_view>& turn_texts);
  /// The next facts, in document order; `first` is the index of facts[0]
  /// among all of them. Called any number of times, with spans as parse() maps them.
  virtual void facts(const std::vector<Fact>& facts, std::size_t first) = 0;
  /// A renderer, made on the calling thread before begin() with the head
  /// begin() is given, and used on any one thread at a time (after its last
  /// use it may be destroyed on another, while end() is called); nullptr when
  /// the receiver has none (the default), and then only facts() is called.
  virtual std::unique_ptr<FactRenderer> fact_renderer(const Document& /*head*/) { return nullptr; }
  /// In place of facts(): what a renderer made of the `count` facts from
  /// index `first` on.
  virtual void rendered_facts(std::string_view /*bytes*/, std::size_t /*count*/,
                              std::size_t /*first*/) {}
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
