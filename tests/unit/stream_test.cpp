// parse_stream() and DocumentWriter against parse() and the write_* functions:
// the streamed document must be the same document, byte for byte, whatever
// the groups its facts arrive in.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bulletin/check.hpp"
#include "bulletin/decode.hpp"
#include "bulletin/extract.hpp"
#include "bulletin/normalize.hpp"
#include "bulletin/parse.hpp"
#include "bulletin/segment.hpp"
#include "bulletin/serialize.hpp"
#include "detail/text.hpp"

using namespace bulletin;

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::filesystem::path> sample_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(BULLETIN_SOURCE_DIR) + "/samples")) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// The UTF-8 samples one after another, `times` over: a document of several
/// fact groups with turns, headings, sums and rates throughout.
std::string long_document(int times) {
  std::string text;
  for (int k = 0; k < times; ++k) {
    for (const auto& path : sample_files()) {
      if (path.filename().string().find("gb18030") != std::string::npos) continue;
      text += read_file(path);
      text += '\n';
    }
  }
  return text;
}

/// What bulletin-parse prints for `format`, from the whole document.
std::string reference(const Document& doc, OutputFormat format) {
  std::string out;
  const OutputSink sink = [&out](std::string_view piece) { out += piece; };
  switch (format) {
    case OutputFormat::json:
      write_json(doc, 2, sink);
      return out + "\n";
    case OutputFormat::jsonl:
      write_json(doc, -1, sink);
      return out + "\n";
    case OutputFormat::facts_json:
      write_facts_json(doc, 2, sink);
      return out + "\n";
    case OutputFormat::facts_jsonl:
      write_facts_jsonl(doc, sink);
      return out;
    case OutputFormat::csv:
      write_facts_table(doc, ',', sink);
      return out;
    case OutputFormat::tsv:
      write_facts_table(doc, '\t', sink);
      return out;
  }
  return out;
}

/// Puts the pieces back together, counting the groups.
class Collector final : public DocumentReceiver {
 public:
  void begin(const Document& head) override {
    CHECK(head.facts.empty());
    CHECK(head.checks.empty());
    CHECK(head.diagnostics.empty());
    doc = head;
  }
  void facts(const std::vector<Fact>& facts, std::size_t first) override {
    CHECK(first == doc.facts.size());
    doc.facts.insert(doc.facts.end(), facts.begin(), facts.end());
    ++groups;
  }
  void end(const std::vector<Check>& checks, const std::vector<Diagnostic>& diagnostics) override {
    doc.checks = checks;
    doc.diagnostics = diagnostics;
  }
  Document doc;
  int groups = 0;
};

constexpr OutputFormat kFormats[] = {OutputFormat::json,       OutputFormat::jsonl,
                                     OutputFormat::facts_json, OutputFormat::facts_jsonl,
                                     OutputFormat::csv,        OutputFormat::tsv};

void check_same_as_parse(const std::string& bytes, const std::string& name, int min_groups) {
  ParseOptions options;
  options.path = name;
  const auto whole = parse(bytes, options);
  REQUIRE(whole);
  // One thread, and the pipeline of several.
  for (const unsigned threads : {1u, 2u, 3u}) {
    CAPTURE(threads);
    options.threads = threads;
    Collector collected;
    REQUIRE_FALSE(parse_stream(bytes, options, collected));
    CHECK(collected.groups >= min_groups);
    CHECK(to_json(collected.doc, -1) == to_json(*whole, -1));
    for (const OutputFormat format : kFormats) {
      std::string streamed;
      DocumentWriter writer(format, [&streamed](std::string_view piece) { streamed += piece; });
      REQUIRE_FALSE(parse_stream(bytes, options, writer));
      CHECK_MESSAGE(streamed == reference(*whole, format),
                    name << " format " << static_cast<int>(format));
    }
  }
}

