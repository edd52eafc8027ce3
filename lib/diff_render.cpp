// Views of a Diff: an aligned text table, JSON Lines, CSV and Markdown.
#include <fmt/format.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bulletin/diff.hpp"
#include "detail/text.hpp"

namespace bulletin {

namespace {

using Json = nlohmann::ordered_json;

std::string label(const Diff& diff, std::size_t e) {
  const auto& year = diff.editions[e].year;
  return year ? std::to_string(*year) : "#" + std::to_string(e + 1);
}

// Qualifiers written after the number (102余万) stay after it; the others
// (超, 近, 约 …) stand before it.
bool qualifier_follows(const std::string& q) {
  for (const char* s : {"余", "多", "左右", "以上", "以下", "来", "许", "开外"}) {
    if (q == s) return true;
  }
  return false;
}

std::string value_cell(const Fact& f) {
  std::string v;
  if (f.value) {
    v = f.value->to_string();
  } else if (f.low && f.high) {
    v = f.low->to_string() + ".." + f.high->to_string();
  } else if (f.low) {
    v = ">=" + f.low->to_string();
  } else if (f.high) {
    v = "<=" + f.high->to_string();
  } else {
    v = "?";
  }
  if (f.qualifier && !f.qualifier->empty()) {
    v = qualifier_follows(*f.qualifier) ? v + *f.qualifier : *f.qualifier + v;
  }
  return v;
}

std::string unit_cell(const Indicator& ind) {
  std::vector<std::string> units;
  for (const auto& v : ind.values) {
    if (v && (units.empty() || units.back() != v->unit)) units.push_back(v->unit);
  }
  std::string out;
  for (const auto& u : units) out += (out.empty() ? "" : "→") + u;
  return out;
}

std::string absolute_cell(const std::optional<Change>& c) {
  if (!c || !c->absolute) return "";
  std::string s = c->absolute->to_string();
  if (s != "0" && s[0] != '-') s = "+" + s;
  return c->points ? s + "pp" : s;
}

std::string relative_cell(const std::optional<Change>& c) {
  if (!c || !c->relative) return "";
  const double r = std::round(*c->relative * 10.0) / 10.0;
  if (r == 0.0) return "0.0%";
  return fmt::format("{:+.1f}%", r);
}

std::string similarity_text(double s) { return fmt::format("{:.2f}", s); }

std::string match_cell(const Diff& diff, const Indicator& ind) {
  std::string out;
  bool any = false;
  for (std::size_t e = 0; e < ind.links.size(); ++e) {
    if (!ind.links[e]) continue;
    any = true;
    const MatchLink& l = *ind.links[e];
    if (l.kind == MatchKind::exact) continue;
    std::string part =
        l.kind == MatchKind::alias ? "alias" : "similar " + similarity_text(l.similarity);
    if (diff.editions.size() > 2) part += " (" + label(diff, e) + ")";
    out += (out.empty() ? "" : ", ") + part;
  }
  if (!out.empty()) return out;
  return any ? "exact" : "-";
}

std::string lowest_similarity(const Indicator& ind) {
  std::optional<double> low;
  for (const auto& l : ind.links) {
    if (l && (!low || l->similarity < *low)) low = l->similarity;
  }
  return low ? similarity_text(*low) : "";
}

std::size_t shown_count(const Diff& diff, const RenderOptions& options) {
  return static_cast<std::size_t>(
      std::count_if(diff.indicators.begin(), diff.indicators.end(),
                    [&](const Indicator& i) { return is_shown(i, options); }));
}

// --- text -----------------------------------------------------------------

const char* status_colour(DiffStatus s) {
  switch (s) {
    case DiffStatus::added:
      return "\x1b[32m";
    case DiffStatus::removed:
      return "\x1b[31m";
    case DiffStatus::changed:
      return "\x1b[33m";
    case DiffStatus::unit_changed:
      return "\x1b[35m";
    case DiffStatus::unchanged:
      return "\x1b[2m";
  }
  return "";
}

struct Column {
  std::string title;
  bool right = false;
};

std::string pad(const std::string& s, std::size_t width, bool right) {
  const std::size_t w = display_width(s);
  const std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

std::string render_text(const Diff& diff, const RenderOptions& options) {
  const std::size_t n = diff.editions.size();
  const bool colour = options.color;
  auto paint = [&](const std::string& s, const char* code) {
    return colour ? std::string(code) + s + "\x1b[0m" : s;
  };
  std::string out;
  out += n > 2 ? fmt::format("{} editions (change: first to last value):\n", n)
               : fmt::format("{} editions:\n", n);
  for (std::size_t e = 0; e < n; ++e) {
    const auto& ed = diff.editions[e];
    out += fmt::format("  {}  {} ({} facts)\n", label(diff, e), ed.path, ed.facts);
  }
  out += '\n';

  std::vector<Column> columns = {{"indicator", false}, {"unit", false}};
  for (std::size_t e = 0; e < n; ++e) columns.push_back({label(diff, e), true});
  columns.push_back({"change", true});
  columns.push_back({"%", true});
  columns.push_back({"status", false});
  columns.push_back({"match", false});
  const std::size_t status_col = columns.size() - 2;

  std::vector<std::vector<std::string>> rows;
  std::vector<DiffStatus> statuses;
  for (const auto& ind : diff.indicators) {
    if (!is_shown(ind, options)) continue;
    std::vector<std::string> row = {ind.subject, unit_cell(ind)};
    for (const auto& v : ind.values) row.push_back(v ? value_cell(*v) : "-");
    row.push_back(absolute_cell(ind.change));
    row.push_back(relative_cell(ind.change));
    row.push_back(to_string(ind.status));
    row.push_back(match_cell(diff, ind));
    rows.push_back(std::move(row));
    statuses.push_back(ind.status);
  }
  std::vector<std::size_t> widths;
  for (const auto& c : columns) widths.push_back(display_width(c.title));
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));
  }
  auto line = [&](const std::vector<std::string>& cells, const DiffStatus* status) {
    std::string l;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const bool last = i + 1 == cells.size();
      std::string cell = last ? cells[i] : pad(cells[i], widths[i], columns[i].right);
      if (status && i == status_col) cell = paint(cell, status_colour(*status));
      l += cell;
      if (!last) l += "  ";
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    return l + '\n';
  };
  std::vector<std::string> titles;
  for (const auto& c : columns) titles.push_back(c.title);
  std::string head = line(titles, nullptr);
  head.pop_back();
  out += paint(head, "\x1b[1m") + '\n';
  for (std::size_t r = 0; r < rows.size(); ++r) out += line(rows[r], &statuses[r]);

