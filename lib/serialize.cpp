#include "bulletin/serialize.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "detail/json_writer.hpp"
#include "detail/text.hpp"

namespace bulletin {
namespace {

using Json = nlohmann::ordered_json;
using detail::JsonWriter;

// One overload per kind of member value, so that every record below is a
// list of field(w, name, value) lines in the order of the contract.

/// A string written as null when empty (unit, dimension, outlet).
struct NullIfEmpty {
  const std::string& text;
};

void write_value(JsonWriter& w, const std::string& s) { w.string(s); }
void write_value(JsonWriter& w, const char* s) { w.string(s); }
void write_value(JsonWriter& w, bool b) { w.boolean(b); }
void write_value(JsonWriter& w, int v) { w.number(v); }
void write_value(JsonWriter& w, std::size_t v) { w.number(std::uint64_t{v}); }

void write_value(JsonWriter& w, NullIfEmpty s) {
  if (s.text.empty()) return w.null();
  w.string(s.text);
}

/// The value of a decimal that is_integer(); its mantissa may carry trailing
/// zeros that a negative exponent takes away (740 × 10^-1 is 74).
std::int64_t whole_value(const Decimal& d) {
  std::int64_t v = d.mantissa;
  for (std::int32_t e = 0; e < d.exponent; ++e) v *= 10;
  for (std::int32_t e = d.exponent; e < 0; ++e) v /= 10;
  return v;
}

void write_value(JsonWriter& w, const std::optional<Decimal>& d) {
  if (!d) return w.null();
  if (d->is_integer()) return w.number(whole_value(*d));
  if (!w.short_decimal(d->mantissa, d->exponent)) w.real(d->to_double());
}

void write_value(JsonWriter& w, const SourceSpan& s);
void write_value(JsonWriter& w, const Speaker& s);
void write_value(JsonWriter& w, const Turn& t);
void write_value(JsonWriter& w, const Section& s);
void write_value(JsonWriter& w, const Check& c);
void write_value(JsonWriter& w, const Diagnostic& d);

template <typename T>
void write_value(JsonWriter& w, const std::optional<T>& v) {
  if (!v) return w.null();
  write_value(w, *v);
}

template <typename T>
void write_value(JsonWriter& w, const std::vector<T>& items) {
  w.begin_array();
  for (const auto& item : items) write_value(w, item);
  w.end_array();
}

// Inlined so that each member name reaches the writer as a constant whose
// copy the compiler can unroll.
template <typename T>
[[gnu::always_inline]] inline void field(JsonWriter& w, std::string_view name, const T& value) {
  w.key(name);
  write_value(w, value);
}

const char* direction_name(const std::optional<Direction>& d) {
  return d ? to_string(*d) : nullptr;
}

/// An enumerator's name, which needs no escaping.
struct Known {
  const char* name;
};

void write_value(JsonWriter& w, Known k) { w.known_string(k.name); }

/// The quoted name of an enumerator, "null" for none.
template <typename E>
std::string quoted_name(const std::optional<E>& e) {
  return e ? '"' + std::string(to_string(*e)) + '"' : std::string("null");
}

/// A fact's members that hold its enumerators, with the member names around
/// them, laid out for every enumerator known when this was written: bytes of
/// a fixed size, so that each is copied in a few stores, and their size.
template <std::size_t N>
struct FixedPiece {
  std::array<char, N> bytes{};
  std::size_t size = 0;
};

class EnumeratorMembers {
 public:
  static constexpr std::size_t kTraitsRoom = 80;
  static constexpr std::size_t kKindRoom = 32;

  EnumeratorMembers() {
    for (std::size_t b = 0; b < kBounds; ++b) {
      for (std::size_t m = 0; m < kMeasures; ++m) {
        for (std::size_t d = 0; d <= kDirections; ++d) {
          const auto direction =
              d < kDirections ? std::optional(static_cast<Direction>(d)) : std::nullopt;
          set(traits_[(b * kMeasures + m) * (kDirections + 1) + d],
              ",\"bound\":" + quoted_name(std::optional(static_cast<Bound>(b))) +
                  ",\"measure\":" + quoted_name(std::optional(static_cast<Measure>(m))) +
                  ",\"direction\":" + quoted_name(direction) + ",\"base\":");
        }
      }
    }
    for (std::size_t k = 0; k < kKinds; ++k) {
      set(kinds_[k],
          ",\"kind\":" + quoted_name(std::optional(static_cast<NumberKind>(k))) + ",\"text\":");
    }
  }

  /// From ,"bound": to "base":, or nullptr for an enumerator past the tables.
  [[nodiscard]] const FixedPiece<kTraitsRoom>* traits(const Fact& f) const {
    const auto b = static_cast<std::size_t>(f.bound);
    const auto m = static_cast<std::size_t>(f.measure);
    const std::size_t d = f.direction ? static_cast<std::size_t>(*f.direction) : kDirections;
    if (b >= kBounds || m >= kMeasures || d > kDirections) return nullptr;
    return &traits_[(b * kMeasures + m) * (kDirections + 1) + d];
  }
  /// From ,"kind": to "text":, or nullptr for a kind past the table.
  [[nodiscard]] const FixedPiece<kKindRoom>* kind(const Fact& f) const {
    const auto k = static_cast<std::size_t>(f.kind);
    return k < kKinds ? &kinds_[k] : nullptr;
  }

 private:
  static constexpr std::size_t kBounds = 4;
  static constexpr std::size_t kMeasures = 6;
  static constexpr std::size_t kDirections = 2;
  static constexpr std::size_t kKinds = 11;

  template <std::size_t N>
  static void set(FixedPiece<N>& piece, const std::string& text) {
    if (text.size() > N) throw std::logic_error("an enumerator's name is too long to lay out");
    std::memcpy(piece.bytes.data(), text.data(), text.size());
    piece.size = text.size();
  }

