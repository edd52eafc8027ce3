// Serializing documents: JSON (`bulletin/1`), JSON Lines, CSV/TSV fact tables
// and a short human summary. Output is deterministic: the same Document gives
// the same bytes on every run and platform.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bulletin/document.hpp"
#include "bulletin/parse.hpp"
#include "bulletin/result.hpp"

namespace bulletin {

/// Receives output in pieces, so that a large document is written to a file
/// without its whole text in memory. The write_* functions give the same
/// bytes as the to_* functions that return a string.
using OutputSink = std::function<void(std::string_view)>;

void write_json(const Document& doc, int indent, const OutputSink& sink);
void write_facts_jsonl(const Document& doc, const OutputSink& sink);
void write_facts_json(const Document& doc, int indent, const OutputSink& sink);
void write_facts_table(const Document& doc, char separator, const OutputSink& sink);

enum class OutputFormat { json, jsonl, facts_json, facts_jsonl, csv, tsv };

/// Writes a document as parse_stream() hands it over, holding none of its
/// facts. The bytes are bulletin-parse's for the format: json is write_json()
/// with indent 2, jsonl with indent -1, facts_json is write_facts_json() with
/// indent 2, each followed by a line break; facts_jsonl is write_facts_jsonl(),
/// csv and tsv are write_facts_table() rows.
class DocumentWriter final : public DocumentReceiver {
 public:
  DocumentWriter(OutputFormat format, OutputSink sink);
  ~DocumentWriter() override;
  DocumentWriter(const DocumentWriter&) = delete;
  DocumentWriter& operator=(const DocumentWriter&) = delete;

  void begin(const Document& head) override;
  void begin_with_turn_texts(Document& head,
                             const std::vector<std::string_view>& turn_texts) override;
  void facts(const std::vector<Fact>& facts, std::size_t first) override;
  std::unique_ptr<FactRenderer> fact_renderer(const Document& head) override;
  void rendered_facts(std::string_view bytes, std::size_t count, std::size_t first) override;
  void end(const std::vector<Check>& checks, const std::vector<Diagnostic>& diagnostics) override;

 private:
  struct State;  // holds the JSON writer, which is not part of the interface
  std::unique_ptr<State> state_;
};

/// One document as a JSON object; `indent` < 0 gives a single line.
[[nodiscard]] std::string to_json(const Document& doc, int indent = 2);

/// One JSON object per fact, one per line, each with the document's path.
[[nodiscard]] std::string facts_to_jsonl(const Document& doc);

/// The facts as a JSON array (pretty), each with the document's path.
[[nodiscard]] std::string facts_to_json(const Document& doc, int indent = 2);

/// Column names of the fact table, in order.
[[nodiscard]] const std::vector<std::string>& fact_columns();

/// Fact rows, RFC 4180 quoting for ',' and tab-separated (tabs and line
/// breaks inside fields become spaces) for '\t'. No header line.
[[nodiscard]] std::string facts_to_table(const Document& doc, char separator);

/// The header line of the fact table.
[[nodiscard]] std::string fact_table_header(char separator);

/// A short human summary: speakers, sections, fact count, diagnostics.
[[nodiscard]] std::string to_text_summary(const Document& doc);

/// Reads a document written by to_json (any indentation), as validate and
/// diff do with bulletin-parse output. Errors: Errc::invalid_json with the
/// line and column of the problem, also for a missing or mistyped field.
[[nodiscard]] Result<Document> from_json(std::string_view json);

}  // namespace bulletin