/// A DocumentWriter that has renderers for only the first `renderers` parts
/// asked for: the other parts' facts come to facts(), in order among the
/// rendered ones.
class RationedWriter final : public DocumentReceiver {
 public:
  RationedWriter(OutputFormat format, std::string& out, int renderers)
      : writer_(format, [&out](std::string_view piece) { out += piece; }), left_(renderers) {}
  void begin(const Document& head) override { writer_.begin(head); }
  void facts(const std::vector<Fact>& facts, std::size_t first) override {
    ++unrendered;
    writer_.facts(facts, first);
  }
  std::unique_ptr<FactRenderer> fact_renderer(const Document& head) override {
    if (left_ == 0) return nullptr;
    --left_;
    return writer_.fact_renderer(head);
  }
  void rendered_facts(std::string_view bytes, std::size_t count, std::size_t first) override {
    ++rendered;
    writer_.rendered_facts(bytes, count, first);
  }
  void end(const std::vector<Check>& checks, const std::vector<Diagnostic>& diagnostics) override {
    writer_.end(checks, diagnostics);
  }
  int rendered = 0;
  int unrendered = 0;

 private:
  DocumentWriter writer_;
  int left_;
};

/// Gives up after `groups` groups, as a writer whose disk is full would; at
/// the head when `groups` is negative.
class FailingReceiver final : public DocumentReceiver {
 public:
  explicit FailingReceiver(int groups) : left_(groups) {}
  void begin(const Document&) override {
    if (left_ < 0) throw std::runtime_error("receiver gave up");
  }
  void facts(const std::vector<Fact>&, std::size_t) override {
    if (left_-- == 0) throw std::runtime_error("receiver gave up");
  }
  void end(const std::vector<Check>&, const std::vector<Diagnostic>&) override { ended = true; }
  bool ended = false;

 private:
  int left_;
};

}  // namespace

TEST_CASE("parse_stream gives parse()'s document for every sample, in every format") {
  for (const auto& path : sample_files()) check_same_as_parse(read_file(path), path.string(), 1);
}

TEST_CASE("parse_stream gives parse()'s document when the facts come in many groups") {
  const std::string text = long_document(12);
  REQUIRE(text.size() > 200000);
  check_same_as_parse(text, "long.txt", 8);
}

TEST_CASE("parse_stream maps the spans of many headings in two halves as parse() maps them") {
  // Past 8,192 headings their spans are mapped on two threads; full-width
  // figures and CR LF breaks make the map from the normalized text non-trivial.
  std::string text = "青屿区重点项目进展情况\r\n\r\n";
  const std::array<std::string_view, 10> parts = {"一", "二", "三", "四", "五",
                                                  "六", "七", "八", "九", "十"};
  for (const auto part : parts) {
    text += std::string(part) + "、第" + std::string(part) + "部分\r\n";
    for (int k = 1; k <= 900; ++k) {
      text +=
          std::to_string(k) + ". 第" + std::to_string(k) + "批项目完成投资３.２亿元，增长５%。\r\n";
    }
  }
  const auto whole = parse(text);
  REQUIRE(whole);
  REQUIRE(whole->sections.size() == 9010);
  CHECK(whole->sections.back().span.line == 9012);
  CHECK(whole->sections.back().heading == "第900批项目完成投资3.2亿元,增长5%");
  check_same_as_parse(text, "headings.txt", 1);
}

TEST_CASE("parse_stream with more threads than a document has parts gives parse()'s document") {
  // Past the size at which threads are used (64 KB): about twenty parts of
  // 4 KB, more than the slots of 8 threads, fewer than the threads of 32.
  std::string text = long_document(4);
  text.resize(text.rfind('\n', 90000) + 1);
  REQUIRE(normalize(text).text.size() > 70000);
  ParseOptions options;
  options.path = "short.txt";
  const auto whole = parse(text, options);
  REQUIRE(whole);
  for (const unsigned threads : {8u, 32u}) {
    CAPTURE(threads);
    options.threads = threads;
    Collector collected;
    REQUIRE_FALSE(parse_stream(text, options, collected));
    CHECK(to_json(collected.doc, -1) == to_json(*whole, -1));
    std::string streamed;
    DocumentWriter writer(OutputFormat::json,
                          [&streamed](std::string_view piece) { streamed += piece; });
    REQUIRE_FALSE(parse_stream(text, options, writer));
    CHECK(streamed == reference(*whole, OutputFormat::json));
  }
}