  std::array<FixedPiece<kTraitsRoom>, kBounds * kMeasures*(kDirections + 1)> traits_;
  std::array<FixedPiece<kKindRoom>, kKinds> kinds_;
};

/// JSON written before and kept to be written again, with room after it so
/// that it is copied in whole blocks of sixteen bytes.
class KeptJson {
 public:
  static constexpr std::size_t kBlock = 16;
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::string_view view() const { return {bytes_.data(), size_}; }
  /// What copy_to() may write.
  [[nodiscard]] std::size_t room() const { return bytes_.size(); }
  void keep(std::string_view json) {
    bytes_.assign(json);
    bytes_.resize(json.size() + kBlock - 1);
    size_ = json.size();
  }
  /// Copies the JSON to `out`, and maybe up to kBlock - 1 bytes more.
  char* copy_to(char* out) const {
    for (std::size_t i = 0; i < size_; i += kBlock) std::memcpy(out + i, bytes_.data() + i, kBlock);
    return out + size_;
  }

 private:
  std::string bytes_;
  std::size_t size_ = 0;
};

/// One compact value written as a run (JsonWriter::begin_run): the bytes go
/// through a pointer into room reserved once for the whole value, and only a
/// string with something to escape or repair, or a decimal left to the
/// double's text, goes through the writer. The pointer is the caller's local,
/// passed in and handed back by every call: kept in a member, it would be
/// read again from memory after each byte stored through it, since a char
/// store may alias anything.
class CompactRun {
 public:
  /// `room`: at least as much as is written, counting every string as it is
  /// and every decimal as short.
  CompactRun(JsonWriter& w, std::size_t room) : w_(w), room_(room) {}
  CompactRun(const CompactRun&) = delete;
  CompactRun& operator=(const CompactRun&) = delete;

  /// Where the run's bytes go; finish() takes the pointer past the last one.
  [[nodiscard]] char* begin() {
    w_.begin_run();
    return w_.run_room(room_);
  }
  void finish(char* out) {
    w_.run_written_to(out);
    w_.end_run();
  }

  // A literal's size is known when it is copied, so the copy is a few stores.
  template <std::size_t N>
  [[gnu::always_inline]] static char* literal(char* out, const char (&text)[N]) {
    std::memcpy(out, text, N - 1);
    return out + (N - 1);
  }
  // Inlined so that a plain string's pointer stays in a register; only the
  // rare string the writer escapes costs a call more.
  [[gnu::always_inline]] char* string(char* out, std::string_view s) {
    if (char* end = JsonWriter::plain_string_text(out, s)) return end;
    return escaped_string(out, s);
  }
  char* optional_string(char* out, const std::optional<std::string>& s) {
    if (s) return string(out, *s);
    return literal(out, "null");
  }
  char* null_if_empty(char* out, const std::string& s) {
    if (!s.empty()) return string(out, s);
    return literal(out, "null");
  }
  static char* boolean(char* out, bool b) {
    if (b) return literal(out, "true");
    return literal(out, "false");
  }
  // Inlined, as the strings are: a fact has six integers or more.
  [[gnu::always_inline]] static char* integer(char* out, std::uint64_t v) {
    return JsonWriter::integer_text(out, v);
  }
  [[gnu::always_inline]] static char* optional_integer(char* out, const std::optional<int>& v) {
    if (v) return JsonWriter::integer_text(out, std::int64_t{*v});
    return literal(out, "null");
  }
  [[gnu::always_inline]] char* decimal(char* out, const std::optional<Decimal>& d) {
    if (!d) return literal(out, "null");
    // The choices write_value(Decimal) makes, asking Decimal::is_integer()
    // (which strips trailing zeros first) only where the answer is not plain:
    // zero is whole, and with no negative exponent a decimal is whole exactly
    // when it fits int64, which no nonzero mantissa does past 10^18.
    if (d->mantissa == 0) return literal(out, "0");
    if (d->exponent >= 0) {
      std::int64_t v = 0;
      if (d->exponent < static_cast<std::int32_t>(kPowersOfTen.size()) &&
          !__builtin_mul_overflow(d->mantissa, kPowersOfTen[d->exponent], &v))
        return JsonWriter::integer_text(out, v);
    } else if (d->mantissa % 10 == 0 && d->is_integer()) {
      return JsonWriter::integer_text(out, whole_value(*d));
    }
    if (char* end = JsonWriter::short_decimal_text(out, d->mantissa, d->exponent)) return end;
    return long_decimal(out, *d);
  }
  static char* span(char* out, const SourceSpan& s) {
    out = literal(out, "{\"start\":");
    out = integer(out, s.start);
    out = literal(out, ",\"end\":");
    out = integer(out, s.end);
    out = literal(out, ",\"line\":");
    out = integer(out, s.line);
    out = literal(out, ",\"column\":");
    out = integer(out, s.column);
    return literal(out, "}");
  }
  /// Where the value at `out` starts, and below, what was written from there
  /// up to `out`, to be kept and copied again.
  [[nodiscard]] JsonWriter::Mark start(const char* out) {
    w_.run_written_to(out);
    return w_.mark();
  }
  [[nodiscard]] std::string_view written_since(const char* out, JsonWriter::Mark m) {
    w_.run_written_to(out);
    return w_.written_since(m);
  }

 private:
  // 10^18 is the last power of ten int64 holds.
  static constexpr std::array<std::int64_t, 19> kPowersOfTen = [] {
    std::array<std::int64_t, 19> powers{};
    powers[0] = 1;
    for (std::size_t i = 1; i < powers.size(); ++i) powers[i] = powers[i - 1] * 10;
    return powers;
  }();

  [[gnu::noinline]] char* escaped_string(char* out, std::string_view s) {
    w_.run_written_to(out);
    w_.run_string(s);
    return w_.run_room(room_);
  }

  [[gnu::noinline]] char* long_decimal(char* out, const Decimal& d) {
    w_.run_written_to(out);
    w_.run_real(d.to_double());
    return w_.run_room(room_);
  }

