#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "bulletin/check.hpp"
#include "bulletin/schema.hpp"
#include "detail/schema_model.hpp"

namespace bulletin {
namespace {

using Impl = Schema::Impl;

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/// Reads an unsigned decimal at `pos`, at most `max_digits` long.
std::optional<int> digits(std::string_view s, std::size_t& pos, std::size_t max_digits) {
  int v = 0;
  std::size_t n = 0;
  while (pos < s.size() && n < max_digits && s[pos] >= '0' && s[pos] <= '9') {
    v = v * 10 + (s[pos++] - '0');
    ++n;
  }
  if (n == 0) return std::nullopt;
  return v;
}

bool eat(std::string_view s, std::size_t& pos, std::string_view word) {
  if (s.substr(pos, word.size()) != word) return false;
  pos += word.size();
  return true;
}

/// A calendar date: 2022-12-23, 2022/12/23, 2022.12.23 or 2022年12月23日.
bool is_date(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  std::size_t pos = 0;
  const auto y = digits(s, pos, 4);
  if (!y || pos != 4) return false;
  const bool chinese = eat(s, pos, "年");
  if (!chinese && !eat(s, pos, "-") && !eat(s, pos, "/") && !eat(s, pos, ".")) return false;
  const char sep = chinese ? '\0' : s[pos - 1];
  const auto m = digits(s, pos, 2);
  if (!m) return false;
  if (chinese ? !eat(s, pos, "月") : (pos >= s.size() || s[pos++] != sep)) return false;
  const auto d = digits(s, pos, 2);
  if (!d) return false;
  if (chinese) eat(s, pos, "日");
  if (pos != s.size() || *m < 1 || *m > 12 || *d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int last = kDays[*m - 1] + (*m == 2 && is_leap(*y) ? 1 : 0);
  return *d <= last;
}

std::string number(double v) { return fmt::format("{}", v); }

std::optional<double> to_double(std::optional<long long> v) {
  if (!v) return std::nullopt;
  return static_cast<double>(*v);
}

/// "outside 0–100", "above 100", "below 0".
std::string limits(std::optional<double> min, std::optional<double> max, const char* unit) {
  if (min && max) return fmt::format("outside {}{}–{}{}", number(*min), unit, number(*max), unit);
  if (max) return fmt::format("above the maximum {}{}", number(*max), unit);
  return fmt::format("below the minimum {}{}", min ? number(*min) : "", unit);
}

class Validator {
 public:
  Validator(const Document& doc, const Impl& s) : doc_(doc), s_(s) {}

  std::vector<Finding> run() {
    metadata();
    title();
    year();
    roles();
    questions();
    facts();
    units();
    percent();
    checks();
    std::stable_sort(out_.begin(), out_.end(), [](const Finding& a, const Finding& b) {
      return a.span.line != b.span.line ? a.span.line < b.span.line : a.span.column < b.span.column;
    });
    return std::move(out_);
  }

 private:
  Finding& add(const Impl::Rule& rule, std::string id, std::string message, SourceSpan span = {}) {
    out_.push_back({std::move(id), rule.severity, std::move(message), span, rule.at, {}});
    return out_.back();
  }

  /// A pattern search; a timeout is a finding of its own and counts as no match.
  bool matches(const detail::Pattern& p, std::string_view text, const Impl::Rule& rule) {
    const auto r = p.search(text);
    if (!r) {
      add(rule, "schema.timeout",
          fmt::format("pattern '{}' ran out of time on '{}'", p.source(), text));
      return false;
    }
    return *r;
  }

  void metadata() {
    for (const auto& r : s_.metadata) {
      auto it = std::find_if(doc_.metadata.begin(), doc_.metadata.end(),
                             [&](const auto& kv) { return kv.first == r.key; });
      if (it == doc_.metadata.end()) {
        if (r.required)
          add(r, "metadata.missing", fmt::format("metadata key {} is missing", r.key));
        continue;
      }
      if (r.date && !is_date(it->second)) {
        add(r, "metadata.date", fmt::format("{} '{}' is not a date", r.key, it->second));
      }
      if (!r.pattern.empty() && !matches(r.pattern, it->second, r)) {
        add(r, "metadata.pattern",
            fmt::format("{} '{}' does not match /{}/", r.key, it->second, r.pattern.source()));
      }
    }
  }

  void title() {
    if (!s_.title) return;
    const auto& r = *s_.title;
    if (doc_.title.empty()) {
      add(r, "title.missing", "the document has no title");
    } else if (!r.pattern.empty() && !matches(r.pattern, doc_.title, r)) {
      add(r, "title.pattern",
          fmt::format("title '{}' does not match /{}/", doc_.title, r.pattern.source()));
    }
  }

  void year() {
    if (!s_.year) return;
    const auto& r = *s_.year;
    if (!doc_.year) {
      add(r, "year.missing", "the document states no year");
      return;
    }
    if ((r.min && *doc_.year < *r.min) || (r.max && *doc_.year > *r.max)) {
      add(r, "year.range",
          fmt::format("year {} is {}", *doc_.year, limits(to_double(r.min), to_double(r.max), "")));
    }
  }

  void roles() {
    for (const auto& r : s_.roles) {
      std::size_t n = 0;
      const Turn* extra = nullptr;
      for (const auto& t : doc_.turns) {
        if (t.role != r.role) continue;
        ++n;
        if (r.max && n == *r.max + 1) extra = &t;
      }
      if (n < r.min) {
        add(r, "roles.count",
            fmt::format("{} turn(s) by a {}, at least {} expected", n, to_string(r.role), r.min));
      } else if (extra != nullptr) {
        add(r, "roles.count",
            fmt::format("{} turns by a {}, at most {} expected", n, to_string(r.role), *r.max),
            extra->span);
      }
    }
  }

  void questions() {
    if (!s_.questions_answered) return;
    for (const auto& q : doc_.turns) {
      if (q.kind != TurnKind::question) continue;
      const bool answered = std::any_of(doc_.turns.begin(), doc_.turns.end(),
                                        [&](const Turn& t) { return t.answers == q.index; });
      if (!answered) {
        add(*s_.questions_answered, "questions.answered",
            fmt::format("question {} ({}) is not answered", q.index, q.label), q.span);
      }
    }
  }

  static std::optional<double> value_of(const Fact& f) {
    if (f.value) return f.value->to_double();
    if (f.low) return f.low->to_double();
    if (f.high) return f.high->to_double();
    return std::nullopt;
  }

  /// A range fact lies in [min, max] when both of its ends do.
  static bool in_range(const Fact& f, std::optional<double> min, std::optional<double> max) {
    const double slack = 1e-9;
    const auto& lo = f.value ? f.value : (f.low ? f.low : f.high);
    const auto& hi = f.value ? f.value : (f.high ? f.high : f.low);
    if (!lo || !hi) return true;
    if (min && lo->to_double() < *min - slack) return false;
    if (max && hi->to_double() > *max + slack) return false;
    return true;
  }

  void facts() {
    for (const auto& r : s_.facts) {
      std::size_t found = 0;
      for (std::size_t i = 0; i < doc_.facts.size(); ++i) {
        const Fact& f = doc_.facts[i];
        if (!r.unit.empty() && f.unit != r.unit) continue;
        if (!r.dimension.empty() && f.dimension != r.dimension) continue;
        if (r.target && f.target != *r.target) continue;
        if (!value_of(f) || !matches(r.subject, f.subject, r)) continue;
        ++found;
        if (!in_range(f, r.min, r.max)) {
          add(r, "facts.range",
              fmt::format("{} {} is {}", f.subject, f.text, limits(r.min, r.max, "")), f.span)
              .facts = {i};
        }
      }
      if (found < r.count) {
        add(r, "facts.missing",
            fmt::format("{} fact(s) with a subject matching /{}/{}{}, at least {} expected", found,
                        r.subject.source(), r.unit.empty() ? "" : " in " + r.unit,
                        r.dimension.empty() ? "" : " (" + r.dimension + ")", r.count));
      }
    }
  }

  void units() {
    if (!s_.units) return;
    const auto& r = *s_.units;
    std::size_t unknown = 0;
    for (std::size_t i = 0; i < doc_.facts.size(); ++i) {
      const Fact& f = doc_.facts[i];
      if (!f.unit_known) ++unknown;
      if (r.has_allowed && !f.unit.empty() &&
          std::find(r.allowed.begin(), r.allowed.end(), f.unit) == r.allowed.end()) {
        Impl::Rule at{r.allowed_at, r.severity};
        add(at, "units.allowed", fmt::format("unit {} of {} is not allowed", f.unit, f.text),
            f.span)
            .facts = {i};
      }
    }
    if (r.max_unknown_share && !doc_.facts.empty()) {
      const double share = static_cast<double>(unknown) / static_cast<double>(doc_.facts.size());
      if (share > *r.max_unknown_share) {
        Impl::Rule at{r.share_at, r.severity};
        add(at, "units.unknown-share",
            fmt::format("{} of {} facts ({:.1f}%) have no known unit, at most {:.1f}% allowed",
                        unknown, doc_.facts.size(), share * 100, *r.max_unknown_share * 100));
      }
    }
  }

  void percent() {
    for (const auto& r : s_.percent) {
      for (std::size_t i = 0; i < doc_.facts.size(); ++i) {
        const Fact& f = doc_.facts[i];
        if (f.unit != "%" || !value_of(f)) continue;
        if (r.measure && f.measure != *r.measure) continue;
        if (!r.subject.empty() && !matches(r.subject, f.subject, r)) continue;
        if (!in_range(f, r.min, r.max)) {
          add(r, "percent.range",
              fmt::format("{} {} is {}", f.subject, f.text, limits(r.min, r.max, "%")), f.span)
              .facts = {i};
        }
      }
    }
  }

  void checks() {
    const CheckOptions& options = s_.check_options;
    if (!options.sums && !options.rates) return;
    // Relations that parse() found (with the full text at hand) are evaluated
    // again with the schema's tolerances; documents without any are searched.
    const std::vector<Check> found =
        doc_.checks.empty() ? check_consistency(doc_, options) : recheck(doc_, options);
    for (const auto& c : found) {
      const Impl::CheckRule& rule = c.rule == "sum" ? s_.sum : s_.rate;
      Finding& f = add(rule, "check." + c.rule, c.message, c.span);
      f.facts = c.facts;
      if (c.status == CheckStatus::ok) f.severity = Severity::note;
    }
  }

  const Document& doc_;
  const Impl& s_;
  std::vector<Finding> out_;
};

}  // namespace

std::vector<Finding> validate(const Document& doc, const Schema& schema) {
  return Validator(doc, schema.impl()).run();
}

bool fails(const Finding& finding, bool strict) noexcept {
  return finding.severity == Severity::error || (strict && finding.severity == Severity::warning);
}

}  // namespace bulletin