TEST_CASE("parts with and without a renderer of their own are written in order") {
  const std::string text = long_document(6);
  ParseOptions options;
  options.path = "long.txt";
  const auto whole = parse(text, options);
  REQUIRE(whole);
  options.threads = 2;
  for (const OutputFormat format : kFormats) {
    CAPTURE(static_cast<int>(format));
    // None; one, for the calling thread's parts only; all the calling
    // thread's and one of the other's (with two threads, at most four parts
    // are out at once, and each thread's pool is given four renderers).
    for (const int renderers : {0, 1, 5}) {
      CAPTURE(renderers);
      std::string streamed;
      RationedWriter writer(format, streamed, renderers);
      REQUIRE_FALSE(parse_stream(text, options, writer));
      CHECK(streamed == reference(*whole, format));
      if (renderers == 0) CHECK((writer.rendered == 0 && writer.unrendered > 0));
      if (renderers == 5) CHECK(writer.rendered > 0);
    }
  }
}

TEST_CASE("with threads, the fact limit stops the pipeline and keeps parse()'s facts") {
  const std::string text = long_document(6);
  ParseOptions options;
  options.max_facts = 150;  // reached in the first groups, long before the end
  const auto whole = parse(text, options);
  REQUIRE(whole);
  REQUIRE(whole->facts.size() == 150);
  options.threads = 2;
  Collector collected;
  REQUIRE_FALSE(parse_stream(text, options, collected));
  CHECK(to_json(collected.doc, -1) == to_json(*whole, -1));
}

TEST_CASE("with threads, the fact limit ends the facts where one pass ends them, in any part") {
  const std::string text = long_document(12);
  ParseOptions options;
  options.path = "long.txt";
  const auto all = parse(text, options);
  REQUIRE(all);
  REQUIRE(all->facts.size() > 2000);
  // In the first part, far on, just before and at the last fact, and past it.
  const std::size_t total = all->facts.size();
  for (const std::size_t limit :
       {std::size_t{150}, total / 2, total / 2 + 1, total - 1, total, total + 1}) {
    CAPTURE(limit);
    options.max_facts = limit;
    options.threads = 1;
    const auto whole = parse(text, options);
    REQUIRE(whole);
    CHECK(whole->facts.size() == std::min(limit, total));
    options.threads = 2;
    Collector collected;
    REQUIRE_FALSE(parse_stream(text, options, collected));
    CHECK(to_json(collected.doc, -1) == to_json(*whole, -1));
    for (const OutputFormat format : {OutputFormat::jsonl, OutputFormat::csv}) {
      std::string streamed;
      DocumentWriter writer(format, [&streamed](std::string_view piece) { streamed += piece; });
      REQUIRE_FALSE(parse_stream(text, options, writer));
      CHECK(streamed == reference(*whole, format));
    }
  }
}

TEST_CASE("with threads, a writer whose sink fails stops both threads and the caller sees why") {
  const std::string text = long_document(12);
  ParseOptions options;
  options.threads = 2;
  int calls = 0;
  DocumentWriter counter(OutputFormat::jsonl, [&calls](std::string_view) { ++calls; });
  REQUIRE_FALSE(parse_stream(text, options, counter));
  REQUIRE(calls > 8);
  // In the head, among the first facts, halfway, and at the last piece.
  for (const int pieces : {0, 1, calls / 2, calls - 1}) {
    CAPTURE(pieces);
    int left = pieces;
    DocumentWriter writer(OutputFormat::jsonl, [&left](std::string_view) {
      if (left-- == 0) throw std::runtime_error("disk full");
    });
    CHECK_THROWS_WITH_AS(static_cast<void>(parse_stream(text, options, writer)), "disk full",
                         std::runtime_error);
  }
}

