// Record mode: one bulletin per JSON Lines record, for engines that stream
// records (GNU parallel --pipe, Hadoop Streaming, Spark RDD.pipe), where a raw
// bulletin with its newlines cannot be a record.
//
//   in:  {"id": "a-17", "text": "…bulletin…", "url": "…"}
//   out: {"id":"a-17","url":"…","document":{…bulletin/1…}}
//   bad: {"id":"a-17","url":"…","error":{"code":"invalid-encoding","message":"…"}}
//
// Each output line depends on its input line alone, so the output is
// byte-identical however the engine splits the stream into batches.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "bulletin/parse.hpp"

namespace bulletin {

struct RecordOptions {
  ParseOptions parse;  // `path` and the decoding encoding are set per record
  bool facts = false;  // "facts": [...] instead of "document": {...}
};

struct RecordResult {
  std::string line;  // one JSON object and '\n'; empty for a blank input line
  bool ok = true;    // false when `line` carries an "error" object
};

/// Turns one input line (without its '\n'; a trailing '\r' is ignored) into
/// one output line. The input's "id" and every field other than "text" come
/// first, in input order (a field named "document", "facts" or "error" is
/// dropped: those keys are the result); then "document" (or "facts"), or "error" with
/// `code` and `message` when the line is not a JSON object, lacks "id" or a
/// string "text", or the text cannot be parsed. Never throws for bad input.
[[nodiscard]] RecordResult process_record(std::string_view line, const RecordOptions& options);

}  // namespace bulletin
