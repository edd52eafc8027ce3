// Conformance runner: the number recognizer against Microsoft Recognizers-Text
// Chinese specs (../shared/conformance/recognizers-text-zh, see README.md next
// to this file for the mapping between the two contracts).
//
// Usage: bulletin_conformance [SPEC_DIR [FAILURES_FILE]]
// Prints the pass rate per file, writes every failing case to FAILURES_FILE,
// and exits 1 when a file with a target is under it (77 when SPEC_DIR is absent).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bulletin/numbers.hpp"

namespace {

using bulletin::Bound;
using bulletin::NumberKind;
using bulletin::NumberMatch;
using nlohmann::json;

enum class Model {
  number,
  percent,
  ordinal,
  range,
  range_experimental,
  currency,
  dimension,
  age,
  temperature
};

struct SpecFile {
  const char* file;
  Model model;
  double target;  // minimum pass rate in percent; 0 = report only
};

constexpr SpecFile kFiles[] = {
    {"number.jsonl", Model::number, 95.0},
    {"percent.jsonl", Model::percent, 95.0},
    {"ordinal.jsonl", Model::ordinal, 90.0},
    {"number-range.jsonl", Model::range, 90.0},
    {"currency.jsonl", Model::currency, 90.0},
    {"dimension.jsonl", Model::dimension, 90.0},
    {"number-range-experimental.jsonl", Model::range_experimental, 0.0},
    {"age.jsonl", Model::age, 0.0},
    {"temperature.jsonl", Model::temperature, 0.0},
};

// One entity in upstream's terms: code-point span, value, interval.
struct Entity {
  std::size_t start = 0;
  std::size_t end = 0;
  std::optional<double> value;
  std::optional<double> min;
  std::optional<double> max;
  bool min_inclusive = false;
  bool max_inclusive = false;
};

// ===========================================================================
// THE MAPPING. Every deliberate difference between our contract and
// upstream's is one rule here, applied by form or kind, never by input text.
// tests/conformance/README.md lists each with an example.
// ===========================================================================

// Upstream unit names → our base unit and the factor into it.
struct UnitMap {
  const char* theirs;
  const char* base;
  double factor;
};
constexpr UnitMap kUnitNames[] = {
    {"Chinese yuan", "元", 1},
    {"United States dollar", "美元", 1},
    {"Dollar", "美元", 1},
    {"Euro", "欧元", 1},
    {"Swiss franc", "瑞士法郎", 1},
    {"Hong Kong dollar", "港元", 1},
    {"New Taiwan dollar", "新台币", 1},
    {"Japanese yen", "日元", 1},
    {"Nigerian naira", "奈拉", 1},
    {"Bitcoin", "比特币", 1},
    {"Mu", "亩", 1},
    {"Kilogram", "千克", 1},
    {"Gram", "千克", 0.001},
    {"Microgram", "千克", 1e-9},
    {"Ton", "千克", 1000},
    {"Jin", "千克", 0.5},
    {"Liang", "千克", 0.05},
    {"Meter", "米", 1},
    {"Centimeter", "米", 0.01},
    {"Kilometer", "米", 1000},
    {"Kilobit", "比特", 1000},
    {"Megabyte", "字节", 1e6},
    {"Kilobyte", "字节", 1000},
    {"Square meter", "平方米", 1},
    {"Year", "岁", 1},
    {"C", "摄氏度", 1},
    {"F", "华氏度", 1},
};

std::size_t utf8_len(unsigned char b) { return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4; }

// Byte offset → code point offset.
std::vector<std::size_t> code_point_index(std::string_view s) {
  std::vector<std::size_t> idx(s.size() + 1, 0);
  std::size_t cp = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = std::min(utf8_len(static_cast<unsigned char>(s[i])), s.size() - i);
    for (std::size_t k = 0; k < n; ++k) idx[i + k] = cp;
    i += n;
    ++cp;
  }
  idx[s.size()] = cp;
  return idx;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Rule S (all models but number-range): a qualifier written at either edge
// of our surface (超过3, 60%以上, 四百多) is outside upstream's span; one inside
// the numeral (500余万) is not. Returns the byte span [b, e) of `m` without it.
std::pair<std::size_t, std::size_t> strip_edge_qualifier(const NumberMatch& m,
                                                         std::string_view text,
                                                         bool only_approx = false) {
  std::size_t b = m.begin;
  std::size_t e = m.end;
  if (m.qualifier.empty() || (only_approx && m.bound != Bound::approx)) return {b, e};
  // A joined range (大于10小于20) or 比…大 keeps its words.
  if (m.qualifier.find("…") != std::string::npos) return {b, e};
  const std::string_view q = m.qualifier;
  const std::string_view s = text.substr(b, e - b);
  if (s.substr(0, q.size()) == q) {
    b += q.size();
  } else if (s.size() >= q.size() && s.substr(s.size() - q.size()) == q) {
    e -= q.size();
  }
  while (b < e && is_space(text[b])) ++b;
  while (e > b && is_space(text[e - 1])) --e;
  return {b, e};
}

// Rule U: units. Upstream's number model ends at the numeral; the unit as
// written is removed from the end of the span. A count unit with a factor
// (打 = 12 个) is a numeral suffix upstream, so it stays.
bool unit_is_numeral_suffix(const NumberMatch& m) {
  if (!m.unit_known || m.dimension != "count") return false;
  const bulletin::UnitInfo* u = bulletin::UnitTable::builtin().match_prefix(m.unit_surface);
  return u != nullptr && u->name == m.unit_surface && u->factor != bulletin::Decimal{1, 0};
}

std::pair<std::size_t, std::size_t> strip_unit(const NumberMatch& m, std::string_view text,
                                               std::pair<std::size_t, std::size_t> span) {
  auto [b, e] = span;
  if (m.unit_surface.empty() || unit_is_numeral_suffix(m)) return span;
  const std::string_view s = text.substr(b, e - b);
  const std::string_view u = m.unit_surface;
  const std::size_t at = s.rfind(u);
  if (at != std::string_view::npos && at > 0) {
    // Only when nothing but a restated currency follows (8亿元人民币).
    e = b + at;
  }
  while (e > b && is_space(text[e - 1])) --e;
  return {b, e};
}

double unit_factor(const NumberMatch& m) {
  if (!m.unit_known || m.unit_surface.empty() || unit_is_numeral_suffix(m)) return 1.0;
  const bulletin::UnitInfo* u = bulletin::UnitTable::builtin().match_prefix(m.unit_surface);
  // 个小时 / 个比特币: the table entry of the part after 个.
  if (u != nullptr && u->name != m.unit_surface) {
    const std::string_view rest = std::string_view(m.unit_surface).substr(u->name.size());
    if (const auto* v = bulletin::UnitTable::builtin().match_prefix(rest); v != nullptr) u = v;
  }
  return u != nullptr ? u->factor.to_double() : 1.0;
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> words) {
  for (const auto w : words) {
    if (s.substr(0, w.size()) == w) return true;
  }
  return false;
}

std::vector<Entity> map_to_model(Model model, std::string_view text,
                                 const std::vector<NumberMatch>& matches) {
  const auto cps = code_point_index(text);
  std::vector<Entity> out;
  auto push = [&](std::size_t b, std::size_t e, std::optional<double> v) {
    Entity x;
    x.start = cps[b];
    x.end = cps[e];
    x.value = v;
    out.push_back(x);
  };
  for (const NumberMatch& m : matches) {
    const std::optional<double> v =
        m.value ? std::optional<double>(m.value->to_double()) : std::nullopt;
    switch (model) {
      case Model::number: {
        // Rule N1: kinds upstream's number model reports.
        if (m.kind == NumberKind::range || m.kind == NumberKind::date ||
            m.kind == NumberKind::time || m.kind == NumberKind::multiple ||
            m.kind == NumberKind::permille) {
          break;
        }
        // Rule N2: an amount of money is the currency model's (一美元).
        if (m.dimension == "money") break;
        auto span = strip_edge_qualifier(m, text);
        if (m.kind == NumberKind::identifier) {
          // Rule N3: upstream has no identifiers; a bare digit run is a number.
          if (!m.value) break;
          push(span.first, span.second, v);
          break;
        }
        if (m.kind == NumberKind::ordinal) {
          // Rule N4: upstream's number model reads the numeral inside 第N.
          std::size_t b = span.first + std::string_view("第").size();
          span = strip_unit(m, text, {b, span.second});
          push(span.first, span.second, v);
          break;
        }
        if (m.kind == NumberKind::percent) {
          // Rule N5: word-written percents (百分之X, X个百分点) expose their
          // numeral; symbol and discount forms (%, 成, 折) are the percent model's.
          const std::string_view s = text.substr(span.first, span.second - span.first);
          if (starts_with_any(s, {"百分之", "百 分", "佰 分", "佰分之"})) {
            std::size_t b = span.first;
            const std::size_t k = s.find("之");
            b += k + std::string_view("之").size();
            while (b < span.second && is_space(text[b])) ++b;
            push(b, span.second, v);
          } else if (m.unit == "百分点") {
            span = strip_unit(m, text, span);
            push(span.first, span.second, v);
          }
          break;
        }
        // Rule U: the unit is not part of the number; the value is in the
        // unit as written.
        span = strip_unit(m, text, span);
        push(span.first, span.second,
             v ? std::optional<double>(*v / unit_factor(m)) : std::nullopt);
        break;
      }
      case Model::percent: {
        // Rule P1: percent and permille (‰ → % by /10); a fraction written
        // with a bare power-of-ten denominator (万分之三) is a percentage
        // upstream (×100). Ranges are not percentages there.
        const auto span = strip_edge_qualifier(m, text);
        const std::string_view s = text.substr(span.first, span.second - span.first);
        if (m.kind == NumberKind::percent) {
          push(span.first, span.second, v);
        } else if (m.kind == NumberKind::permille) {
          push(span.first, span.second, v ? std::optional<double>(*v / 10) : std::nullopt);
        } else if (m.kind == NumberKind::fraction &&
                   starts_with_any(s, {"万", "萬", "百", "千", "仟", "佰"})) {
          push(span.first, span.second, v ? std::optional<double>(*v * 100) : std::nullopt);
        }
        break;
      }
      case Model::ordinal: {
        if (m.kind != NumberKind::ordinal) break;
        const auto span = strip_unit(m, text, {m.begin, m.end});
        push(span.first, span.second, v);
        break;
      }
      case Model::range:
      case Model::range_experimental: {
        // Rule R1: our ranges, and numbers with a stated bound.
        const bool bounded =
            !m.qualifier.empty() && m.bound != Bound::approx && m.kind != NumberKind::range;
        if (m.kind != NumberKind::range && !bounded) break;
        if (m.kind == NumberKind::range && !m.low) break;
        auto span = strip_edge_qualifier(m, text, /*only_approx=*/true);
        span = strip_unit(m, text, span);
        Entity x;
        x.start = cps[span.first];
        x.end = cps[span.second];
        // Rule U: values in the unit as written.
        const double f = unit_factor(m);
        // Rule R3: 以上/以下 include the number for us (as Chinese statute
        // reads them); upstream excludes it.
        auto statute = [&](std::string_view word) {
          const std::string_view q = m.qualifier;
          const std::size_t cut = q.find("…");
          return q == word || (cut != std::string_view::npos &&
                               (q.substr(0, cut) == word ||
                                q.substr(cut + std::string_view("…").size()) == word));
        };
        if (m.kind == NumberKind::range) {
          x.min = m.low->to_double() / f;
          x.max = m.high->to_double() / f;
          x.min_inclusive = m.low_inclusive && !statute("以上");
          x.max_inclusive = m.high_inclusive && !statute("以下");
          // Rule R2: a range written with a connective (3至5, 20-100,
          // 20和30之间) includes both ends for us; upstream's default mode
          // makes it half-open [a, b).
          if (m.qualifier.empty() && model == Model::range) x.max_inclusive = false;
        } else {
          const double val = m.value->to_double() / f;
          if (m.bound == Bound::lower) {
            x.min = val;
            x.min_inclusive = m.low_inclusive && !statute("以上");
          } else if (m.bound == Bound::upper) {
            x.max = val;
            x.max_inclusive = m.high_inclusive && !statute("以下");
          } else {
            x.min = x.max = val;
            x.min_inclusive = x.max_inclusive = true;
          }
        }
        out.push_back(x);
        break;
      }
      case Model::currency:
      case Model::dimension:
      case Model::age:
      case Model::temperature: {
        const bool want =
            (model == Model::currency && m.dimension == "money") ||
            (model == Model::dimension &&
             (m.dimension == "length" || m.dimension == "area" || m.dimension == "mass" ||
              m.dimension == "volume" || m.dimension == "data")) ||
            (model == Model::age && m.dimension == "age") ||
            (model == Model::temperature && m.dimension == "temperature");
        if (!want || m.kind == NumberKind::range) break;
        const auto span = strip_edge_qualifier(m, text);
        push(span.first, span.second, v);
        break;
      }
    }
  }
  return out;
}

// Expected entities in our terms: values converted into our base units.
std::vector<Entity> expected_entities(Model model, const json& expected) {
  std::vector<Entity> out;
  for (const json& e : expected) {
    Entity x;
    x.start = e.at("start").get<std::size_t>();
    x.end = e.at("end").get<std::size_t>();
    if (model == Model::range || model == Model::range_experimental) {
      const json& r = e.at("range");
      if (!r.at("min").is_null()) x.min = r.at("min").get<double>();
      if (!r.at("max").is_null()) x.max = r.at("max").get<double>();
      x.min_inclusive = r.at("min_inclusive").is_boolean() && r.at("min_inclusive").get<bool>();
      x.max_inclusive = r.at("max_inclusive").is_boolean() && r.at("max_inclusive").get<bool>();
    } else if (e.contains("number") && !e.at("number").is_null()) {
      double v = e.at("number").get<double>();
      if (e.contains("unit") && e.at("unit").is_string()) {
        const std::string unit = e.at("unit").get<std::string>();
        for (const UnitMap& u : kUnitNames) {
          if (unit == u.theirs) v *= u.factor;
        }
      }
      x.value = v;
    } else {
      // Rule C: currency and temperature names without an amount (人民币,
      // 摄氏度) are not numbers; a number recognizer does not report them.
      continue;
    }
    out.push_back(x);
  }
  return out;
}

bool close(std::optional<double> a, std::optional<double> b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  return std::fabs(*a - *b) <= 1e-9 * std::max(1.0, std::fabs(*b));
}

bool same(const Entity& x, const Entity& y) {
  return x.start == y.start && x.end == y.end && close(x.value, y.value) && close(x.min, y.min) &&
         close(x.max, y.max) && (!x.min || x.min_inclusive == y.min_inclusive) &&
         (!x.max || x.max_inclusive == y.max_inclusive);
}

std::string describe(const Entity& e, std::string_view text) {
  const auto cps = code_point_index(text);
  std::size_t b = 0;
  std::size_t en = text.size();
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (cps[i] == e.start && (i == 0 || cps[i - 1] != e.start)) {
      b = i;
      break;
    }
  }
  for (std::size_t i = b; i <= text.size(); ++i) {
    if (cps[i] == e.end) {
      en = i;
      break;
    }
  }
  std::ostringstream o;
  o << "'" << text.substr(b, en - b) << "' [" << e.start << "," << e.end << ")";
  if (e.value) o << " = " << *e.value;
  if (e.min || e.max) {
    o << " " << (e.min_inclusive ? "[" : "(") << (e.min ? std::to_string(*e.min) : "") << ","
      << (e.max ? std::to_string(*e.max) : "") << (e.max_inclusive ? "]" : ")");
  }
  return o.str();
}