  JsonWriter& w_;
  std::size_t room_;
};

// Every turn, heading and check has a span: on a compact writer it is one run.
void write_value(JsonWriter& w, const SourceSpan& s) {
  if (w.compact()) {
    CompactRun run(w, 128);
    return run.finish(CompactRun::span(run.begin(), s));
  }
  w.begin_object();
  field(w, "start", s.start);
  field(w, "end", s.end);
  field(w, "line", s.line);
  field(w, "column", s.column);
  w.end_object();
}

/// Writes the members of one fact after another. Most facts stand under the
/// same headings, and have the same speaker, as the one before, and the
/// section path is the longest part of a fact, so their JSON is kept and
/// written again while it stays the same.
class FactFields {
 public:
  void write(JsonWriter& w, const Fact& f) {
    field(w, "turn", f.turn);
    field(w, "speaker", f.speaker);
    w.key("section");
    write_section(w, f.section);
    field(w, "subject", f.subject);
    field(w, "value", f.value);
    field(w, "low", f.low);
    field(w, "high", f.high);
    field(w, "unit", NullIfEmpty{f.unit});
    field(w, "unit_known", f.unit_known);
    field(w, "dimension", NullIfEmpty{f.dimension});
    field(w, "qualifier", f.qualifier);
    field(w, "bound", Known{to_string(f.bound)});
    field(w, "measure", Known{to_string(f.measure)});
    w.key("direction");
    if (const char* d = direction_name(f.direction))
      w.known_string(d);
    else
      w.null();
    field(w, "base", f.base);
    field(w, "precision", std::optional<Decimal>(f.precision));
    field(w, "kind", Known{to_string(f.kind)});
    field(w, "text", f.text);
    field(w, "clause", f.clause);
    field(w, "year", f.year);
    field(w, "target", f.target);
    field(w, "span", f.span);
  }

  /// The fact as one object (with `path` first when given), on a compact
  /// writer: the same bytes as an object of write()'s members.
  void write_compact(JsonWriter& w, const std::string* path, const Fact& f) {
    const auto* traits = kEnumerators.traits(f);
    const auto* kind = kEnumerators.kind(f);
    if (traits == nullptr || kind == nullptr) {
      // An enumerator the tables do not know yet.
      w.begin_object();
      if (path != nullptr) field(w, "path", *path);
      write(w, f);
      return w.end_object();
    }
    const auto text_size = [](const std::optional<std::string>& s) {
      return s ? s->size() : std::size_t{0};
    };
    std::size_t section_size = section_json_.room();
    for (const auto& s : f.section) section_size += s.size() + 3;
    // Member names, numbers and literals take less than the constant; a
    // string copied as last written may be longer than the string itself.
    const std::size_t room =
        1024 + (path != nullptr ? path->size() + path_json_.room() : 0) + text_size(f.speaker) +
        speaker_json_.room() + section_size + f.subject.size() + f.unit.size() +
        f.dimension.size() + text_size(f.qualifier) + text_size(f.base) + f.text.size() +
        f.clause.size() + EnumeratorMembers::kTraitsRoom + EnumeratorMembers::kKindRoom;
    CompactRun run(w, room);
    char* out = run.begin();
    if (path != nullptr) {
      out = run.literal(out, "{\"path\":");
      out = cached_string(run, out, *path, path_, path_json_);
      out = run.literal(out, ",\"turn\":");
    } else {
      out = run.literal(out, "{\"turn\":");
    }
    out = run.optional_integer(out, f.turn);
    out = run.literal(out, ",\"speaker\":");
    if (f.speaker)
      out = cached_string(run, out, *f.speaker, speaker_, speaker_json_);
    else
      out = run.literal(out, "null");
    out = run.literal(out, ",\"section\":");
    out = compact_section(run, out, f.section);
    out = run.literal(out, ",\"subject\":");
    out = run.string(out, f.subject);
    out = run.literal(out, ",\"value\":");
    out = run.decimal(out, f.value);
    out = run.literal(out, ",\"low\":");
    out = run.decimal(out, f.low);
    out = run.literal(out, ",\"high\":");
    out = run.decimal(out, f.high);
    out = run.literal(out, ",\"unit\":");
    out = run.null_if_empty(out, f.unit);
    // A boolean and the member names around it, as one literal of two.
    out = f.unit_known ? run.literal(out, ",\"unit_known\":true,\"dimension\":")
                       : run.literal(out, ",\"unit_known\":false,\"dimension\":");
    out = run.null_if_empty(out, f.dimension);
    out = run.literal(out, ",\"qualifier\":");
    out = run.optional_string(out, f.qualifier);
    out = fixed(out, *traits);
    out = run.optional_string(out, f.base);
    out = run.literal(out, ",\"precision\":");
    out = run.decimal(out, f.precision);
    out = fixed(out, *kind);
    out = run.string(out, f.text);
    out = run.literal(out, ",\"clause\":");
    out = run.string(out, f.clause);
    out = run.literal(out, ",\"year\":");
    out = run.optional_integer(out, f.year);
    out = f.target ? run.literal(out, ",\"target\":true,\"span\":")
                   : run.literal(out, ",\"target\":false,\"span\":");
    out = run.span(out, f.span);
    out = run.literal(out, "}");
    run.finish(out);
  }

 private:
  template <std::size_t N>
  static char* fixed(char* out, const FixedPiece<N>& piece) {
    std::memcpy(out, piece.bytes.data(), N);
    return out + piece.size;
  }

  void write_section(JsonWriter& w, const std::vector<std::string>& section) {
    if (!section_json_.empty() && section == section_) return w.raw_value(section_json_.view());
    const JsonWriter::Mark start = w.mark();
    write_value(w, section);
    section_ = section;
    // Empty when the writer passed part of it on: written in full next time.
    section_json_.keep(w.written_since(start));
  }

