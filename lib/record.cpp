#include "bulletin/record.hpp"

#include <nlohmann/json.hpp>
#include <utility>

#include "bulletin/serialize.hpp"

namespace bulletin {
namespace {

using Json = nlohmann::ordered_json;

// Dumps never throw on invalid UTF-8 in passed-through strings: the input was
// parsed by the same library, but a record must never take the process down.
std::string dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string error_line(const std::string& head, std::string_view code, const std::string& message) {
  Json error = Json::object();
  error["code"] = code;
  error["message"] = message;
  return head + "\"error\":" + dump(error) + "}\n";
}

}  // namespace

RecordResult process_record(std::string_view line, const RecordOptions& options) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.find_first_not_of(" \t") == std::string_view::npos) return {"", true};

  Json record;
  try {
    record = Json::parse(line.begin(), line.end());
  } catch (const Json::exception& e) {
    // No line number: it would depend on how the engine batched the stream.
    // The column within the record stays; the library's own tag goes.
    std::string message = e.what();
    if (const auto tag_end = message.find("] ");
        message.rfind("[json.", 0) == 0 && tag_end != std::string::npos) {
      message.erase(0, tag_end + 2);
    }
    return {error_line("{\"id\":null,", "invalid-record", message), false};
  }
  if (!record.is_object()) {
    return {error_line("{\"id\":null,", "invalid-record", "a record must be a JSON object"), false};
  }

  // "id" leads so that line-oriented tools (sort, join) can key on it.
  const auto id = record.find("id");
  std::string head = "{\"id\":" + (id == record.end() ? std::string("null") : dump(*id)) + ",";
  for (const auto& [key, value] : record.items()) {
    if (key == "id" || key == "text" || key == "document" || key == "facts" || key == "error")
      continue;
    head += dump(Json(key)) + ":" + dump(value) + ",";
  }
  if (id == record.end() || id->is_null()) {
    return {error_line(head, "invalid-record", "the record has no \"id\""), false};
  }
  const auto text = record.find("text");
  if (text == record.end() || !text->is_string()) {
    return {error_line(head, "invalid-record", "the record has no string \"text\""), false};
  }

  ParseOptions parse_options = options.parse;
  parse_options.path = id->is_string() ? id->get<std::string>() : dump(*id);
  // JSON text is Unicode: detection could only guess wrong.
  parse_options.decode.encoding = "UTF-8";
  auto doc = parse(text->get_ref<const std::string&>(), parse_options);
  if (!doc) {
    std::string message = doc.error().message;
    if (const auto& where = doc.error().where; where && where->line > 0) {
      message = "text:" + std::to_string(where->line) + ":" + std::to_string(where->column) + ": " +
                message;
    }
    return {error_line(head, to_string(doc.error().code), message), false};
  }
  if (options.facts) return {head + "\"facts\":" + facts_to_json(*doc, -1) + "}\n", true};
  return {head + "\"document\":" + to_json(*doc, -1) + "}\n", true};
}

}  // namespace bulletin
