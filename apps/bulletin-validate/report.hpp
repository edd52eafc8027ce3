// Rendering validation results for people and for CI: text, JSON Lines,
// GitHub workflow commands and JUnit XML.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bulletin/result.hpp"
#include "bulletin/schema.hpp"

namespace bulletin::validate_cli {

/// Everything validate learned about one input file.
struct FileReport {
  std::string path;            // the input as given
  std::optional<Error> error;  // set when the file could not be read or parsed
  struct Item {
    std::string file;  // the bulletin the line and column refer to
    Finding finding;
  };
  std::vector<Item> items;
  bool invalid = false;
};

struct Totals {
  std::size_t files = 0;
  std::size_t valid = 0;
  std::size_t invalid = 0;
  std::size_t unreadable = 0;
};

struct ReportOptions {
  std::string schema_path;
  std::string schema_name;
  bool strict = false;
};

/// `FILE:LINE:COL: severity: message [rule] (schema:LINE:COL)`, one per finding.
[[nodiscard]] std::string render_text(const FileReport& r, const ReportOptions& o);
/// `N files: V valid, I invalid, E unreadable`.
[[nodiscard]] std::string render_summary(const Totals& t);
/// One JSON object per finding (and per unreadable file), one per line.
[[nodiscard]] std::string render_json(const FileReport& r, const ReportOptions& o);
/// `::error file=…,line=…,col=…,title=…::message`, escaped for the runner.
[[nodiscard]] std::string render_github(const FileReport& r, const ReportOptions& o);
/// A JUnit XML document with one test case per file.
[[nodiscard]] std::string render_junit(const std::vector<FileReport>& reports, const Totals& t,
                                       const ReportOptions& o);

}  // namespace bulletin::validate_cli
