// schemas/bulletin.schema.json against what bulletin-parse writes: the golden
// outputs and fresh output for every sample. The validator below knows only
// the keywords that schema uses, and refuses any other, so that nothing in
// the schema goes unchecked.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "bulletin/parse.hpp"
#include "bulletin/serialize.hpp"
#include "detail/schema_regex.hpp"

namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool has_type(const Json& v, const std::string& t) {
  if (t == "object") return v.is_object();
  if (t == "array") return v.is_array();
  if (t == "string") return v.is_string();
  if (t == "integer") return v.is_number_integer();
  if (t == "number") return v.is_number();
  if (t == "boolean") return v.is_boolean();
  if (t == "null") return v.is_null();
  return false;
}

class Validator {
 public:
  explicit Validator(Json root) : root_(std::move(root)) {}

  /// Problems of `v` against the root schema, as "path: message" lines.
  std::string check(const Json& v) {
    errors_.clear();
    visit(root_, v, "$");
    return errors_;
  }

 private:
  void error(const std::string& path, const std::string& message) {
    errors_ += path + ": " + message + "\n";
  }

  void visit(const Json& s, const Json& v, const std::string& path) {
    for (const auto& [key, _] : s.items()) {
      static const char* kKnown[] = {"$schema",     "$id",        "title",
                                     "description", "$defs",      "type",
                                     "required",    "properties", "additionalProperties",
                                     "items",       "enum",       "minimum",
                                     "maximum",     "minItems",   "pattern",
                                     "$ref"};
      if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown)) {
        error(path, "schema keyword not supported by this validator: " + key);
      }
    }
    if (s.contains("$ref")) {
      const std::string ref = s["$ref"];
      const std::string prefix = "#/$defs/";
      REQUIRE(ref.rfind(prefix, 0) == 0);
      visit(root_["$defs"][ref.substr(prefix.size())], v, path);
    }
    if (s.contains("type")) {
      bool ok = false;
      if (s["type"].is_string()) {
        ok = has_type(v, s["type"]);
      } else {
        for (const auto& t : s["type"]) ok = ok || has_type(v, t);
      }
      if (!ok) return error(path, "type is not " + s["type"].dump());
    }
    if (s.contains("enum") && std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end()) {
      error(path, v.dump() + " is not one of " + s["enum"].dump());
    }
    if (v.is_number()) {
      if (s.contains("minimum") && v.get<double>() < s["minimum"].get<double>()) {
        error(path, "below minimum");
      }
      if (s.contains("maximum") && v.get<double>() > s["maximum"].get<double>()) {
        error(path, "above maximum");
      }
    }
    if (v.is_string() && s.contains("pattern")) {
      auto p = bulletin::detail::Pattern::compile(s["pattern"].get<std::string>());
      REQUIRE(p.has_value());
      if (p->search(v.get<std::string>()) != true) error(path, "does not match " + p->source());
    }
    if (v.is_object()) {
      for (const auto& r : s.value("required", Json::array())) {
        if (!v.contains(r)) error(path, "missing " + r.get<std::string>());
      }
      const Json props = s.value("properties", Json::object());
      for (const auto& [key, item] : v.items()) {
        if (props.contains(key)) {
          visit(props[key], item, path + "." + key);
        } else if (s.contains("additionalProperties")) {
          const Json& extra = s["additionalProperties"];
          if (extra.is_boolean()) {
            if (!extra.get<bool>()) error(path, "unexpected property " + key);
          } else {
            visit(extra, item, path + "." + key);
          }
        }
      }
    }
    if (v.is_array()) {
      if (s.contains("minItems") && v.size() < s["minItems"].get<std::size_t>()) {
        error(path, "too few items");
      }
      if (s.contains("items")) {
        for (std::size_t i = 0; i < v.size(); ++i) {
          visit(s["items"], v[i], path + "[" + std::to_string(i) + "]");
        }
      }
    }
  }

  Json root_;
  std::string errors_;
};

Validator load_validator() {
  const fs::path p = fs::path(BULLETIN_SOURCE_DIR) / "schemas" / "bulletin.schema.json";
  return Validator(Json::parse(slurp(p)));
}

}  // namespace

TEST_SUITE("json-schema") {
  TEST_CASE("the validator rejects what the schema forbids") {
    Validator v = load_validator();
    bulletin::Document doc;
    doc.title = "t";
    doc.source.encoding = "UTF-8";
    doc.source.sha256 = std::string(64, 'a');
    Json good = Json::parse(bulletin::to_json(doc));
    CHECK(v.check(good) == "");
    Json bad = good;
    bad["year"] = "2022";
    bad["turns"] = Json::array({Json{{"index", 0}}});
    bad["extra"] = true;
    const std::string errors = v.check(bad);
    CHECK(errors.find("$.year: type is not") != std::string::npos);
    CHECK(errors.find("$.turns[0]: missing role") != std::string::npos);
    CHECK(errors.find("$.turns[0].index: below minimum") != std::string::npos);
    CHECK(errors.find("$: unexpected property extra") != std::string::npos);
  }

  TEST_CASE("golden outputs of bulletin-parse follow the schema") {
    Validator v = load_validator();
    const fs::path cases = fs::path(BULLETIN_SOURCE_DIR) / "tests" / "golden" / "cases";
    for (const auto& entry : fs::directory_iterator(cases)) {
      const fs::path expected = entry.path() / "expected";
      const std::string args = slurp(entry.path() / "args");
      // Only whole documents in JSON: the tsv, csv, text and --facts cases are other formats.
      if (args.find("--format") != std::string::npos || args.find("--facts") != std::string::npos ||
          !fs::exists(expected)) {
        continue;
      }
      INFO("golden case " << entry.path().filename().string());
      CHECK(v.check(Json::parse(slurp(expected))) == "");
    }
  }

  TEST_CASE("fresh output on every sample and the real bulletin follows the schema") {
    Validator v = load_validator();
    std::vector<fs::path> inputs;
    for (const auto& e :
         fs::recursive_directory_iterator(fs::path(BULLETIN_SOURCE_DIR) / "samples")) {
      if (e.path().extension() == ".txt") inputs.push_back(e.path());
    }
    const fs::path real =
        fs::path(BULLETIN_SHARED_DIR) / "corpus" / "weihai-jingkai-2022-minsheng.txt";
    if (fs::exists(real)) inputs.push_back(real);
    REQUIRE(inputs.size() >= 9);
    std::size_t facts = 0;
    for (const auto& p : inputs) {
      INFO(p.string());
      bulletin::ParseOptions options;
      options.path = p.string();
      auto doc = bulletin::parse(slurp(p), options);
      REQUIRE(doc.has_value());
      facts += doc->facts.size();
      CHECK(v.check(Json::parse(bulletin::to_json(*doc))) == "");
    }
    CHECK(facts > 100);  // the outputs checked are not empty shells
  }
}