  char* compact_section(CompactRun& run, char* out, const std::vector<std::string>& section) {
    if (!section_json_.empty() && section == section_) return section_json_.copy_to(out);
    const JsonWriter::Mark start = run.start(out);
    out = CompactRun::literal(out, "[");
    for (std::size_t i = 0; i < section.size(); ++i) {
      if (i > 0) out = CompactRun::literal(out, ",");
      out = run.string(out, section[i]);
    }
    out = CompactRun::literal(out, "]");
    section_ = section;
    section_json_.keep(run.written_since(out, start));
    return out;
  }

  /// `s` as `last_json` holds it when it is `last`, else written and kept.
  static char* cached_string(CompactRun& run, char* out, const std::string& s, std::string& last,
                             KeptJson& last_json) {
    if (!last_json.empty() && s == last) return last_json.copy_to(out);
    const JsonWriter::Mark start = run.start(out);
    out = run.string(out, s);
    last = s;
    last_json.keep(run.written_since(out, start));
    return out;
  }

  static inline const EnumeratorMembers kEnumerators;

  std::vector<std::string> section_;
  KeptJson section_json_;
  std::string path_;
  KeptJson path_json_;
  std::string speaker_;
  KeptJson speaker_json_;
};

void write_value(JsonWriter& w, const Speaker& s) {
  w.begin_object();
  field(w, "name", s.name);
  field(w, "title", s.title);
  field(w, "organization", s.organization);
  w.end_object();
}

/// A turn with the text `text` (its own, or given apart when it has none).
void write_turn(JsonWriter& w, const Turn& t, std::string_view text) {
  w.begin_object();
  field(w, "index", t.index);
  field(w, "speaker", t.speaker);
  field(w, "role", to_string(t.role));
  field(w, "kind", to_string(t.kind));
  field(w, "outlet", NullIfEmpty{t.outlet});
  field(w, "addressee", t.addressee);
  field(w, "answers", t.answers);
  field(w, "label", t.label);
  field(w, "span", t.span);
  w.key("text");
  w.string(text);
  w.end_object();
}

void write_value(JsonWriter& w, const Turn& t) { write_turn(w, t, t.text); }

void write_value(JsonWriter& w, const Section& s) {
  // A dense communiqué has a heading every few lines: on a compact writer
  // each is one run, as a fact is.
  if (w.compact()) {
    CompactRun run(w, 256 + s.marker.size() + s.heading.size());
    char* out = CompactRun::literal(run.begin(), "{\"turn\":");
    out = CompactRun::optional_integer(out, s.turn);
    out = CompactRun::literal(out, ",\"level\":");
    out = JsonWriter::integer_text(out, std::int64_t{s.level});
    out = CompactRun::literal(out, ",\"marker\":");
    out = run.string(out, s.marker);
    out = CompactRun::literal(out, ",\"heading\":");
    out = run.string(out, s.heading);
    out = CompactRun::literal(out, ",\"span\":");
    out = CompactRun::span(out, s.span);
    return run.finish(CompactRun::literal(out, "}"));
  }
  w.begin_object();
  field(w, "turn", s.turn);
  field(w, "level", s.level);
  field(w, "marker", s.marker);
  field(w, "heading", s.heading);
  field(w, "span", s.span);
  w.end_object();
}

void write_value(JsonWriter& w, const Fact& f, FactFields& fields) {
  if (w.compact()) return fields.write_compact(w, nullptr, f);
  w.begin_object();
  fields.write(w, f);
  w.end_object();
}

void write_value(JsonWriter& w, const Check& c) {
  if (w.compact()) {
    const std::string_view status = to_string(c.status);
    CompactRun run(w, 256 + c.rule.size() + status.size() + c.message.size() + 21 * c.facts.size());
    char* out = CompactRun::literal(run.begin(), "{\"rule\":");
    out = run.string(out, c.rule);
    out = CompactRun::literal(out, ",\"status\":");
    out = run.string(out, status);
    out = CompactRun::literal(out, ",\"message\":");
    out = run.string(out, c.message);
    out = CompactRun::literal(out, ",\"facts\":[");
    for (std::size_t k = 0; k < c.facts.size(); ++k) {
      if (k > 0) out = CompactRun::literal(out, ",");
      out = CompactRun::integer(out, c.facts[k]);
    }
    out = CompactRun::literal(out, "],\"span\":");
    out = CompactRun::span(out, c.span);
    return run.finish(CompactRun::literal(out, "}"));
  }
  w.begin_object();
  field(w, "rule", c.rule);
  field(w, "status", to_string(c.status));
  field(w, "message", c.message);
  field(w, "facts", c.facts);
  field(w, "span", c.span);
  w.end_object();
}

void write_value(JsonWriter& w, const Diagnostic& d) {
  w.begin_object();
  field(w, "severity", to_string(d.severity));
  field(w, "code", d.code);
  field(w, "message", d.message);
  field(w, "offset", d.offset);
  field(w, "line", d.line);
  field(w, "column", d.column);
  w.end_object();
}

/// The document up to the opening of its fact list; the turns' texts are
/// `turn_texts` when given.
void write_document_head(JsonWriter& w, const Document& doc,
                         const std::vector<std::string_view>* turn_texts = nullptr) {
  w.begin_object();
  field(w, "schema", kSchemaVersion);
  w.key("source");
  w.begin_object();
  field(w, "path", doc.source.path);
  field(w, "encoding", doc.source.encoding);
  field(w, "bytes", doc.source.bytes);
  field(w, "sha256", doc.source.sha256);
  w.end_object();
  field(w, "title", doc.title);
  field(w, "date", doc.date);
  field(w, "year", doc.year);
  w.key("metadata");
  w.begin_object();
  // A key given twice keeps its first value, as an object can hold it once.
  for (std::size_t i = 0; i < doc.metadata.size(); ++i) {
    const auto& [k, v] = doc.metadata[i];
    bool seen = false;
    for (std::size_t j = 0; j < i && !seen; ++j) seen = doc.metadata[j].first == k;
    if (seen) continue;
    w.key_text(k);
    w.string(v);
  }
  w.end_object();
  field(w, "speakers", doc.speakers);
  if (turn_texts != nullptr) {
    w.key("turns");
    w.begin_array();
    for (std::size_t k = 0; k < doc.turns.size(); ++k)
      write_turn(w, doc.turns[k], (*turn_texts)[k]);
    w.end_array();
  } else {
    field(w, "turns", doc.turns);
  }
  field(w, "sections", doc.sections);
  w.key("facts");
  w.begin_array();
}

/// The rest of the document, after its facts.
void write_document_tail(JsonWriter& w, const std::vector<Check>& checks,
                         const std::vector<Diagnostic>& diagnostics) {
  w.end_array();
  field(w, "checks", checks);
  field(w, "diagnostics", diagnostics);
  w.end_object();
}

void write_document(JsonWriter& w, const Document& doc) {
  write_document_head(w, doc);
  FactFields fields;
  for (const auto& f : doc.facts) write_value(w, f, fields);
  write_document_tail(w, doc.checks, doc.diagnostics);
}

void write_fact_with_path(JsonWriter& w, const std::string& path, const Fact& f,
                          FactFields& fields) {
  if (w.compact()) return fields.write_compact(w, &path, f);
  w.begin_object();
  w.key("path");
  w.string(path);
  fields.write(w, f);
  w.end_object();
}

OutputSink append_to(std::string& out) {
  return [&out](std::string_view piece) { out += piece; };
}

void append_table_field(std::string& out, std::string_view value, char separator) {
  if (separator == '\t') {
    for (char c : value) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    return;
  }
  if (value.find_first_of(",\"\n\r") == std::string_view::npos) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string decimal_text(const std::optional<Decimal>& d) {
  std::string out;
  if (!d) return out;
  JsonWriter w(-1, append_to(out), 32);
  write_value(w, d);
  w.finish();
  return out;
}

constexpr std::size_t kTableChunk = 1u << 16;

/// One row of the fact table, with its line break.
void append_fact_row(std::string& out, const std::string& path, const Fact& f, char separator) {
  std::string section;
  for (const auto& s : f.section) {
    if (!section.empty()) section += " > ";
    section += s;
  }
  const auto text = [](const auto& v) -> std::string { return v ? std::string(*v) : ""; };
  const std::string fields[] = {path,
                                f.turn ? std::to_string(*f.turn) : "",
                                text(f.speaker),
                                section,
                                f.subject,
                                decimal_text(f.value),
                                decimal_text(f.low),
                                decimal_text(f.high),
                                f.unit,
                                f.unit_known ? "true" : "false",
                                f.dimension,
                                text(f.qualifier),
                                to_string(f.bound),
                                to_string(f.measure),
                                f.direction ? to_string(*f.direction) : "",
                                text(f.base),
                                decimal_text(f.precision),
                                to_string(f.kind),
                                f.text,
                                f.clause,
                                f.year ? std::to_string(*f.year) : "",
                                f.target ? "true" : "false",
                                std::to_string(f.span.line),
                                std::to_string(f.span.column),
                                std::to_string(f.span.start),
                                std::to_string(f.span.end)};
  static_assert(std::size(fields) == 26);
  bool first = true;
  for (const auto& value : fields) {
    if (!first) out += separator;
    append_table_field(out, value, separator);
    first = false;
  }
  out += '\n';
}

}  // namespace

void write_json(const Document& doc, int indent, const OutputSink& sink) {
  JsonWriter w(indent, sink);
  write_document(w, doc);
  w.finish();
}

void write_facts_jsonl(const Document& doc, const OutputSink& sink) {
  JsonWriter w(-1, sink);
  FactFields fields;
  for (const auto& f : doc.facts) {
    write_fact_with_path(w, doc.source.path, f, fields);
    w.newline();
  }
  w.finish();
}

void write_facts_json(const Document& doc, int indent, const OutputSink& sink) {
  JsonWriter w(indent, sink);
  w.begin_array();
  FactFields fields;
  for (const auto& f : doc.facts) write_fact_with_path(w, doc.source.path, f, fields);
  w.end_array();
  w.finish();
}

void write_facts_table(const Document& doc, char separator, const OutputSink& sink) {
  std::string out;
  for (const auto& f : doc.facts) {
    append_fact_row(out, doc.source.path, f, separator);
    if (out.size() >= kTableChunk) {
      sink(out);
      out.clear();
    }
  }
  if (!out.empty()) sink(out);
}

struct DocumentWriter::State {
  State(OutputFormat f, OutputSink s)
      : format(f),
        sink(std::move(s)),
        json(f == OutputFormat::jsonl || f == OutputFormat::facts_jsonl ? -1 : 2, sink) {}
  OutputFormat format;
  OutputSink sink;
  JsonWriter json;
  FactFields fields;
  std::string path;
  std::string table;
};

DocumentWriter::DocumentWriter(OutputFormat format, OutputSink sink)
    : state_(std::make_unique<State>(format, std::move(sink))) {}

DocumentWriter::~DocumentWriter() = default;

void DocumentWriter::begin(const Document& head) {
  State& s = *state_;
  s.path = head.source.path;
  switch (s.format) {
    case OutputFormat::json:
    case OutputFormat::jsonl:
      return write_document_head(s.json, head);
    case OutputFormat::facts_json:
      return s.json.begin_array();
    default:
      return;
  }
}

void DocumentWriter::begin_with_turn_texts(Document& head,
                                           const std::vector<std::string_view>& turn_texts) {
  State& s = *state_;
  if (s.format != OutputFormat::json && s.format != OutputFormat::jsonl) return begin(head);
  s.path = head.source.path;
  write_document_head(s.json, head, &turn_texts);
}

namespace {

/// Facts as DocumentWriter writes them in `format`: JSON to `json`, table
/// rows appended to `table`, which goes to `table_sink` (when given) each
/// time it has grown past kTableChunk.
void write_facts_as(OutputFormat format, const std::string& path, const std::vector<Fact>& facts,
                    JsonWriter& json, FactFields& fields, std::string& table,
                    const OutputSink* table_sink) {
  switch (format) {
    case OutputFormat::json:
    case OutputFormat::jsonl:
      for (const auto& f : facts) write_value(json, f, fields);
      return;
    case OutputFormat::facts_json:
      for (const auto& f : facts) write_fact_with_path(json, path, f, fields);
      return;
    case OutputFormat::facts_jsonl:
      for (const auto& f : facts) {
        write_fact_with_path(json, path, f, fields);
        json.newline();
      }
      return;
    case OutputFormat::csv:
    case OutputFormat::tsv:
      for (const auto& f : facts) {
        append_fact_row(table, path, f, format == OutputFormat::csv ? ',' : '\t');
        if (table_sink != nullptr && table.size() >= kTableChunk) {
          (*table_sink)(table);
          table.clear();
        }
      }
      return;
  }
}

}  // namespace

void DocumentWriter::facts(const std::vector<Fact>& facts, std::size_t /*first*/) {
  State& s = *state_;
  write_facts_as(s.format, s.path, facts, s.json, s.fields, s.table, &s.sink);
}

namespace {

/// What DocumentWriter::facts() writes, kept until cleared.
class DocumentFactRenderer final : public FactRenderer {
 public:
  DocumentFactRenderer(OutputFormat format, std::string path)
      : format_(format),
        path_(std::move(path)),
        json_(format == OutputFormat::jsonl || format == OutputFormat::facts_jsonl ? -1 : 2) {
    // The facts' depth in what DocumentWriter writes: in the document's
    // list, in a list of their own, or one per line.
    if (format == OutputFormat::json || format == OutputFormat::jsonl) json_.resume_array(2);
    if (format == OutputFormat::facts_json) json_.resume_array(1);
  }

