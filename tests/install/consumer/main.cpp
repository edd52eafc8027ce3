// A program that uses an installed bulletin, as a user's would: built by the
// install and package tests with find_package(bulletin) and with pkg-config.
#include <bulletin/parse.hpp>
#include <bulletin/record.hpp>
#include <bulletin/serialize.hpp>
#include <cstring>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  const std::string text =
      "海川市青屿区2023年国民经济和社会发展统计公报\n\n"
      "全年完成固定资产投资3.1亿元,比上年增长5.2%。新增就业2000余人。\n";
  bulletin::ParseOptions options;
  options.path = "consumer.txt";
  auto doc = bulletin::parse(text, options);
  if (!doc) {
    std::cerr << "consumer: " << doc.error().message << '\n';
    return 1;
  }
  bool found = false;
  for (const auto& fact : doc->facts) {
    if (fact.unit == "元" && fact.value && fact.value->to_string() == "310000000") found = true;
  }
  if (!found) {
    std::cerr << "consumer: 3.1亿元 was not read as 310000000 元\n";
    return 1;
  }
  const auto record = bulletin::process_record(R"({"id":"r1","text":"新增就业2000余人。"})", {});
  if (!record.ok || record.line.rfind(R"({"id":"r1",)", 0) != 0) {
    std::cerr << "consumer: record mode failed: " << record.line;
    return 1;
  }
  // The installed library's version must be the one the package claims.
  if (argc > 1 && std::strcmp(argv[1], bulletin::version()) != 0) {
    std::cerr << "consumer: library " << bulletin::version() << ", package " << argv[1] << '\n';
    return 1;
  }
  std::cout << "bulletin " << bulletin::version() << ": " << doc->facts.size() << " facts, "
            << bulletin::to_json(*doc, -1).size() << " bytes of JSON\n";
  return 0;
}