TEST_CASE("with threads, a receiver that throws stops the pipeline and the caller sees why") {
  const std::string text = long_document(6);
  for (const int groups : {-1, 0, 1, 3}) {
    CAPTURE(groups);
    ParseOptions options;
    options.threads = 2;
    FailingReceiver receiver(groups);
    CHECK_THROWS_WITH_AS(static_cast<void>(parse_stream(text, options, receiver)),
                         "receiver gave up", std::runtime_error);
    CHECK_FALSE(receiver.ended);
  }
}

TEST_CASE("the facts do not depend on the size of the groups, nor on how parts are shared out") {
  const std::string text = long_document(2);
  const Normalized normalized = normalize(text);
  const Segmentation seg = segment(normalized.text);
  const Extraction all = extract_facts(normalized.text, seg);
  REQUIRE(all.facts.size() > 500);
  Document expected;
  expected.facts = all.facts;
  for (const std::size_t bytes :
       {std::size_t{1}, std::size_t{300}, std::size_t{5000}, std::size_t{1} << 20}) {
    CAPTURE(bytes);
    ExtractOptions options;
    options.group_bytes = bytes;
    // The groups first_fact_group/next_fact_group walk cover the body's
    // lines without gaps.
    std::vector<FactGroupLines> groups;
    for (FactGroupLines g = first_fact_group(normalized.text, seg, options);
         g.begin < normalized.text.size(); g = next_fact_group(normalized.text, g, options)) {
      CHECK((groups.empty() ? seg.body_begin : groups.back().end) == g.begin);
      CHECK((g.end == normalized.text.size() || normalized.text[g.end - 1] == '\n'));
      groups.push_back(g);
    }
    REQUIRE_FALSE(groups.empty());
    CHECK(groups.back().end == normalized.text.size());

    std::vector<Fact> facts;
    static_cast<void>(extract_facts_in_groups(normalized.text, seg, options, [&](FactGroup& group) {
      CHECK(group.first == facts.size());
      facts.insert(facts.end(), group.facts.begin(), group.facts.end());
    }));
    Document got;
    got.facts = facts;
    CHECK(to_json(got, -1) == to_json(expected, -1));

    // Parts of one to five groups, each taken by one of two extractors, as
    // two threads would take them: each extractor sees parts further on
    // than its last, with the other's in between.
    std::mt19937 random(static_cast<std::mt19937::result_type>(bytes));
    FactGroupExtractor extractors[2] = {{normalized.text, seg, options},
                                        {normalized.text, seg, options}};
    facts.clear();
    int taken[2] = {0, 0};
    for (std::size_t k = 0; k < groups.size();) {
      const std::size_t end = std::min(groups.size(), k + 1 + random() % 5);
      const FactGroupLines part{groups[k].begin, groups[end - 1].end};
      const std::size_t which = random() % 2;
      ++taken[which];
      const std::size_t first = facts.size();
      std::size_t next_begin = part.begin;
      const auto diagnostics = extractors[which].extract(part, first, [&](FactGroup& group) {
        CHECK(group.begin == next_begin);
        CHECK(group.first == facts.size());
        next_begin = group.end;
        facts.insert(facts.end(), group.facts.begin(), group.facts.end());
      });
      CHECK(next_begin == part.end);
      CHECK(diagnostics.empty());
      k = end;
    }
    if (groups.size() >= 8) CHECK((taken[0] > 0 && taken[1] > 0));
    got.facts = facts;
    CHECK(to_json(got, -1) == to_json(expected, -1));
  }
}

