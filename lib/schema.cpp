#include "bulletin/schema.hpp"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <set>
#include <string>

#include "detail/schema_model.hpp"

namespace bulletin {
namespace {

// A schema is a page of YAML. The bounds stop alias bombs (a few lines that
// expand to millions of nodes) and nesting meant to exhaust the stack.
constexpr std::size_t kMaxSchemaBytes = 1u << 20;
constexpr std::size_t kMaxNodes = 20000;
constexpr int kMaxDepth = 16;

using Impl = Schema::Impl;

/// Thrown inside the loader only; from_yaml turns it into an Error.
struct SchemaError {
  std::string message;
  YAML::Mark mark;
};

Location location_of(const YAML::Mark& m) {
  if (m.is_null()) return Location{0, 0, 0};
  return Location{static_cast<std::size_t>(m.pos), static_cast<std::size_t>(m.line) + 1,
                  static_cast<std::size_t>(m.column) + 1};
}

[[noreturn]] void fail(const YAML::Node& node, std::string message) {
  throw SchemaError{std::move(message), node.Mark()};
}

const char* type_name(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a scalar";
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

/// Counts nodes reached from `n`, aliases expanded, and refuses too many or too deep.
void bound(const YAML::Node& n, int depth, std::size_t& budget) {
  if (budget == 0) {
    fail(n, fmt::format("schema too large: more than {} nodes (aliases included)", kMaxNodes));
  }
  --budget;
  if (depth > kMaxDepth) fail(n, fmt::format("schema nested deeper than {} levels", kMaxDepth));
  if (n.IsMap()) {
    for (const auto& kv : n) {
      bound(kv.first, depth + 1, budget);
      bound(kv.second, depth + 1, budget);
    }
  } else if (n.IsSequence()) {
    for (const auto& item : n) bound(item, depth + 1, budget);
  }
}

/// Checks that `n` is a mapping whose keys are all in `allowed`, once each.
void expect_keys(const YAML::Node& n, std::string_view what,
                 std::initializer_list<std::string_view> allowed) {
  if (!n.IsMap()) fail(n, fmt::format("{} must be a mapping, not {}", what, type_name(n)));
  std::set<std::string> seen;
  for (const auto& kv : n) {
    if (!kv.first.IsScalar()) fail(kv.first, fmt::format("keys of {} must be names", what));
    const std::string& key = kv.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string expected;
      for (auto a : allowed) expected += (expected.empty() ? "" : ", ") + std::string(a);
      fail(kv.first,
           fmt::format("unknown key '{}' in {} (expected one of: {})", key, what, expected));
    }
    if (!seen.insert(key).second) fail(kv.first, fmt::format("duplicate key '{}'", key));
  }
}

std::string as_string(const YAML::Node& n, std::string_view key) {
  if (!n.IsScalar()) fail(n, fmt::format("'{}' must be a string, not {}", key, type_name(n)));
  return n.Scalar();
}

bool as_bool(const YAML::Node& n, std::string_view key) {
  const std::string s = n.IsScalar() ? n.Scalar() : "";
  if (s == "true" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "no" || s == "off") return false;
  fail(n, fmt::format("'{}' must be true or false", key));
}

double as_number(const YAML::Node& n, std::string_view key) {
  if (n.IsScalar() && !n.Scalar().empty()) {
    const std::string& s = n.Scalar();
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(s.c_str(), &end);
    if (errno == 0 && end == s.c_str() + s.size() && std::isfinite(v)) return v;
  }
  fail(n, fmt::format("'{}' must be a number", key));
}

long long as_integer(const YAML::Node& n, std::string_view key, long long low) {
  const double v = as_number(n, key);
  if (v != std::floor(v) || v < static_cast<double>(low) || v > 1e15) {
    fail(n, fmt::format("'{}' must be a whole number of at least {}", key, low));
  }
  return static_cast<long long>(v);
}

Severity as_severity(const YAML::Node& n) {
  const std::string s = n.IsScalar() ? n.Scalar() : "";
  if (s == "error") return Severity::error;
  if (s == "warning") return Severity::warning;
  fail(n, "'severity' must be error or warning");
}

detail::Pattern as_pattern(const YAML::Node& n, std::string_view key) {
  auto p = detail::Pattern::compile(as_string(n, key));
  if (!p) fail(n, p.error().message);
  return std::move(p).value();
}

class Loader {
 public:
  explicit Loader(Impl& s) : s_(s) {}