  void render(const std::vector<Fact>& facts) override {
    write_facts_as(format_, path_, facts, json_, fields_, table_, nullptr);
  }

  [[nodiscard]] std::string_view rendered() const override {
    return is_table() ? std::string_view(table_) : json_.written();
  }

  void clear() override {
    table_.clear();
    json_.clear_written();
  }

 private:
  [[nodiscard]] bool is_table() const {
    return format_ == OutputFormat::csv || format_ == OutputFormat::tsv;
  }

  OutputFormat format_;
  std::string path_;
  JsonWriter json_;
  std::string table_;
  FactFields fields_;
};

}  // namespace

std::unique_ptr<FactRenderer> DocumentWriter::fact_renderer(const Document& head) {
  return std::make_unique<DocumentFactRenderer>(state_->format, head.source.path);
}

void DocumentWriter::rendered_facts(std::string_view bytes, std::size_t /*count*/,
                                    std::size_t /*first*/) {
  State& s = *state_;
  switch (s.format) {
    case OutputFormat::csv:
    case OutputFormat::tsv:
      if (bytes.empty()) return;
      if (!s.table.empty()) s.sink(s.table);
      s.table.clear();
      return s.sink(bytes);
    default:
      return s.json.rendered_values(bytes);
  }
}

void DocumentWriter::end(const std::vector<Check>& checks,
                         const std::vector<Diagnostic>& diagnostics) {
  State& s = *state_;
  switch (s.format) {
    case OutputFormat::json:
    case OutputFormat::jsonl:
      write_document_tail(s.json, checks, diagnostics);
      s.json.finish();
      return s.sink("\n");
    case OutputFormat::facts_json:
      s.json.end_array();
      s.json.finish();
      return s.sink("\n");
    case OutputFormat::facts_jsonl:
      return s.json.finish();
    case OutputFormat::csv:
    case OutputFormat::tsv:
      if (!s.table.empty()) s.sink(s.table);
      s.table.clear();
      return;
  }
}

std::string to_json(const Document& doc, int indent) {
  std::string out;
  write_json(doc, indent, append_to(out));
  return out;
}

std::string facts_to_jsonl(const Document& doc) {
  std::string out;
  write_facts_jsonl(doc, append_to(out));
  return out;
}

std::string facts_to_json(const Document& doc, int indent) {
  std::string out;
  write_facts_json(doc, indent, append_to(out));
  return out;
}

const std::vector<std::string>& fact_columns() {
  static const std::vector<std::string> columns = {
      "path",      "turn", "speaker",    "section",   "subject",   "value",  "low",
      "high",      "unit", "unit_known", "dimension", "qualifier", "bound",  "measure",
      "direction", "base", "precision",  "kind",      "text",      "clause", "year",
      "target",    "line", "column",     "start",     "end"};
  return columns;
}

std::string fact_table_header(char separator) {
  std::string out;
  for (const auto& c : fact_columns()) {
    if (!out.empty()) out += separator;
    out += c;
  }
  return out + '\n';
}

std::string facts_to_table(const Document& doc, char separator) {
  std::string out;
  write_facts_table(doc, separator, append_to(out));
  return out;
}

std::string to_text_summary(const Document& doc) {
  std::string out =
      fmt::format("{}: {}, {} bytes\n", doc.source.path, doc.source.encoding, doc.source.bytes);
  out += fmt::format("  title: {}\n", doc.title.empty() ? "(none)" : doc.title);
  out += fmt::format("  date: {}\n", doc.date ? *doc.date : std::string("(none)"));
  out += fmt::format("  metadata: {} keys\n", doc.metadata.size());
  if (!doc.speakers.empty()) {
    out += "  officials:";
    for (const auto& s : doc.speakers) out += fmt::format(" {} ({})", s.name, s.title);
    out += '\n';
  }
  std::map<std::string, int> roles;
  int questions = 0;
  int answered = 0;
  for (const auto& t : doc.turns) {
    ++roles[to_string(t.role)];
    if (t.kind == TurnKind::question) ++questions;
    if (t.kind == TurnKind::answer) ++answered;
  }
  out += fmt::format("  turns: {}", doc.turns.size());
  for (const auto& [role, n] : roles) out += fmt::format(", {} {}", n, role);
  out += fmt::format("; {} questions, {} answered\n", questions, answered);
  for (const auto& t : doc.turns) {
    out += fmt::format("    {:>3} {}:{} {} [{}{}]\n", t.index, t.span.line, t.span.column,
                       t.speaker, to_string(t.role),
                       t.kind == TurnKind::statement ? "" : std::string(", ") + to_string(t.kind));
  }
  out += fmt::format("  sections: {}\n", doc.sections.size());
  int targets = 0;
  int unknown_units = 0;
  for (const auto& f : doc.facts) {
    targets += f.target;
    unknown_units += !f.unit_known;
  }
  out += fmt::format("  facts: {} ({} targets, {} without a known unit)\n", doc.facts.size(),
                     targets, unknown_units);
  int mismatches = 0;
  for (const auto& c : doc.checks) mismatches += c.status == CheckStatus::mismatch;
  out += fmt::format("  checks: {} ({} mismatches)\n", doc.checks.size(), mismatches);
  out += fmt::format("  diagnostics: {}\n", doc.diagnostics.size());
  for (const auto& d : doc.diagnostics) {
    if (d.severity == Severity::note) continue;
    out += fmt::format("    {}:{}: {}: {} [{}]\n", d.line, d.column, to_string(d.severity),
                       d.message, d.code);
  }
  return out;
}

namespace {

template <typename E>
E enum_from(const Json& j, const char* field, std::initializer_list<E> values) {
  const std::string name = j.at(field).get<std::string>();
  for (E v : values) {
    if (name == to_string(v)) return v;
  }
  throw std::invalid_argument(std::string("unknown value '") + name + "' of field '" + field + "'");
}

std::optional<Decimal> decimal_from(const Json& j) {
  if (j.is_null()) return std::nullopt;
  if (j.is_number_integer() &&
      (!j.is_number_unsigned() || std::in_range<std::int64_t>(j.get<std::uint64_t>()))) {
    return Decimal{j.get<std::int64_t>(), 0};
  }
  if (!j.is_number()) throw std::invalid_argument("a number was expected");
  // Shortest round-trip text of the double, then exact decimal digits. Very
  // small or large doubles print with an exponent (a precision of 1e-12),
  // which Decimal::parse does not read, so it is applied here.
  const std::string text = Json(j.get<double>()).dump();
  const std::size_t e = text.find_first_of("eE");
  auto d = Decimal::parse(std::string_view(text).substr(0, e));
  if (d && e != std::string::npos) {
    // A double's decimal exponent is within ±400, so neither step overflows.
    d->exponent += static_cast<std::int32_t>(std::strtol(text.c_str() + e + 1, nullptr, 10));
  }
  if (!d) throw std::invalid_argument("number out of range: " + j.dump());
  return d;
}

/// A whole number that fits T. nlohmann's get<T>() casts a double such as
/// 1e300 to an integer type, which is undefined, and wraps a negative number
/// into an unsigned one; a document read from a file gets neither.
template <typename T>
T integer_from(const Json& j, std::string_view field) {
  if (j.is_number_unsigned()) {
    if (const auto v = j.get<std::uint64_t>(); std::in_range<T>(v)) return static_cast<T>(v);
  } else if (j.is_number_integer()) {
    if (const auto v = j.get<std::int64_t>(); std::in_range<T>(v)) return static_cast<T>(v);
  } else if (j.is_number_float()) {
    // Whole doubles (3.0, as some tools rewrite integers) within [-2^d, 2^d),
    // where d is T's number of value bits: both bounds are exact doubles.
    const double v = j.get<double>();
    const double limit = std::ldexp(1.0, std::numeric_limits<T>::digits);
    const double lowest = std::numeric_limits<T>::is_signed ? -limit : 0.0;
    if (std::isfinite(v) && v == std::floor(v) && v >= lowest && v < limit) {
      return static_cast<T>(v);
    }
  }
  throw std::invalid_argument(
      fmt::format("field '{}' is not a whole number in range: {}", field, j.dump()));
}

template <typename T>
T integer_at(const Json& object, const char* field) {
  return integer_from<T>(object.at(field), field);
}

template <typename T>
std::optional<T> optional_integer_at(const Json& object, const char* field) {
  const Json& j = object.at(field);
  if (j.is_null()) return std::nullopt;
  return integer_from<T>(j, field);
}

std::optional<std::string> optional_string_from(const Json& j) {
  if (j.is_null()) return std::nullopt;
  return j.get<std::string>();
}

std::string string_or_empty(const Json& j) {
  return j.is_null() ? std::string() : j.get<std::string>();
}

std::vector<std::size_t> indexes_at(const Json& object, const char* field) {
  const Json& j = object.at(field);
  if (!j.is_array()) throw std::invalid_argument(fmt::format("field '{}' is not an array", field));
  std::vector<std::size_t> indexes;
  indexes.reserve(j.size());
  for (const auto& index : j) indexes.push_back(integer_from<std::size_t>(index, field));
  return indexes;
}

SourceSpan span_from(const Json& j) {
  return {integer_at<std::size_t>(j, "start"), integer_at<std::size_t>(j, "end"),
          integer_at<std::size_t>(j, "line"), integer_at<std::size_t>(j, "column")};
}

Document document_from(const Json& j) {
  if (j.at("schema").get<std::string>() != kSchemaVersion) {
    throw std::invalid_argument("unsupported schema '" + j.at("schema").get<std::string>() + "'");
  }
  Document d;
  const Json& src = j.at("source");
  d.source = {src.at("path").get<std::string>(), src.at("encoding").get<std::string>(),
              integer_at<std::size_t>(src, "bytes"), src.at("sha256").get<std::string>()};
  d.title = j.at("title").get<std::string>();
  d.date = optional_string_from(j.at("date"));
  d.year = optional_integer_at<int>(j, "year");
  for (const auto& [k, v] : j.at("metadata").items())
    d.metadata.emplace_back(k, v.get<std::string>());
  for (const auto& s : j.at("speakers")) {
    d.speakers.push_back({s.at("name").get<std::string>(), s.at("title").get<std::string>(),
                          s.at("organization").get<std::string>()});
  }
  for (const auto& t : j.at("turns")) {
    Turn turn;
    turn.index = integer_at<int>(t, "index");
    turn.speaker = t.at("speaker").get<std::string>();
    turn.role = enum_from(
        t, "role", {Role::host, Role::official, Role::reporter, Role::answer, Role::unknown});
    turn.kind = enum_from(t, "kind", {TurnKind::statement, TurnKind::question, TurnKind::answer});
    turn.outlet = string_or_empty(t.at("outlet"));
    turn.addressee = optional_string_from(t.at("addressee"));
    turn.answers = optional_integer_at<int>(t, "answers");
    turn.label = t.at("label").get<std::string>();
    turn.span = span_from(t.at("span"));
    turn.text = t.at("text").get<std::string>();
    d.turns.push_back(std::move(turn));
  }
  for (const auto& s : j.at("sections")) {
    d.sections.push_back({optional_integer_at<int>(s, "turn"), integer_at<int>(s, "level"),
                          s.at("marker").get<std::string>(), s.at("heading").get<std::string>(),
                          span_from(s.at("span"))});
  }
  for (const auto& f : j.at("facts")) {
    Fact fact;
    fact.turn = optional_integer_at<int>(f, "turn");
    fact.speaker = optional_string_from(f.at("speaker"));
    fact.section = f.at("section").get<std::vector<std::string>>();
    fact.subject = f.at("subject").get<std::string>();
    fact.value = decimal_from(f.at("value"));
    fact.low = decimal_from(f.at("low"));
    fact.high = decimal_from(f.at("high"));
    fact.unit = string_or_empty(f.at("unit"));
    fact.unit_known = f.at("unit_known").get<bool>();
    fact.dimension = string_or_empty(f.at("dimension"));
    fact.qualifier = optional_string_from(f.at("qualifier"));
    fact.bound = enum_from(f, "bound", {Bound::exact, Bound::lower, Bound::upper, Bound::approx});
    fact.measure = enum_from(f, "measure",
                             {Measure::level, Measure::count, Measure::share, Measure::change,
                              Measure::pp_change, Measure::rank});
    if (!f.at("direction").is_null())
      fact.direction = enum_from(f, "direction", {Direction::up, Direction::down});
    fact.base = optional_string_from(f.at("base"));
    if (auto p = decimal_from(f.at("precision"))) fact.precision = *p;
    fact.kind = enum_from(
        f, "kind",
        {NumberKind::cardinal, NumberKind::decimal, NumberKind::percent, NumberKind::permille,
         NumberKind::fraction, NumberKind::ordinal, NumberKind::range, NumberKind::multiple,
         NumberKind::date, NumberKind::time, NumberKind::identifier});
    fact.text = f.at("text").get<std::string>();
    fact.clause = f.at("clause").get<std::string>();
    fact.year = optional_integer_at<int>(f, "year");
    fact.target = f.at("target").get<bool>();
    fact.span = span_from(f.at("span"));
    d.facts.push_back(std::move(fact));
  }
  for (const auto& c : j.at("checks")) {
    d.checks.push_back({c.at("rule").get<std::string>(),
                        enum_from(c, "status", {CheckStatus::ok, CheckStatus::mismatch}),
                        c.at("message").get<std::string>(), indexes_at(c, "facts"),
                        span_from(c.at("span"))});
  }
  for (const auto& g : j.at("diagnostics")) {
    d.diagnostics.push_back(
        {enum_from(g, "severity", {Severity::note, Severity::warning, Severity::error}),
         g.at("code").get<std::string>(), g.at("message").get<std::string>(),
         integer_at<std::size_t>(g, "offset"), integer_at<std::size_t>(g, "line"),
         integer_at<std::size_t>(g, "column")});
  }
  return d;
}

}  // namespace

Result<Document> from_json(std::string_view json) {
  Json j;
  try {
    j = Json::parse(json.begin(), json.end());
  } catch (const Json::parse_error& e) {
    const std::size_t at = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, json.size());
    const auto lc = detail::resolve_line_columns(json, {at});
    std::string message = e.what();
    const std::size_t cut = message.find("]: ");  // drop nlohmann's "[json.exception…] " prefix
    if (cut != std::string::npos) message = message.substr(cut + 3);
    return Error{Errc::invalid_json, "invalid JSON: " + message,
                 Location{at, lc[0].line, lc[0].column}};
  } catch (const Json::exception& e) {
    // A number out of double's range (1e999) is out_of_range, not a parse
    // error, and carries no position: point at the first place it is written.
    std::string message = e.what();
    const std::size_t cut = message.find("] ");
    if (cut != std::string::npos) message = message.substr(cut + 2);
    const std::size_t open = message.find('\'');
    const std::size_t close = message.rfind('\'');
    std::size_t at = 0;
    if (open != std::string::npos && close > open) {
      at = std::min(json.find(message.substr(open + 1, close - open - 1)), json.size());
    }
    const auto lc = detail::resolve_line_columns(json, {at});
    return Error{Errc::invalid_json, "invalid JSON: " + message,
                 Location{at, lc[0].line, lc[0].column}};
  }
  try {
    return document_from(j);
  } catch (const std::exception& e) {
    return Error{Errc::invalid_json, std::string("not a bulletin/1 document: ") + e.what(),
                 Location{0, 1, 1}};
  }
}

}  // namespace bulletin