std::string describe_match(const NumberMatch& m) {
  std::ostringstream o;
  o << m.surface << " {" << bulletin::to_string(m.kind);
  if (m.value) o << " value=" << m.value->to_string();
  if (m.low) o << " low=" << m.low->to_string();
  if (m.high) o << " high=" << m.high->to_string();
  if (!m.unit.empty())
    o << " unit=" << m.unit << "(" << m.unit_surface << (m.unit_known ? "" : "?") << ")";
  if (!m.qualifier.empty())
    o << " qualifier=" << m.qualifier << "/" << bulletin::to_string(m.bound);
  if (m.overflow) o << " overflow";
  o << "}";
  return o.str();
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const fs::path dir = argc > 1
                           ? fs::path(argv[1])
                           : fs::path(BULLETIN_SHARED_DIR) / "conformance" / "recognizers-text-zh";
  const fs::path failures_path =
      argc > 2 ? fs::path(argv[2]) : fs::path(BULLETIN_CONFORMANCE_FAILURES);
  if (!fs::is_directory(dir)) {
    std::cout << "conformance: " << dir.string() << " is absent; skipping\n";
    return BULLETIN_SKIP_CODE;
  }
  std::ofstream failures(failures_path);
  bool under_target = false;
  std::printf("%-34s %7s %7s %8s %8s\n", "file", "cases", "passed", "rate", "target");
  for (const SpecFile& spec : kFiles) {
    std::ifstream in(dir / spec.file);
    if (!in) {
      std::printf("%-34s missing\n", spec.file);
      if (spec.target > 0) under_target = true;
      continue;
    }
    std::size_t cases = 0;
    std::size_t passed = 0;
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      const json c = json::parse(line);
      const std::string input = c.at("input").get<std::string>();
      const auto matches = bulletin::find_numbers(input);
      const auto got = map_to_model(spec.model, input, matches);
      const auto want = expected_entities(spec.model, c.at("expected"));
      bool ok = got.size() == want.size();
      for (std::size_t i = 0; ok && i < got.size(); ++i) ok = same(got[i], want[i]);
      ++cases;
      if (ok) {
        ++passed;
        continue;
      }
      failures << spec.file << " " << c.value("source", "") << "\n  input:    " << input << "\n";
      for (const auto& e : want) failures << "  expected: " << describe(e, input) << "\n";
      for (const auto& e : got) failures << "  got:      " << describe(e, input) << "\n";
      for (const auto& m : matches) failures << "  match:    " << describe_match(m) << "\n";
      failures << "\n";
    }
    const double rate =
        cases == 0 ? 0.0 : 100.0 * static_cast<double>(passed) / static_cast<double>(cases);
    const bool fail = spec.target > 0 && rate < spec.target;
    under_target = under_target || fail;
    char target[16] = "report";
    if (spec.target > 0) std::snprintf(target, sizeof target, "%.0f%%", spec.target);
    std::printf("%-34s %7zu %7zu %7.1f%% %8s%s\n", spec.file, cases, passed, rate, target,
                fail ? "  UNDER TARGET" : "");
  }
  std::printf("failing cases: %s\n", fs::absolute(failures_path).string().c_str());
  return under_target ? 1 : 0;
}