  void load(const YAML::Node& root) {
    expect_keys(root, "the schema",
                {"name", "description", "severity", "metadata", "title", "year", "roles",
                 "questions", "facts", "units", "percent", "checks"});
    if (!root["name"]) fail(root, "the schema needs a 'name'");
    s_.name = as_string(root["name"], "name");
    if (root["description"]) (void)as_string(root["description"], "description");
    if (root["severity"]) s_.severity = as_severity(root["severity"]);
    if (auto n = root["metadata"]) metadata(n);
    if (auto n = root["title"]) title(n);
    if (auto n = root["year"]) year(n);
    if (auto n = root["roles"]) roles(n);
    if (auto n = root["questions"]) questions(n);
    if (auto n = root["facts"]) facts(n);
    if (auto n = root["units"]) units(n);
    if (auto n = root["percent"]) percent(n);
    if (auto n = root["checks"]) checks(n);
  }

 private:
  template <typename R>
  void start(R& rule, const YAML::Node& n) {
    rule.at = location_of(n.Mark());
    rule.severity = n["severity"] ? as_severity(n["severity"]) : s_.severity;
  }

  static void expect_list(const YAML::Node& n, std::string_view key) {
    if (!n.IsSequence()) fail(n, fmt::format("'{}' must be a list, not {}", key, type_name(n)));
  }

  void metadata(const YAML::Node& list) {
    expect_list(list, "metadata");
    for (const auto& n : list) {
      expect_keys(n, "a metadata entry", {"key", "required", "type", "pattern", "severity"});
      Impl::MetadataRule r;
      start(r, n);
      if (!n["key"]) fail(n, "a metadata entry needs a 'key'");
      r.key = as_string(n["key"], "key");
      if (n["required"]) r.required = as_bool(n["required"], "required");
      if (n["type"]) {
        const std::string type = as_string(n["type"], "type");
        if (type != "date" && type != "text") fail(n["type"], "'type' must be date or text");
        r.date = type == "date";
      }
      if (n["pattern"]) r.pattern = as_pattern(n["pattern"], "pattern");
      s_.metadata.push_back(std::move(r));
    }
  }

  void title(const YAML::Node& n) {
    expect_keys(n, "title", {"pattern", "severity"});
    Impl::TitleRule r;
    start(r, n);
    if (n["pattern"]) r.pattern = as_pattern(n["pattern"], "pattern");
    s_.title = std::move(r);
  }

  void year(const YAML::Node& n) {
    expect_keys(n, "year", {"min", "max", "severity"});
    Impl::YearRule r;
    start(r, n);
    if (n["min"]) r.min = as_integer(n["min"], "min", 0);
    if (n["max"]) r.max = as_integer(n["max"], "max", 0);
    if (r.min && r.max && *r.min > *r.max) fail(n["max"], "'max' is below 'min'");
    s_.year = r;
  }

  void roles(const YAML::Node& list) {
    expect_list(list, "roles");
    for (const auto& n : list) {
      expect_keys(n, "a roles entry", {"role", "min", "max", "severity"});
      Impl::RoleRule r;
      start(r, n);
      if (!n["role"]) fail(n, "a roles entry needs a 'role'");
      const std::string role = as_string(n["role"], "role");
      bool known = false;
      for (Role candidate :
           {Role::host, Role::official, Role::reporter, Role::answer, Role::unknown}) {
        if (role == to_string(candidate)) {
          r.role = candidate;
          known = true;
        }
      }
      if (!known) {
        fail(n["role"], fmt::format("unknown role '{}' (expected host, official, reporter, "
                                    "answer or unknown)",
                                    role));
      }
      if (n["min"]) r.min = static_cast<std::size_t>(as_integer(n["min"], "min", 0));
      if (n["max"]) r.max = static_cast<std::size_t>(as_integer(n["max"], "max", 0));
      if (r.max && *r.max < r.min) fail(n["max"], "'max' is below 'min'");
      s_.roles.push_back(r);
    }
  }

  void questions(const YAML::Node& n) {
    expect_keys(n, "questions", {"answered", "severity"});
    Impl::Rule r;
    start(r, n);
    if (n["answered"] && as_bool(n["answered"], "answered")) s_.questions_answered = r;
  }

  void facts(const YAML::Node& list) {
    expect_list(list, "facts");
    for (const auto& n : list) {
      expect_keys(n, "a facts entry",
                  {"subject", "unit", "dimension", "min", "max", "target", "count", "severity"});
      Impl::FactRule r;
      start(r, n);
      if (!n["subject"]) fail(n, "a facts entry needs a 'subject' pattern");
      r.subject = as_pattern(n["subject"], "subject");
      if (n["unit"]) r.unit = as_string(n["unit"], "unit");
      if (n["dimension"]) r.dimension = as_string(n["dimension"], "dimension");
      if (n["min"]) r.min = as_number(n["min"], "min");
      if (n["max"]) r.max = as_number(n["max"], "max");
      if (r.min && r.max && *r.min > *r.max) fail(n["max"], "'max' is below 'min'");
      if (n["target"]) r.target = as_bool(n["target"], "target");
      if (n["count"]) r.count = static_cast<std::size_t>(as_integer(n["count"], "count", 0));
      s_.facts.push_back(std::move(r));
    }
  }

