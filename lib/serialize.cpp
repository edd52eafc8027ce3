#include "bulletin/serialize.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "detail/text.hpp"

namespace bulletin {
namespace {

using Json = nlohmann::ordered_json;

Json decimal_json(const std::optional<Decimal>& d) {
  if (!d) return nullptr;
  if (d->is_integer()) {
    std::int64_t v = d->mantissa;
    for (std::int32_t e = 0; e < d->exponent; ++e) v *= 10;
    return v;
  }
  return d->to_double();
}

Json span_json(const SourceSpan& s) {
  return Json{{"start", s.start}, {"end", s.end}, {"line", s.line}, {"column", s.column}};
}

template <typename T>
Json optional_json(const std::optional<T>& v) {
  if (!v) return nullptr;
  return Json(*v);
}

Json string_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json fact_json(const Fact& f) {
  Json j;
  j["turn"] = optional_json(f.turn);
  j["speaker"] = optional_json(f.speaker);
  j["section"] = f.section;
  j["subject"] = f.subject;
  j["value"] = decimal_json(f.value);
  j["low"] = decimal_json(f.low);
  j["high"] = decimal_json(f.high);
  j["unit"] = string_or_null(f.unit);
  j["unit_known"] = f.unit_known;
  j["dimension"] = string_or_null(f.dimension);
  j["qualifier"] = optional_json(f.qualifier);
  j["bound"] = to_string(f.bound);
  j["measure"] = to_string(f.measure);
  j["direction"] = f.direction ? Json(to_string(*f.direction)) : Json(nullptr);
  j["base"] = optional_json(f.base);
  j["precision"] = decimal_json(f.precision);
  j["kind"] = to_string(f.kind);
  j["text"] = f.text;
  j["clause"] = f.clause;
  j["year"] = optional_json(f.year);
  j["target"] = f.target;
  j["span"] = span_json(f.span);
  return j;
}

Json document_json(const Document& doc) {
  Json j;
  j["schema"] = kSchemaVersion;
  j["source"] = Json{{"path", doc.source.path},
                     {"encoding", doc.source.encoding},
                     {"bytes", doc.source.bytes},
                     {"sha256", doc.source.sha256}};
  j["title"] = doc.title;
  j["date"] = optional_json(doc.date);
  j["year"] = optional_json(doc.year);
  Json metadata = Json::object();
  for (const auto& [k, v] : doc.metadata) {
    if (!metadata.contains(k)) metadata[k] = v;
  }
  j["metadata"] = std::move(metadata);
  Json speakers = Json::array();
  for (const auto& s : doc.speakers) {
    speakers.push_back(
        Json{{"name", s.name}, {"title", s.title}, {"organization", s.organization}});
  }
  j["speakers"] = std::move(speakers);
  Json turns = Json::array();
  for (const auto& t : doc.turns) {
    Json tj;
    tj["index"] = t.index;
    tj["speaker"] = t.speaker;
    tj["role"] = to_string(t.role);
    tj["kind"] = to_string(t.kind);
    tj["outlet"] = string_or_null(t.outlet);
    tj["addressee"] = optional_json(t.addressee);
    tj["answers"] = optional_json(t.answers);
    tj["label"] = t.label;
    tj["span"] = span_json(t.span);
    tj["text"] = t.text;
    turns.push_back(std::move(tj));
  }
  j["turns"] = std::move(turns);
  Json sections = Json::array();
  for (const auto& s : doc.sections) {
    sections.push_back(Json{{"turn", optional_json(s.turn)},
                            {"level", s.level},
                            {"marker", s.marker},
                            {"heading", s.heading},
                            {"span", span_json(s.span)}});
  }
  j["sections"] = std::move(sections);
  Json facts = Json::array();
  for (const auto& f : doc.facts) facts.push_back(fact_json(f));
  j["facts"] = std::move(facts);
  Json checks = Json::array();
  for (const auto& c : doc.checks) {
    checks.push_back(Json{{"rule", c.rule},
                          {"status", to_string(c.status)},
                          {"message", c.message},
                          {"facts", c.facts},
                          {"span", span_json(c.span)}});
  }
  j["checks"] = std::move(checks);
  Json diagnostics = Json::array();
  for (const auto& d : doc.diagnostics) {
    diagnostics.push_back(Json{{"severity", to_string(d.severity)},
                               {"code", d.code},
                               {"message", d.message},
                               {"offset", d.offset},
                               {"line", d.line},
                               {"column", d.column}});
  }
  j["diagnostics"] = std::move(diagnostics);
  return j;
}

std::string dump(const Json& j, int indent) {
  // Invalid UTF-8 cannot reach here (decode guarantees it), but never throw on it.
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

std::string table_field(std::string value, char separator) {
  if (separator == '\t') {
    for (char& c : value) {
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
    return value;
  }
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string scalar_text(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

}  // namespace

std::string to_json(const Document& doc, int indent) { return dump(document_json(doc), indent); }

std::string facts_to_jsonl(const Document& doc) {
  std::string out;
  for (const auto& f : doc.facts) {
    Json j;
    j["path"] = doc.source.path;
    const Json fields = fact_json(f);
    for (const auto& [k, v] : fields.items()) j[k] = v;
    out += dump(j, -1);
    out += '\n';
  }
  return out;
}

std::string facts_to_json(const Document& doc, int indent) {
  Json all = Json::array();
  for (const auto& f : doc.facts) {
    Json j;
    j["path"] = doc.source.path;
    const Json fields = fact_json(f);
    for (const auto& [k, v] : fields.items()) j[k] = v;
    all.push_back(std::move(j));
  }
  return dump(all, indent);
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
  for (const auto& f : doc.facts) {
    const Json j = fact_json(f);
    std::string section;
    for (const auto& s : f.section) {
      if (!section.empty()) section += " > ";
      section += s;
    }
    bool first = true;
    for (const auto& column : fact_columns()) {
      std::string value;
      if (column == "path")
        value = doc.source.path;
      else if (column == "section")
        value = section;
      else if (column == "line")
        value = std::to_string(f.span.line);
      else if (column == "column")
        value = std::to_string(f.span.column);
      else if (column == "start")
        value = std::to_string(f.span.start);
      else if (column == "end")
        value = std::to_string(f.span.end);
      else
        value = scalar_text(j.at(column));
      if (!first) out += separator;
      out += table_field(std::move(value), separator);
      first = false;
    }
    out += '\n';
  }
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
  if (j.is_number_integer()) return Decimal{j.get<std::int64_t>(), 0};
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

template <typename T>
std::optional<T> optional_from(const Json& j) {
  if (j.is_null()) return std::nullopt;
  return j.get<T>();
}

std::string string_or_empty(const Json& j) {
  return j.is_null() ? std::string() : j.get<std::string>();
}

SourceSpan span_from(const Json& j) {
  return {j.at("start").get<std::size_t>(), j.at("end").get<std::size_t>(),
          j.at("line").get<std::size_t>(), j.at("column").get<std::size_t>()};
}

Document document_from(const Json& j) {
  if (j.at("schema").get<std::string>() != kSchemaVersion) {
    throw std::invalid_argument("unsupported schema '" + j.at("schema").get<std::string>() + "'");
  }
  Document d;
  const Json& src = j.at("source");
  d.source = {src.at("path").get<std::string>(), src.at("encoding").get<std::string>(),
              src.at("bytes").get<std::size_t>(), src.at("sha256").get<std::string>()};
  d.title = j.at("title").get<std::string>();
  d.date = optional_from<std::string>(j.at("date"));
  d.year = optional_from<int>(j.at("year"));
  for (const auto& [k, v] : j.at("metadata").items())
    d.metadata.emplace_back(k, v.get<std::string>());
  for (const auto& s : j.at("speakers")) {
    d.speakers.push_back({s.at("name").get<std::string>(), s.at("title").get<std::string>(),
                          s.at("organization").get<std::string>()});
  }
  for (const auto& t : j.at("turns")) {
    Turn turn;
    turn.index = t.at("index").get<int>();
    turn.speaker = t.at("speaker").get<std::string>();
    turn.role = enum_from(
        t, "role", {Role::host, Role::official, Role::reporter, Role::answer, Role::unknown});
    turn.kind = enum_from(t, "kind", {TurnKind::statement, TurnKind::question, TurnKind::answer});
    turn.outlet = string_or_empty(t.at("outlet"));
    turn.addressee = optional_from<std::string>(t.at("addressee"));
    turn.answers = optional_from<int>(t.at("answers"));
    turn.label = t.at("label").get<std::string>();
    turn.span = span_from(t.at("span"));
    turn.text = t.at("text").get<std::string>();
    d.turns.push_back(std::move(turn));
  }
  for (const auto& s : j.at("sections")) {
    d.sections.push_back({optional_from<int>(s.at("turn")), s.at("level").get<int>(),
                          s.at("marker").get<std::string>(), s.at("heading").get<std::string>(),
                          span_from(s.at("span"))});
  }
  for (const auto& f : j.at("facts")) {
    Fact fact;
    fact.turn = optional_from<int>(f.at("turn"));
    fact.speaker = optional_from<std::string>(f.at("speaker"));
    fact.section = f.at("section").get<std::vector<std::string>>();
    fact.subject = f.at("subject").get<std::string>();
    fact.value = decimal_from(f.at("value"));
    fact.low = decimal_from(f.at("low"));
    fact.high = decimal_from(f.at("high"));
    fact.unit = string_or_empty(f.at("unit"));
    fact.unit_known = f.at("unit_known").get<bool>();
    fact.dimension = string_or_empty(f.at("dimension"));
    fact.qualifier = optional_from<std::string>(f.at("qualifier"));
    fact.bound = enum_from(f, "bound", {Bound::exact, Bound::lower, Bound::upper, Bound::approx});
    fact.measure = enum_from(f, "measure",
                             {Measure::level, Measure::count, Measure::share, Measure::change,
                              Measure::pp_change, Measure::rank});
    if (!f.at("direction").is_null())
      fact.direction = enum_from(f, "direction", {Direction::up, Direction::down});
    fact.base = optional_from<std::string>(f.at("base"));
    if (auto p = decimal_from(f.at("precision"))) fact.precision = *p;
    fact.kind = enum_from(
        f, "kind",
        {NumberKind::cardinal, NumberKind::decimal, NumberKind::percent, NumberKind::permille,
         NumberKind::fraction, NumberKind::ordinal, NumberKind::range, NumberKind::multiple,
         NumberKind::date, NumberKind::time, NumberKind::identifier});
    fact.text = f.at("text").get<std::string>();
    fact.clause = f.at("clause").get<std::string>();
    fact.year = optional_from<int>(f.at("year"));
    fact.target = f.at("target").get<bool>();
    fact.span = span_from(f.at("span"));
    d.facts.push_back(std::move(fact));
  }
  for (const auto& c : j.at("checks")) {
    d.checks.push_back({c.at("rule").get<std::string>(),
                        enum_from(c, "status", {CheckStatus::ok, CheckStatus::mismatch}),
                        c.at("message").get<std::string>(),
                        c.at("facts").get<std::vector<std::size_t>>(), span_from(c.at("span"))});
  }
  for (const auto& g : j.at("diagnostics")) {
    d.diagnostics.push_back(
        {enum_from(g, "severity", {Severity::note, Severity::warning, Severity::error}),
         g.at("code").get<std::string>(), g.at("message").get<std::string>(),
         g.at("offset").get<std::size_t>(), g.at("line").get<std::size_t>(),
         g.at("column").get<std::size_t>()});
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
