// Build-time generator of the built-in unit table: reads data/units.yaml with
// the library's own reader and writes it as static data (detail/units_builtin.hpp),
// so the library never parses YAML for its built-in table.
//
//   units_codegen INPUT.yaml OUTPUT.cpp
//
// A unit file the reader rejects fails the build with its FILE:LINE:COL error
// instead of becoming an empty table at run time.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "detail/units_yaml.hpp"

namespace {

using bulletin::UnitInfo;
using bulletin::detail::UnitEntries;

/// A line comment showing `text`; control characters and backslashes are
/// blanked, as they could end the comment early or splice the next line into it.
std::string comment(const std::string& text) {
  std::string out = "// ";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    out += (byte < 0x20 || c == '\\') ? ' ' : c;
  }
  return out;
}

/// Collects each distinct string once and hands out its place in the pool.
class StringPool {
 public:
  struct Slot {
    std::uint32_t offset;
    std::uint32_t size;
  };

  Slot add(const std::string& text) {
    const auto [it, inserted] = slots_.try_emplace(text, Slot{0, 0});
    if (inserted) {
      it->second = Slot{static_cast<std::uint32_t>(size_), static_cast<std::uint32_t>(text.size())};
      size_ += text.size();
      order_.push_back(text);
    }
    return it->second;
  }

  /// The pool as adjacent string literals, each under a comment showing it.
  [[nodiscard]] std::string literal() const {
    if (order_.empty()) return " \"\"";
    std::string out;
    for (const std::string& text : order_) {
      out += "\n    " + comment(text) + "\n    \"";
      for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        // Three-digit octal escapes cannot swallow a following digit, unlike \x.
        if (byte < 0x20 || byte >= 0x7F || c == '"' || c == '\\') {
          char escape[5];
          std::snprintf(escape, sizeof escape, "\\%03o", byte);
          out += escape;
        } else {
          out += c;
        }
      }
      out += '"';
    }
    return out;
  }

 private:
  std::map<std::string, Slot> slots_;
  std::vector<std::string> order_;
  std::size_t size_ = 0;
};

void append_slot(std::string& out, const StringPool::Slot& slot) {
  out += '{';
  out += std::to_string(slot.offset);
  out += ", ";
  out += std::to_string(slot.size);
  out += '}';
}

std::string record_initializer(StringPool& pool, const UnitInfo& unit) {
  std::string out = "{";
  append_slot(out, pool.add(unit.name));
  out += ", ";
  append_slot(out, pool.add(unit.base));
  out += ", ";
  out += std::to_string(unit.factor.mantissa);
  out += ", ";
  out += std::to_string(unit.factor.exponent);
  out += ", ";
  append_slot(out, pool.add(unit.dimension));
  out += "},";
  return out;
}

/// A span over a generated array; an empty list has no array, since C++
/// allows no zero-length ones.
std::string array_or_empty(const std::string& type, const std::string& name,
                           const std::vector<std::string>& rows, std::string& definitions) {
  if (rows.empty()) return "std::span<const " + type + ">()";
  definitions += "constexpr " + type + " " + name + "[] = {";
  for (const std::string& row : rows) definitions += "\n    " + row;
  definitions += "\n};\n\n";
  return name;
}

std::string generate(const UnitEntries& entries, const std::string& input_name) {
  StringPool pool;
  std::vector<std::string> unit_rows;
  std::vector<std::string> minor_rows;
  std::vector<std::string> minor_begin_rows;
  for (std::size_t i = 0; i < entries.units.size(); ++i) {
    minor_begin_rows.push_back(std::to_string(minor_rows.size()) + ",");
    unit_rows.push_back(record_initializer(pool, entries.units[i]) + "  " +
                        comment(entries.units[i].name));
    for (const UnitInfo& minor : entries.minors[i]) {
      minor_rows.push_back(record_initializer(pool, minor) + "  " +
                           comment(minor.name + " (" + entries.units[i].name + ")"));
    }
  }
  minor_begin_rows.push_back(std::to_string(minor_rows.size()) + ",");

  std::string arrays;
  const std::string units = array_or_empty("UnitRecord", "kUnits", unit_rows, arrays);
  const std::string minor_begin =
      array_or_empty("std::uint32_t", "kMinorBegin", minor_begin_rows, arrays);
  const std::string minors = array_or_empty("UnitRecord", "kMinors", minor_rows, arrays);

  std::string out;
  out += "// Generated from " + input_name + " by units_codegen; do not edit.\n";
  out += "#include <cstdint>\n#include <span>\n#include <string_view>\n\n";
  out += "#include \"detail/units_builtin.hpp\"\n\n";
  out += "namespace bulletin::detail {\nnamespace {\n\n";
  out += "constexpr char kPool[] =" + pool.literal() + ";\n\n";
  out += arrays;
  out += "}  // namespace\n\n";
  out += "constinit const BuiltinUnits kBuiltinUnits{std::string_view(kPool, sizeof kPool - 1), " +
         units + ", " + minor_begin + ", " + minors + "};\n\n";
  out += "}  // namespace bulletin::detail\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: units_codegen INPUT.yaml OUTPUT.cpp\n");
    return 2;
  }
  const std::string input = argv[1];
  const std::string output = argv[2];
  std::ifstream in(input, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: cannot open\n", input.c_str());
    return 1;
  }
  const std::string yaml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto entries = bulletin::detail::read_unit_yaml(yaml, input);
  if (!entries) {
    std::fprintf(stderr, "%s\n", entries.error().message.c_str());
    return 1;
  }
  // Written beside the target and renamed, so an interrupted run leaves no
  // half-written source that the next build would take as up to date.
  const std::string temporary = output + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << generate(*entries, input.substr(input.find_last_of("/\\") + 1));
    if (!out.flush()) {
      std::fprintf(stderr, "%s: cannot write\n", temporary.c_str());
      return 1;
    }
  }
  if (std::rename(temporary.c_str(), output.c_str()) != 0) {
    std::fprintf(stderr, "%s: cannot replace\n", output.c_str());
    return 1;
  }
  return 0;
}