  void units(const YAML::Node& n) {
    expect_keys(n, "units", {"allowed", "max_unknown_share", "severity"});
    Impl::UnitsRule r;
    start(r, n);
    if (auto a = n["allowed"]) {
      expect_list(a, "allowed");
      r.has_allowed = true;
      r.allowed_at = location_of(a.Mark());
      for (const auto& u : a) r.allowed.push_back(as_string(u, "allowed"));
    }
    if (auto m = n["max_unknown_share"]) {
      r.max_unknown_share = as_number(m, "max_unknown_share");
      r.share_at = location_of(m.Mark());
      if (*r.max_unknown_share < 0 || *r.max_unknown_share > 1) {
        fail(m, "'max_unknown_share' must be between 0 and 1");
      }
    }
    s_.units = std::move(r);
  }

  void percent(const YAML::Node& list) {
    expect_list(list, "percent");
    for (const auto& n : list) {
      expect_keys(n, "a percent entry", {"subject", "measure", "min", "max", "severity"});
      Impl::PercentRule r;
      start(r, n);
      if (n["subject"]) r.subject = as_pattern(n["subject"], "subject");
      if (n["measure"]) {
        const std::string m = as_string(n["measure"], "measure");
        if (m == "any") {
          r.measure.reset();
        } else if (m == "share" || m == "change" || m == "pp_change") {
          r.measure = m == "share" ? Measure::share
                                   : (m == "change" ? Measure::change : Measure::pp_change);
        } else {
          fail(n["measure"], "'measure' must be share, change, pp_change or any");
        }
      }
      if (n["min"]) r.min = as_number(n["min"], "min");
      if (n["max"]) r.max = as_number(n["max"], "max");
      if (r.min && r.max && *r.min > *r.max) fail(n["max"], "'max' is below 'min'");
      s_.percent.push_back(std::move(r));
    }
  }

  void check_rule(const YAML::Node& n, std::string_view name, Impl::CheckRule& rule,
                  std::optional<double>& tolerance) {
    expect_keys(n, fmt::format("checks.{}", name), {"enabled", "tolerance", "severity"});
    start(rule, n);
    rule.enabled = n["enabled"] ? as_bool(n["enabled"], "enabled") : true;
    if (auto t = n["tolerance"]) {
      tolerance = as_number(t, "tolerance");
      if (*tolerance < 0) fail(t, "'tolerance' must not be negative");
    }
  }

  void checks(const YAML::Node& n) {
    expect_keys(n, "checks", {"sum", "rate"});
    if (auto c = n["sum"]) check_rule(c, "sum", s_.sum, s_.check_options.sum_tolerance);
    if (auto c = n["rate"]) check_rule(c, "rate", s_.rate, s_.check_options.rate_tolerance);
    s_.check_options.sums = s_.sum.enabled;
    s_.check_options.rates = s_.rate.enabled;
  }

  Impl& s_;
};

}  // namespace

Result<Schema> Schema::from_yaml(std::string_view yaml, std::string_view origin) {
  auto impl = std::make_shared<Impl>();
  impl->origin = std::string(origin);
  // Consistency rules run only when the schema's `checks` names them.
  impl->check_options.sums = false;
  impl->check_options.rates = false;
  if (yaml.size() > kMaxSchemaBytes) {
    return Error{
        Errc::invalid_schema,
        fmt::format("schema is {} bytes, over the limit of {}", yaml.size(), kMaxSchemaBytes),
        Location{0, 1, 1}};
  }
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    if (!root.IsMap()) {
      return Error{Errc::invalid_schema,
                   fmt::format("a schema must be a mapping, not {}", type_name(root)),
                   Location{0, 1, 1}};
    }
    std::size_t budget = kMaxNodes;
    bound(root, 0, budget);
    Loader(*impl).load(root);
  } catch (const SchemaError& e) {
    return Error{Errc::invalid_schema, e.message, location_of(e.mark)};
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard fires before bound() sees the tree, with the
    // unhelpful message "bad file"; say what the limit is about.
    return Error{Errc::invalid_schema,
                 fmt::format("schema nested deeper than {} levels", kMaxDepth),
                 location_of(e.mark)};
  } catch (const YAML::Exception& e) {
    return Error{Errc::invalid_schema, e.msg, location_of(e.mark)};
  } catch (const std::exception& e) {
    return Error{Errc::invalid_schema, e.what(), std::nullopt};
  }
  return Schema(std::move(impl));
}

const std::string& Schema::name() const { return impl_->name; }
const std::string& Schema::origin() const { return impl_->origin; }
const CheckOptions& Schema::check_options() const { return impl_->check_options; }

}  // namespace bulletin
