// Value types of a parsed bulletin: the records of the `bulletin/1` contract.
//
// Plain structs with no behaviour and no third-party headers, so that any
// program can include them cheaply. Every span points into the ORIGINAL input
// bytes, whatever decoding and normalizing did on the way.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "bulletin/numbers.hpp"

namespace bulletin {

inline constexpr const char* kSchemaVersion = "bulletin/1";

/// A stretch of the original input: byte offsets [start, end) plus the 1-based
/// line and column (in code points) of `start`.
struct SourceSpan {
  std::size_t start = 0;
  std::size_t end = 0;
  std::size_t line = 0;
  std::size_t column = 0;
};

struct SourceInfo {
  std::string path;      // as given; "-" for standard input
  std::string encoding;  // canonical name: UTF-8, UTF-16LE, UTF-16BE, GB18030
  std::size_t bytes = 0;
  std::string sha256;  // lowercase hex of the original bytes
};

/// An official the host introduces: 建设局副局长宋敏同志 →
/// {宋敏, 建设局副局长, 建设局}.
struct Speaker {
  std::string name;
  std::string title;
  std::string organization;
};

enum class Role { host, official, reporter, answer, unknown };
enum class TurnKind { statement, question, answer };

struct Turn {
  int index = 0;        // 1-based, in order of appearance
  std::string speaker;  // name, or the label for unnamed roles (主持人, 问, 答, 记者)
  Role role = Role::unknown;
  TurnKind kind = TurnKind::statement;
  std::string outlet;                    // reporters: 威海日报; empty otherwise
  std::optional<std::string> addressee;  // questions: the roster name they address
  std::optional<int> answers;            // answers: index of the question turn
  std::string label;                     // the label as written: 威海日报记者提问
  SourceSpan span;                       // from the label to the end of the turn
  std::string text;                      // the turn's body, normalized, without the label
};

struct Section {
  std::optional<int> turn;  // the turn it sits in; nullopt outside turns
  int level = 1;            // 1: 一、 2: (一) 3: 1. 4: (1) 5: 一是
  std::string marker;       // as normalized: 一、 (一) 1. (1) 一是
  std::string heading;      // text after the marker up to the end of its first sentence
  SourceSpan span;
};

enum class Measure { level, count, share, change, pp_change, rank };
enum class Direction { up, down };

struct Fact {
  std::optional<int> turn;
  std::optional<std::string> speaker;
  std::vector<std::string> section;  // headings from outermost to innermost, marker included
  std::string subject;
  NumberKind kind = NumberKind::cardinal;
  std::optional<Decimal> value;  // in the base unit; nullopt for ranges without a point
  std::optional<Decimal> low;
  std::optional<Decimal> high;
  std::string unit;  // base unit; empty when none
  std::string dimension;
  bool unit_known = false;
  std::optional<std::string> qualifier;
  Bound bound = Bound::exact;
  Measure measure = Measure::level;
  std::optional<Direction> direction;  // change and pp_change
  std::optional<std::string> base;     // what a change compares with: 比上年, 同比
  Decimal precision{1, 0};
  std::string text;    // surface of the number with unit and qualifiers
  std::string clause;  // the clause it stands in
  std::optional<int> year;
  bool target = false;  // a plan or goal, not an achieved figure
  SourceSpan span;
};

enum class CheckStatus { ok, mismatch };

struct Check {
  std::string rule;  // "sum" or "rate"
  CheckStatus status = CheckStatus::ok;
  std::string message;
  std::vector<std::size_t> facts;  // 0-based indexes into Document::facts
  SourceSpan span;
};

enum class Severity { note, warning, error };

struct Diagnostic {
  Severity severity = Severity::warning;
  std::string code;  // stable, kebab-case: noise-line, unlabelled-turn, numbering-skip …
  std::string message;
  std::size_t offset = 0;  // byte offset in the original input
  std::size_t line = 0;
  std::size_t column = 0;
};

struct Document {
  SourceInfo source;
  std::string title;
  std::optional<std::string> date;  // ISO 8601: 2022-12-23
  std::optional<int> year;
  std::vector<std::pair<std::string, std::string>> metadata;  // in order of appearance
  std::vector<Speaker> speakers;
  std::vector<Turn> turns;
  std::vector<Section> sections;
  std::vector<Fact> facts;
  std::vector<Check> checks;
  std::vector<Diagnostic> diagnostics;
};

[[nodiscard]] const char* to_string(Role role) noexcept;
[[nodiscard]] const char* to_string(TurnKind kind) noexcept;
[[nodiscard]] const char* to_string(Measure measure) noexcept;
[[nodiscard]] const char* to_string(Direction direction) noexcept;
[[nodiscard]] const char* to_string(CheckStatus status) noexcept;
[[nodiscard]] const char* to_string(Severity severity) noexcept;

}  // namespace bulletin