TEST_CASE("parse_stream taking the input leaves it empty and reports errors as parse() does") {
  std::string bytes = long_document(1);
  const auto whole = parse(bytes, {});
  REQUIRE(whole);
  Collector collected;
  REQUIRE_FALSE(parse_stream(std::move(bytes), {}, collected));
  CHECK(bytes.empty());  // NOLINT(bugprone-use-after-move): the contract says so
  CHECK(to_json(collected.doc, -1) == to_json(*whole, -1));

  // Large enough for threads: the digest and the line index are made beside
  // the normalizer, from the input taken over, or kept when it is converted.
  for (const bool gb18030 : {false, true}) {
    CAPTURE(gb18030);
    std::string text = long_document(6);
    if (gb18030) text = encode(text, "GB18030").value();
    REQUIRE(normalize(text).text.size() > 70000);
    ParseOptions threaded;
    threaded.threads = 2;
    const auto reference = parse(text, threaded);
    REQUIRE(reference);
    Collector taken;
    REQUIRE_FALSE(parse_stream(std::string(text), threaded, taken));
    CHECK(taken.doc.source.sha256 == reference->source.sha256);
    CHECK(taken.doc.source.encoding == (gb18030 ? "GB18030" : "UTF-8"));
    CHECK(to_json(taken.doc, -1) == to_json(*reference, -1));
  }

  ParseOptions small;
  small.max_input_bytes = 10;
  Collector untouched;
  const auto error = parse_stream(std::string("一二三四五六七八九十"), small, untouched);
  REQUIRE(error);
  CHECK(error->code == parse("一二三四五六七八九十", small).error().code);
  CHECK(untouched.groups == 0);
  CHECK(untouched.doc.source.path.empty());
}

TEST_CASE("the line length limit holds for LF, CR LF, CR and form feed, and for the last line") {
  // Lines of 4, 5 and 6 bytes; the limit is 5 bytes.
  for (const std::string br : {"\n", "\r\n", "\r", "\f"}) {
    CAPTURE(br);
    ParseOptions options;
    options.max_line_bytes = 5;
    CHECK(parse("abcd" + br + "abcde" + br, options));
    CHECK(parse("abcd" + br + "abcde", options));
    for (const std::string& text : {"abcd" + br + "abcdef" + br + "ab", "abcd" + br + "abcdef"}) {
      CAPTURE(text);
      const auto too_long = parse(text, options);
      REQUIRE_FALSE(too_long);
      CHECK(too_long.error().code == Errc::too_large);
      // A form feed ends a line for the limit (normalize() breaks the line
      // there) but, as in editors, does not start a numbered line.
      const int line = br == "\f" ? 1 : 2;
      CHECK(too_long.error().message ==
            "line " + std::to_string(line) + " is 6 bytes, over the limit of 5 bytes");
      REQUIRE(too_long.error().where);
      CHECK(too_long.error().where->offset == 4 + br.size());
    }
  }
}

TEST_CASE("a sum whose cue opens a group's first line finds its whole in the group before") {
  // Each total stands on its own line, with no full stop, and its breakdown
  // opens the next line: some group of lines starts with 其中 and needs the
  // line before it.
  std::string text = "统计公报\n";
  for (int i = 0; i < 1400; ++i) {
    if (i % 5 == 0) text += "企业情况如下。\n";  // shifts where the groups end
    const int parts[] = {100 + i, 200 + 2 * i};
    const int whole = parts[0] + parts[1] + (i % 7 == 0 ? 1 : 0);  // some do not add up
    text += "全市企业总数" + std::to_string(whole) + "家\n";
    text += "其中国有企业" + std::to_string(parts[0]) + "家,民营企业" + std::to_string(parts[1]) +
            "家。\n";
  }
  const Normalized normalized = normalize(text);
  const Segmentation seg = segment(normalized.text);

  Document all;
  all.facts = extract_facts(normalized.text, seg).facts;
  CheckOptions options;
  options.text = normalized.text;
  const std::vector<Check> expected = check_consistency(all, options);
  // The first total may be read as the title's line; every other pair is a sum.
  CHECK(expected.size() >= 1399);
  CHECK(std::count_if(expected.begin(), expected.end(),
                      [](const Check& c) { return c.status == CheckStatus::mismatch; }) >= 199);

  GroupChecker checker(normalized.text, options);
  int groups = 0;
  int opening_with_cue = 0;
  std::size_t handed = 0;
  (void)extract_facts_in_groups(normalized.text, seg, {}, [&](FactGroup& group) {
    CHECK(group.first == handed);
    handed += group.facts.size();
    ++groups;
    if (group.first > 0 && normalized.text.substr(group.begin, 6) == "其中") ++opening_with_cue;
    checker.add(group.facts, group.first, group.end);
  });
  CHECK(handed == all.facts.size());
  CHECK(groups >= 3);
  CHECK(opening_with_cue >= 1);  // the case this test is about does occur
  const std::vector<Check> got = checker.finish();
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CHECK(got[i].rule == expected[i].rule);
    CHECK(got[i].facts == expected[i].facts);
    CHECK(got[i].status == expected[i].status);
    CHECK(got[i].message == expected[i].message);
    CHECK(got[i].span.start == expected[i].span.start);
  }
}