  std::string notes;
  for (const auto& ind : diff.indicators) {
    if (!is_shown(ind, options)) continue;
    for (std::size_t e = 0; e < ind.links.size(); ++e) {
      const auto& l = ind.links[e];
      if (!l || l.value().kind == MatchKind::exact) continue;
      notes += fmt::format("  {}  {} ~ {}  ({} {})\n", label(diff, e), ind.values[e]->subject,
                           l->previous_subject, to_string(l->kind), similarity_text(l->similarity));
    }
  }
  if (!notes.empty()) out += "\nReworded subjects:\n" + notes;
  if (!diff.ambiguities.empty()) {
    out += "\nAmbiguous (left unmatched):\n";
    for (const auto& a : diff.ambiguities) {
      std::string c;
      for (const auto& s : a.candidates) c += (c.empty() ? "" : " | ") + s;
      out += fmt::format("  {}  {} ~ {}  ({})\n", label(diff, a.edition), a.subject, c,
                         similarity_text(a.similarity));
    }
  }
  auto structural = [&](const char* title, const std::vector<StructuralChange>& list) {
    if (list.empty()) return;
    out += fmt::format("\n{}:\n", title);
    for (const auto& s : list) {
      out += fmt::format("  {}  {} {}\n", label(diff, s.edition),
                         s.added ? paint("+", "\x1b[32m") : paint("-", "\x1b[31m"), s.name);
    }
  };
  structural("Speakers", diff.speakers);
  structural("Sections", diff.sections);

  std::size_t counts[5] = {0, 0, 0, 0, 0};
  for (const auto& ind : diff.indicators) ++counts[static_cast<int>(ind.status)];
  out += fmt::format(
      "\n{} indicators ({} shown): {} changed, {} unchanged, {} added, {} removed, {} unit-changed",
      diff.indicators.size(), shown_count(diff, options), counts[1], counts[0], counts[2],
      counts[3], counts[4]);
  if (diff.skipped > 0) {
    out += fmt::format("; {} facts without a subject or known unit left out", diff.skipped);
  }
  out += '\n';
  return out;
}

// --- JSON Lines -----------------------------------------------------------

Json decimal_json(const std::optional<Decimal>& d) {
  return d ? Json(d->to_string()) : Json(nullptr);
}

