// Hand-made fact labels (tests/data/labels/*.tsv) and how facts are scored
// against them: a label is found when a fact on the same line has the same
// value, unit and qualifier.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bulletin/document.hpp"

namespace bulletin::testing {

struct Label {
  std::size_t line = 0;
  std::string text, value, unit, qualifier, subject;
};

inline std::vector<Label> read_labels(const std::string& path) {
  std::ifstream in(path);
  std::vector<Label> labels;
  std::string row;
  std::getline(in, row);  // header
  while (std::getline(in, row)) {
    std::vector<std::string> cells;
    std::stringstream ss(row);
    std::string cell;
    while (std::getline(ss, cell, '\t')) cells.push_back(cell);
    while (cells.size() < 6) cells.emplace_back();
    labels.push_back({std::stoul(cells[0]), cells[1], cells[2], cells[3], cells[4], cells[5]});
  }
  return labels;
}

inline std::string canonical_unit(std::string unit) {
  if (unit == "个百分点") return "百分点";
  return unit;
}

struct Score {
  std::size_t labels = 0;
  std::size_t facts = 0;
  std::size_t found = 0;
  std::string misses;  // one line per label not found
  std::string extras;  // one line per fact matching no label
  [[nodiscard]] double recall() const { return labels == 0 ? 1.0 : double(found) / double(labels); }
  [[nodiscard]] double precision() const {
    return facts == 0 ? 1.0 : double(found) / double(facts);
  }
};

inline Score score(const Document& doc, const std::vector<Label>& labels) {
  Score s;
  s.labels = labels.size();
  s.facts = doc.facts.size();
  std::vector<bool> used(doc.facts.size(), false);
  for (const auto& label : labels) {
    const auto expected = Decimal::parse(label.value);
    bool hit = false;
    for (std::size_t i = 0; i < doc.facts.size() && !hit; ++i) {
      const Fact& f = doc.facts[i];
      if (used[i] || f.span.line != label.line || !f.value || !expected) continue;
      if (f.value->to_string() != expected->to_string()) continue;
      if (canonical_unit(f.unit) != canonical_unit(label.unit)) continue;
      if (f.qualifier.value_or("") != label.qualifier) continue;
      used[i] = hit = true;
    }
    if (hit) {
      ++s.found;
    } else {
      s.misses += std::to_string(label.line) + "\t" + label.text + "\t" + label.value + "\t" +
                  label.unit + "\t" + label.qualifier + "\n";
    }
  }
  for (std::size_t i = 0; i < doc.facts.size(); ++i) {
    if (used[i]) continue;
    const Fact& f = doc.facts[i];
    s.extras += std::to_string(f.span.line) + "\t" + f.text + "\t" +
                (f.value ? f.value->to_string() : "null") + "\t" + f.unit + "\t" +
                f.qualifier.value_or("") + "\t" + f.subject + "\n";
  }
  return s;
}

}  // namespace bulletin::testing