/// Lines end at \n, \r\n or a lone \r; columns count code points, not the \r
/// of a \r\n. Offsets past the end stand at the end.
detail::LineColumn line_column_by_definition(std::string_view text, std::size_t offset) {
  detail::LineColumn at;
  offset = std::min(offset, text.size());
  for (std::size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool crlf = c == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
    if (c == '\n' || (c == '\r' && !crlf)) {
      ++at.line;
      at.column = 1;
    } else if (!crlf && (c & 0xC0) != 0x80) {
      ++at.column;
    }
  }
  return at;
}

TEST_CASE("the line index and the one-pass resolver count as the definition says") {
  std::mt19937 rng(7);
  const char* with_cr[] = {"a", "中", "\n", "\r\n", "\r", "𝄞", " ", "文字"};
  const char* without_cr[] = {"a", "中", "\n", "\n\n", "𝄞", " ", "文字", "é"};
  for (const auto* pieces : {with_cr, without_cr}) {
    std::string text;
    for (int i = 0; i < 3000; ++i) text += pieces[rng() % 8];
    std::vector<std::size_t> offsets;
    for (int i = 0; i < 500; ++i) {
      // Runs of increasing offsets, as facts come, broken by jumps back.
      const std::size_t previous = offsets.empty() ? 0 : offsets.back();
      offsets.push_back(rng() % 5 == 0 ? rng() % (text.size() + 10)
                                       : std::min(previous + rng() % 200, text.size() + 3));
    }
    const auto resolved = detail::resolve_line_columns(text, offsets);
    const detail::LineIndex index(text);
    for (std::size_t i = 0; i < offsets.size(); ++i) {
      const auto expected = line_column_by_definition(text, offsets[i]);
      CHECK(resolved[i].line == expected.line);
      CHECK(resolved[i].column == expected.column);
      CHECK(index.at(offsets[i]).line == expected.line);
      CHECK(index.at(offsets[i]).column == expected.column);
    }
    // Every offset, so that each bit of each block and the end are asked for.
    for (std::size_t offset = 0; offset <= text.size() + 2; ++offset) {
      const auto expected = line_column_by_definition(text, offset);
      REQUIRE(index.at(offset).line == expected.line);
      REQUIRE(index.at(offset).column == expected.column);
    }
  }
}

TEST_CASE("the line index at block and word edges, with breaks on either side of them") {
  for (const std::string_view brk : {"\n", "\r", "\r\n"}) {
    for (std::size_t lead : {62u, 63u, 64u, 126u, 127u, 128u}) {
      // A break at or straddling byte 64 or 128, a character split by the
      // edge after it, and a line that runs over several blocks.
      std::string text(lead, 'a');
      text += brk;
      text += std::string(61, 'b') + "中";
      text += brk;
      text += std::string(300, 'c') + "文";
      const detail::LineIndex index(text);
      for (std::size_t offset = 0; offset <= text.size() + 1; ++offset) {
        const auto expected = line_column_by_definition(text, offset);
        REQUIRE(index.at(offset).line == expected.line);
        REQUIRE(index.at(offset).column == expected.column);
      }
    }
  }
}
