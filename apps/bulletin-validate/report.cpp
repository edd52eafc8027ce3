#include "report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace bulletin::validate_cli {
namespace {

/// Line and column of a finding; document-wide findings point at the start.
std::pair<std::size_t, std::size_t> position(const Finding& f) {
  if (f.span.line == 0) return {1, 1};
  return {f.span.line, f.span.column};
}

std::string schema_at(const Finding& f, const ReportOptions& o) {
  return fmt::format("{}:{}:{}", o.schema_path, f.schema.line, f.schema.column);
}

// Workflow command data: % and line breaks; properties also : and ,.
std::string github_data(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string github_property(const std::string& s) {
  std::string out;
  for (char c : github_data(s)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

std::string xml(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += "&#10;";
        break;
      default:
        // XML 1.0 has no place for other control characters.
        if (c >= 0x20 || c == '\t') out += static_cast<char>(c);
    }
  }
  return out;
}

std::string text_line(const FileReport::Item& item, const ReportOptions& o) {
  const auto [line, column] = position(item.finding);
  return fmt::format("{}:{}:{}: {}: {} [{}] ({})\n", item.file, line, column,
                     to_string(item.finding.severity), item.finding.message, item.finding.rule,
                     schema_at(item.finding, o));
}

}  // namespace

std::string render_text(const FileReport& r, const ReportOptions& o) {
  std::string out;
  for (const auto& item : r.items) out += text_line(item, o);
  return out;
}

std::string render_summary(const Totals& t) {
  return fmt::format("{} files: {} valid, {} invalid, {} unreadable\n", t.files, t.valid, t.invalid,
                     t.unreadable);
}

std::string render_json(const FileReport& r, const ReportOptions& o) {
  using Json = nlohmann::ordered_json;
  std::string out;
  if (r.error) {
    Json j{{"file", r.path},
           {"line", r.error->where ? Json(r.error->where->line) : Json(nullptr)},
           {"column", r.error->where ? Json(r.error->where->column) : Json(nullptr)},
           {"severity", "error"},
           {"rule", "input.unreadable"},
           {"message", r.error->message},
           {"schema", nullptr},
           {"facts", Json::array()}};
    return j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  }
  for (const auto& item : r.items) {
    const Finding& f = item.finding;
    Json j{{"file", item.file},
           {"line", f.span.line ? Json(f.span.line) : Json(nullptr)},
           {"column", f.span.line ? Json(f.span.column) : Json(nullptr)},
           {"severity", to_string(f.severity)},
           {"rule", f.rule},
           {"message", f.message},
           {"schema",
            Json{{"file", o.schema_path}, {"line", f.schema.line}, {"column", f.schema.column}}},
           {"facts", f.facts}};
    out += j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  }
  return out;
}

std::string render_github(const FileReport& r, const ReportOptions& o) {
  if (r.error) {
    const std::size_t line = r.error->where ? r.error->where->line : 1;
    return fmt::format("::error file={},line={},title=unreadable::{}\n", github_property(r.path),
                       line == 0 ? 1 : line, github_data(r.error->message));
  }
  std::string out;
  for (const auto& item : r.items) {
    const Finding& f = item.finding;
    const char* command = f.severity == Severity::error     ? "error"
                          : f.severity == Severity::warning ? "warning"
                                                            : "notice";
    const auto [line, column] = position(f);
    out += fmt::format(
        "::{} file={},line={},col={},title={}::{}\n", command, github_property(item.file), line,
        column, github_property(f.rule + " (" + schema_at(f, o) + ")"), github_data(f.message));
  }
  return out;
}

std::string render_junit(const std::vector<FileReport>& reports, const Totals& t,
                         const ReportOptions& o) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<testsuites name=\"bulletin-validate\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
      t.files, t.invalid, t.unreadable);
  out += fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\">\n",
      xml(o.schema_name), t.files, t.invalid, t.unreadable);
  for (const auto& r : reports) {
    out +=
        fmt::format("    <testcase classname=\"{}\" name=\"{}\"", xml(o.schema_name), xml(r.path));
    std::string failing;
    std::string other;
    std::size_t count = 0;
    for (const auto& item : r.items) {
      if (fails(item.finding, o.strict)) {
        failing += text_line(item, o);
        ++count;
      } else {
        other += text_line(item, o);
      }
    }
    if (!r.error && failing.empty() && other.empty()) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    if (r.error) {
      out += fmt::format("      <error message=\"{}\" type=\"input.unreadable\"/>\n",
                         xml(r.error->message));
    } else if (!failing.empty()) {
      out +=
          fmt::format("      <failure message=\"{} finding(s)\" type=\"validation\">{}</failure>\n",
                      count, xml(failing));
    }
    if (!other.empty()) out += fmt::format("      <system-out>{}</system-out>\n", xml(other));
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace bulletin::validate_cli