Json change_json(const std::optional<Change>& c) {
  if (!c) return nullptr;
  Json j;
  j["absolute"] = decimal_json(c->absolute);
  j["relative"] = c->relative ? Json(std::round(*c->relative * 100.0) / 100.0) : Json(nullptr);
  j["points"] = c->points;
  return j;
}

std::string render_json(const Diff& diff, const RenderOptions& options) {
  std::string out;
  auto emit = [&](const Json& j) { out += j.dump(-1, ' ', false) + '\n'; };
  for (std::size_t e = 0; e < diff.editions.size(); ++e) {
    const auto& ed = diff.editions[e];
    Json j;
    j["type"] = "edition";
    j["edition"] = e;
    j["year"] = ed.year ? Json(*ed.year) : Json(nullptr);
    j["path"] = ed.path;
    j["title"] = ed.title;
    j["facts"] = ed.facts;
    emit(j);
  }
  for (const auto& ind : diff.indicators) {
    if (!is_shown(ind, options)) continue;
    Json j;
    j["type"] = "indicator";
    j["subject"] = ind.subject;
    j["status"] = to_string(ind.status);
    j["dimension"] = ind.dimension;
    j["measure"] = to_string(ind.measure);
    j["target"] = ind.target;
    Json values = Json::array();
    Json links = Json::array();
    Json steps = Json::array();
    for (std::size_t e = 0; e < ind.values.size(); ++e) {
      const auto& v = ind.values[e];
      if (!v) {
        values.push_back(nullptr);
      } else {
        Json f;
        f["year"] = diff.editions[e].year ? Json(*diff.editions[e].year) : Json(nullptr);
        f["subject"] = v->subject;
        f["value"] = decimal_json(v->value);
        f["low"] = decimal_json(v->low);
        f["high"] = decimal_json(v->high);
        f["unit"] = v->unit;
        f["qualifier"] = v->qualifier ? Json(*v->qualifier) : Json(nullptr);
        f["text"] = v->text;
        f["line"] = v->span.line;
        f["column"] = v->span.column;
        values.push_back(f);
      }
      const auto& l = ind.links[e];
      if (!l) {
        links.push_back(nullptr);
      } else {
        links.push_back(Json{{"kind", to_string(l->kind)},
                             {"similarity", std::round(l->similarity * 1000.0) / 1000.0},
                             {"previous_subject", l->previous_subject}});
      }
      steps.push_back(change_json(ind.steps[e]));
    }
    j["values"] = values;
    j["match"] = links;
    j["change"] = change_json(ind.change);
    j["steps"] = steps;
    emit(j);
  }
  auto structural = [&](const char* type, const std::vector<StructuralChange>& list) {
    for (const auto& s : list) {
      Json j;
      j["type"] = type;
      j["edition"] = s.edition;
      j["year"] =
          diff.editions[s.edition].year ? Json(*diff.editions[s.edition].year) : Json(nullptr);
      j["change"] = s.added ? "added" : "removed";
      j["name"] = s.name;
      emit(j);
    }
  };
  structural("speaker", diff.speakers);
  structural("section", diff.sections);
  for (const auto& a : diff.ambiguities) {
    Json j;
    j["type"] = "ambiguous";
    j["edition"] = a.edition;
    j["subject"] = a.subject;
    j["candidates"] = a.candidates;
    j["similarity"] = std::round(a.similarity * 1000.0) / 1000.0;
    emit(j);
  }
  return out;
}

// --- CSV ------------------------------------------------------------------

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + '"';
}

std::string render_csv(const Diff& diff, const RenderOptions& options) {
  std::vector<std::string> header = {"subject", "dimension", "measure", "unit"};
  for (std::size_t e = 0; e < diff.editions.size(); ++e) {
    header.push_back(label(diff, e));
    header.push_back(label(diff, e) + "_qualifier");
  }
  for (const char* h : {"change", "change_pct", "points", "status", "match", "similarity"})
    header.emplace_back(h);
  auto line = [](const std::vector<std::string>& cells) {
    std::string l;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) l += ',';
      l += csv_field(cells[i]);
    }
    return l + "\r\n";
  };
  std::string out = line(header);
  for (const auto& ind : diff.indicators) {
    if (!is_shown(ind, options)) continue;
    std::vector<std::string> row = {ind.subject, ind.dimension, to_string(ind.measure),
                                    unit_cell(ind)};
    for (const auto& v : ind.values) {
      if (!v) {
        row.emplace_back();
        row.emplace_back();
        continue;
      }
      std::string value = v->value ? v->value->to_string() : "";
      if (!v->value && (v->low || v->high))
        value = (v->low ? v->low->to_string() : "") + ".." + (v->high ? v->high->to_string() : "");
      row.push_back(value);
      row.push_back(v->qualifier.value_or(""));
    }
    row.push_back(ind.change && ind.change->absolute ? ind.change->absolute->to_string() : "");
    row.push_back(ind.change && ind.change->relative
                      ? fmt::format("{:.2f}", std::round(*ind.change->relative * 100.0) / 100.0)
                      : "");
    row.push_back(ind.change && ind.change->points ? "true" : "false");
    row.push_back(to_string(ind.status));
    row.push_back(match_cell(diff, ind));
    row.push_back(lowest_similarity(ind));
    out += line(row);
  }
  return out;
}

