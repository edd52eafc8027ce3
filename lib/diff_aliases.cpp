// Alias files for bulletin-diff: canonical subject → variants, in YAML. The
// file is untrusted input, so its size, node count and nesting are bounded.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <string>

#include "bulletin/diff.hpp"
#include "detail/text.hpp"

namespace bulletin {

namespace {

// yaml-cpp marks are 0-based and count bytes; errors give 1-based code points.
Location location_of(std::string_view text, const YAML::Mark& mark) {
  Location loc;
  if (mark.pos < 0 || mark.line < 0) return Location{0, 1, 1};
  loc.offset = std::min(static_cast<std::size_t>(mark.pos), text.size());
  loc.line = static_cast<std::size_t>(mark.line) + 1;
  const std::size_t nl =
      loc.offset == 0 ? std::string_view::npos : text.rfind('\n', loc.offset - 1);
  const std::size_t begin = nl == std::string_view::npos ? 0 : nl + 1;
  loc.column = detail::count_code_points(text.substr(begin, loc.offset - begin)) + 1;
  return loc;
}

class AliasReader {
 public:
  explicit AliasReader(std::string_view yaml) : yaml_(yaml) {}

  Result<AliasTable> read() {
    if (yaml_.size() > kMaxAliasBytes) {
      return Error{Errc::invalid_schema,
                   "alias file larger than " + std::to_string(kMaxAliasBytes) + " bytes",
                   Location{0, 1, 1}};
    }
    try {
      const YAML::Node root = YAML::Load(std::string(yaml_));
      return read_root(root);
    } catch (const YAML::DeepRecursion& e) {
      // yaml-cpp's own guard says only "bad file".
      return fail(e.mark, "nested too deeply");
    } catch (const YAML::Exception& e) {
      return fail(e.mark, e.msg);
    } catch (const std::exception& e) {
      return fail(YAML::Mark::null_mark(), e.what());
    }
  }

 private:
  Error fail(const YAML::Mark& mark, const std::string& message) const {
    return Error{Errc::invalid_schema, message, location_of(yaml_, mark)};
  }

  bool count(const YAML::Node& node, Error& error) {
    if (++visited_ <= kMaxAliasNodes) return true;
    error = fail(node.Mark(),
                 "too many entries (more than " + std::to_string(kMaxAliasNodes) + " nodes)");
    return false;
  }

  Result<AliasTable> read_root(const YAML::Node& root) {
    AliasTable table;
    if (!root || root.IsNull()) return table;  // an empty file names no aliases
    if (!root.IsMap()) {
      return fail(root.Mark(), "expected a mapping of canonical subject to its variants");
    }
    std::map<std::string, YAML::Mark, std::less<>> where;  // variant → first mention
    Error error;
    for (const auto& entry : root) {
      if (!count(entry.first, error)) return error;
      if (!entry.first.IsScalar())
        return fail(entry.first.Mark(), "a canonical subject must be a string");
      const std::string canonical = normalize_subject(entry.first.Scalar());
      if (canonical.empty()) return fail(entry.first.Mark(), "empty canonical subject");
      std::vector<YAML::Node> variants;
      const YAML::Node& value = entry.second;
      if (!count(value, error)) return error;
      if (value.IsScalar()) {
        variants.push_back(value);
      } else if (value.IsSequence()) {
        for (const auto& v : value) {
          if (!count(v, error)) return error;
          if (!v.IsScalar())
            return fail(v.Mark(), "a variant must be a string, not a list or mapping");
          variants.push_back(v);
        }
      } else if (!value.IsNull()) {
        return fail(value.Mark(), "expected a variant or a list of variants");
      }
      if (auto clash = claim(table, where, canonical, canonical, entry.first.Mark())) return *clash;
      for (const auto& v : variants) {
        const std::string variant = normalize_subject(v.Scalar());
        if (variant.empty()) return fail(v.Mark(), "empty variant");
        if (auto clash = claim(table, where, variant, canonical, v.Mark())) return *clash;
      }
    }
    return table;
  }

  // A subject may lead to one canonical subject only; listing it twice under
  // the same one is harmless.
  std::optional<Error> claim(AliasTable& table,
                             std::map<std::string, YAML::Mark, std::less<>>& where,
                             const std::string& subject, const std::string& canonical,
                             const YAML::Mark& mark) const {
    auto [it, inserted] = table.canonical_of.emplace(subject, canonical);
    if (!inserted && it->second != canonical) {
      const Location first = location_of(yaml_, where[subject]);
      return fail(mark, "'" + subject + "' already belongs to '" + it->second + "' (line " +
                            std::to_string(first.line) + ")");
    }
    where.emplace(subject, mark);
    return std::nullopt;
  }

  std::string_view yaml_;
  std::size_t visited_ = 0;
};

}  // namespace

Result<AliasTable> parse_aliases(std::string_view yaml) { return AliasReader(yaml).read(); }

}  // namespace bulletin