// --- Markdown -------------------------------------------------------------

std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string render_markdown(const Diff& diff, const RenderOptions& options) {
  const std::size_t n = diff.editions.size();
  std::string out = "## Indicators\n\n| indicator | unit |";
  for (std::size_t e = 0; e < n; ++e) out.append(" ").append(label(diff, e)).append(" |");
  out += " change | % | status | match |\n|---|---|";
  for (std::size_t e = 0; e < n; ++e) out += "---:|";
  out += "---:|---:|---|---|\n";
  for (const auto& ind : diff.indicators) {
    if (!is_shown(ind, options)) continue;
    out += "| " + md_cell(ind.subject) + " | " + md_cell(unit_cell(ind)) + " |";
    for (const auto& v : ind.values) {
      out += ' ';
      out += v ? md_cell(value_cell(*v)) : "-";
      out += " |";
    }
    out += " " + absolute_cell(ind.change) + " | " + relative_cell(ind.change) + " | " +
           to_string(ind.status) + " | " + match_cell(diff, ind) + " |\n";
  }
  auto structural = [&](const char* title, const std::vector<StructuralChange>& list) {
    if (list.empty()) return;
    out += fmt::format("\n## {}\n\n", title);
    for (const auto& s : list) {
      out += fmt::format("- {}: {} {}\n", label(diff, s.edition), s.added ? "added" : "removed",
                         md_cell(s.name));
    }
  };
  structural("Speakers", diff.speakers);
  structural("Sections", diff.sections);
  if (!diff.ambiguities.empty()) {
    out += "\n## Ambiguous (left unmatched)\n\n";
    for (const auto& a : diff.ambiguities) {
      std::string c;
      for (const auto& s : a.candidates) c += (c.empty() ? "" : ", ") + md_cell(s);
      out += fmt::format("- {}: {} ~ {} ({})\n", label(diff, a.edition), md_cell(a.subject), c,
                         similarity_text(a.similarity));
    }
  }
  return out;
}

}  // namespace

bool is_shown(const Indicator& ind, const RenderOptions& options) {
  if (!options.only.empty()) {
    bool hit = false;
    for (DiffStatus s : options.only) {
      hit = hit || s == ind.status ||
            (s == DiffStatus::changed && ind.status == DiffStatus::unit_changed);
    }
    if (!hit) return false;
  }
  if (options.threshold &&
      (ind.status == DiffStatus::changed || ind.status == DiffStatus::unchanged)) {
    if (ind.change && ind.change->relative && std::abs(*ind.change->relative) < *options.threshold)
      return false;
  }
  return true;
}

std::string render_diff(const Diff& diff, const RenderOptions& options) {
  switch (options.format) {
    case DiffFormat::text:
      return render_text(diff, options);
    case DiffFormat::json:
      return render_json(diff, options);
    case DiffFormat::csv:
      return render_csv(diff, options);
    case DiffFormat::markdown:
      return render_markdown(diff, options);
  }
  return {};
}

std::optional<DiffFormat> format_from_string(std::string_view name) {
  for (DiffFormat f : {DiffFormat::text, DiffFormat::json, DiffFormat::csv, DiffFormat::markdown}) {
    static constexpr const char* kNames[] = {"text", "json", "csv", "markdown"};
    if (name == kNames[static_cast<int>(f)]) return f;
  }
  return std::nullopt;
}

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for (std::size_t pos = 0; pos < utf8.size();) {
    const auto c = static_cast<UChar32>(detail::next_code_point(utf8, pos));
    const auto type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR ||
        type == U_CONTROL_CHAR) {
      continue;
    }
    const auto eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    width += (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

}  // namespace bulletin
