#include "bulletin/segment.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bulletin/normalize.hpp"
#include "detail/segment_util.hpp"
#include "detail/text.hpp"

using namespace bulletin;

namespace {

Segmentation seg(const std::string& text) { return segment(normalize(text).text); }

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kExtB = "\xF0\xA0\x80\x80";  // U+20000, a Han character of four bytes

std::string markers(const Segmentation& s) {
  std::string out;
  for (const auto& sec : s.document.sections) {
    if (!out.empty()) out += "|";
    out += sec.marker + sec.heading;
  }
  return out;
}

std::string speakers(const Segmentation& s) {
  std::string out;
  for (const auto& t : s.document.turns) {
    if (!out.empty()) out += "|";
    out += t.speaker + "/" + to_string(t.role) + "/" + to_string(t.kind);
  }
  return out;
}

/// A deterministic stream of small numbers for generated inputs.
class Lcg {
 public:
  explicit Lcg(std::uint32_t seed) : state_(seed) {}
  std::size_t below(std::size_t n) {
    state_ = state_ * 1664525u + 1013904223u;
    return (state_ >> 8) % n;
  }

 private:
  std::uint32_t state_;
};

/// heading_text as plainly written: decode every code point, compare it with
/// the delimiters.
std::string_view heading_text_by_code_points(std::string_view rest, bool inline_marker) {
  std::size_t pos = 0;
  for (std::size_t n = 0; pos < rest.size() && n < detail::kMaxHeadingCodePoints; ++n) {
    std::size_t after = pos;
    const char32_t c = detail::next_code_point(rest, after);
    if (c == U'。' || c == U';' || c == U'!' || c == U'?' || c == U':' || c == U'\n' ||
        (inline_marker && (c == U',' || c == U'、'))) {
      break;
    }
    pos = after;
  }
  return detail::trim(rest.substr(0, pos));
}

}  // namespace

TEST_SUITE("segment") {
  TEST_CASE("labels alone on a line or followed by text") {
    auto s =
        seg("发布会标题\n主持人:\n\n各位媒体朋友:\n大家好!"
            "今天邀请市建设局副局长李明同志介绍情况。\n李明:\n一、城建工程\n"
            "今年完成项目9项。\n主持人:下面请记者提问。\n海川日报记者提问:请问李局长,物业如何提升?"
            "\n李明:我们采取了三项措施。\n");
    CHECK(speakers(s) ==
          "主持人/host/statement|李明/official/statement|主持人/host/statement|"
          "海川日报记者/reporter/question|李明/official/answer");
    REQUIRE(s.document.turns.size() == 5);
    CHECK(s.document.turns[3].outlet == "海川日报");
    CHECK(s.document.turns[3].addressee.value_or("") == "李明");
    CHECK(s.document.turns[4].answers.value_or(0) == 4);
    CHECK(s.document.turns[0].text.find("各位媒体朋友:") == 0);
  }

  TEST_CASE("a reporter label without a colon") {
    auto s = seg(
        "标题\n主持人:请提问。\n海川晚报记者提问请问赵主任,电信诈骗怎么防范?\n赵刚:一是多留意。\n");
    REQUIRE(s.document.turns.size() == 3);
    CHECK(s.document.turns[1].role == Role::reporter);
    CHECK(s.document.turns[1].label == "海川晚报记者提问");
    CHECK(s.document.turns[1].text == "请问赵主任,电信诈骗怎么防范?");
    CHECK(s.document.turns[2].kind == TurnKind::answer);
  }

  TEST_CASE("bracketed, question-answer and full-width labels") {
    auto s =
        seg("标题\n【主持人】各位好。\n【李明】今年新增学位3000个。\n问：请问今年就业情况如何？\n答"
            "：城镇新增就业5000人。\n记者：还有问题吗？\n");
    CHECK(speakers(s) ==
          "主持人/host/statement|李明/official/statement|问/reporter/question|答/answer/answer|"
          "记者/reporter/question");
    CHECK(s.document.diagnostics.size() >= 1);  // the last question has no answer
  }

  TEST_CASE("host with a name, labels after indentation") {
    auto s = seg("标题\n    主持人 张三:欢迎。\n\u3000\u3000王五:谢谢。\n王五:补充一句。\n");
    REQUIRE(s.document.turns.size() == 3);
    CHECK(s.document.turns[0].speaker == "张三");
    CHECK(s.document.turns[0].role == Role::host);
    CHECK(s.document.turns[1].speaker == "王五");
  }

  TEST_CASE("lines that merely contain a colon are not turns") {
    auto s =
        seg("标题\n主持人:\n各位媒体朋友:\n大家好。\n常见的诈骗有五种:一是刷单。\n五种:"
            "一是刷单。\n可以通过下列途径解决:(一)协商。\n方法:多看。\n");
    REQUIRE(s.document.turns.size() == 1);
    CHECK(s.document.turns[0].role == Role::host);
  }

  TEST_CASE("roster from the host's introduction") {
    auto s =
        seg("标题\n主持人:"
            "今天我们邀请建设局副局长宋敏同志、公安分局政工室副主任于金波同志、卫健办主任王孙伟同志"
            "分别介绍情况。\n");
    REQUIRE(s.document.speakers.size() == 3);
    CHECK(s.document.speakers[0].name == "宋敏");
    CHECK(s.document.speakers[0].title == "建设局副局长");
    CHECK(s.document.speakers[0].organization == "建设局");
    CHECK(s.document.speakers[1].name == "于金波");
    CHECK(s.document.speakers[1].organization == "公安分局政工室");
    CHECK(s.document.speakers[2].name == "王孙伟");
    CHECK(s.document.speakers[2].title == "卫健办主任");
  }

  TEST_CASE("metadata, title, date and noise") {
    auto s =
        seg("2023-11-05 11:00:00 星期日\n关怀版\n  • 索引号113710000043591093/2022-03628\n  • "
            "发布机构海川市青屿区办公室\n"
            "  • 成文日期2022-12-23\n索 引 "
            "号：XYZ-1\n青屿区2022年民生工作新闻发布会\n(居住环境、社会治安)\nvideo\n主持人:\n");
    const auto& d = s.document;
    REQUIRE(d.metadata.size() == 4);
    CHECK(d.metadata[0].first == "索引号");
    CHECK(d.metadata[0].second == "113710000043591093/2022-03628");
    CHECK(d.metadata[1].second == "海川市青屿区办公室");
    CHECK(d.metadata[3].first == "索引号");
    CHECK(d.metadata[3].second == "XYZ-1");
    CHECK(d.title == "青屿区2022年民生工作新闻发布会(居住环境、社会治安)");
    CHECK(d.date.value_or("") == "2022-12-23");
    CHECK(d.year.value_or(0) == 2022);
    int noise = 0;
    for (const auto& diag : d.diagnostics) noise += diag.code == "noise-line";
    CHECK(noise == 3);
  }

  TEST_CASE("key:value metadata with several pairs on a line") {
    auto s = seg(
        "海川市统计公报\n发布时间:2024年3月1日 来源:市统计局\n一、综合\n全年生产总值增长5%。\n");
    REQUIRE(s.document.metadata.size() == 2);
    CHECK(s.document.metadata[1].first == "来源");
    CHECK(s.document.date.value_or("") == "2024-03-01");
  }

  TEST_CASE("heading levels and tolerant numbering") {
    auto s =
        seg("标题\n李明:\n一、主要工作\n(一)紧扣主线,扛起使命。将工作…\n1. "
            "继续开展改造\n(三)开展管道改造\n(1)细项\n"
            "二、工作打算\n一是坚持导向,永葆忠诚。二是坚持风险导向。\n完成1.61亿元投资。\n");
    const auto& secs = s.document.sections;
    REQUIRE(secs.size() == 8);
    CHECK(secs[0].level == 1);
    CHECK(secs[0].marker == "一、");
    CHECK(secs[0].heading == "主要工作");
    CHECK(secs[1].level == 2);
    CHECK(secs[1].heading == "紧扣主线,扛起使命");
    CHECK(secs[2].level == 3);
    CHECK(secs[2].marker == "1.");
    CHECK(secs[3].marker == "(三)");
    CHECK(secs[4].level == 4);
    CHECK(secs[6].marker == "一是");
    CHECK(secs[6].heading == "坚持导向");
    CHECK(secs[7].marker == "二是");
    bool skip_reported = false;
    for (const auto& d : s.document.diagnostics) skip_reported |= d.code == "numbering-skip";
    CHECK(skip_reported);
    // Scopes: (一) ends where (三) starts; 一、 ends where 二、 starts.
    CHECK(s.section_ends[1] == secs[3].span.start);
    CHECK(s.section_ends[0] == secs[5].span.start);
  }
  TEST_CASE("inline enumerations: the number right before 是, at a clause start or in sequence") {
    auto s =
        seg("标题\n主持人:一是甲。不是乙;三是丙,二是丁”二是戊。十一是己 一二是庚!三是辛\n二是壬\n"
            "四是癸。五是子\n");
    CHECK(markers(s) == "一是甲|二是丁”二是戊|三是辛|四是癸|五是子");
    REQUIRE(s.excluded.size() == 6);  // the label and the five markers
    CHECK(s.excluded[1].begin == s.document.sections[0].span.start);
    CHECK(s.excluded[5].begin == s.document.sections[4].span.start);
    CHECK(seg("标题\n主持人:好。\n一是甲,二是乙\n十是丙\n").document.sections.size() == 2);
  }

  TEST_CASE("lines end at CR, CRLF or LF") {
    auto s = segment("标题\r主持人:各位好。\r\n李明:\r一、工作\r\r\n一是甲。二是乙\n三是丙\r");
    CHECK(speakers(s) == "主持人/host/statement|李明/official/statement");
    CHECK(s.document.turns[0].text == "各位好。");
    CHECK(markers(s) == "一、工作|一是甲|二是乙|三是丙");
    CHECK(segment("标题\r\n主持人:好\r\n").document.turns.size() == 1);
  }

  TEST_CASE("a colon ends a label only among the first 25 code points") {
    // Four-byte characters: the farthest a colon can be found in bytes.
    auto colon_at = [](int code_points) {
      return "标题\n主持人:请提问。\n海川日报记者提问请问" + repeat(kExtB, code_points - 10) +
             ":怎么办?\n李明:答。\n";
    };
    // The colon is found, and what precedes it is no label.
    CHECK(segment(colon_at(24)).document.turns.size() == 1);
    // The colon is too far: the reporter's label without one is found.
    auto s = segment(colon_at(25));
    REQUIRE(s.document.turns.size() == 3);
    CHECK(s.document.turns[1].label == "海川日报记者提问");
  }

  TEST_CASE("a reporter label without a colon names an outlet of at most 16 code points") {
    auto line = [](int outlet, const std::string& marker) {
      return "标题\n主持人:请提问。\n" + repeat(kExtB, outlet) + marker +
             "请问李主任,怎么办?\n李明:答。\n";
    };
    auto s = segment(line(16, "记者提问"));
    REQUIRE(s.document.turns.size() == 3);
    CHECK(s.document.turns[1].outlet == repeat(kExtB, 16));
    CHECK(segment(line(16, "記者問")).document.turns.size() == 3);
    CHECK(segment(line(17, "记者提问")).document.turns.size() == 1);
  }

  TEST_CASE("a heading ends at its first sentence or after 60 code points") {
    auto s = segment("标题\n李明:\n一、" + repeat("城", 59) + "a乡。\n二、" + repeat("城", 58) +
                     kExtB + "x乡\n三、" + repeat("城", 60) +
                     "。\n四、工作;其他\n(一)甲,乙、丙。\n一是甲,乙\n二是丙、丁\n");
    const auto& secs = s.document.sections;
    REQUIRE(secs.size() == 7);
    CHECK(secs[0].heading == repeat("城", 59) + "a");
    CHECK(secs[1].heading == repeat("城", 58) + kExtB + "x");
    CHECK(secs[2].heading == repeat("城", 60));
    CHECK(secs[3].heading == "工作");
    CHECK(secs[4].heading == "甲,乙、丙");
    CHECK(secs[5].heading == "甲");
    CHECK(secs[6].heading == "丙");
  }

  TEST_CASE("find_word and is_plain_three_byte_at") {
    using detail::find_word;
    constexpr auto npos = std::string_view::npos;
    CHECK(find_word("同同志同志", "同志") == 3);
    CHECK(find_word("同同志同志", "同志", 4) == 9);
    CHECK(find_word("同同志同志", "同志", 10) == npos);
    CHECK(find_word("同同志同志", "同志", 100) == npos);
    CHECK(find_word("志同", "同志") == npos);
    CHECK(find_word("同", "同志") == npos);
    CHECK(find_word("abc", "", 3) == 3);
    CHECK(find_word("abc", "", 4) == npos);
    using detail::is_plain_three_byte_at;
    CHECK(is_plain_three_byte_at("a城", 1));
    CHECK_FALSE(is_plain_three_byte_at("a城", 0));
    CHECK_FALSE(is_plain_three_byte_at("城", 1));
    CHECK_FALSE(is_plain_three_byte_at(std::string_view("城", 2), 0));
    CHECK_FALSE(is_plain_three_byte_at("\xE0\xA4\x80", 0));  // could be overlong
    CHECK_FALSE(is_plain_three_byte_at("\xED\x9F\xBF", 0));  // could be a surrogate
    CHECK_FALSE(is_plain_three_byte_at("\xE4\xB8", 0));
    CHECK_FALSE(is_plain_three_byte_at("\xE4\xB8\x41", 0));
  }

  TEST_CASE("heading_text reads bytes as decoding each code point would") {
    // Ideographs of every fast lead byte (E4..E9), the wide delimiters and
    // other E3 characters, ASCII delimiters, blanks, two- and four-byte
    // characters, and ill-formed pieces, some cut short at the end.
    const std::vector<std::string> ideographs = {"一", "城", "乡", "成", "的", "色", "龙", "镇"};
    const std::vector<std::string> others = {"。",
                                             "、",
                                             "〇",
                                             "「",
                                             ",",
                                             ";",
                                             "!",
                                             "?",
                                             ":",
                                             "\n",
                                             " ",
                                             "\t",
                                             "a",
                                             "1",
                                             "é",
                                             kExtB,
                                             "—",
                                             "－",
                                             "가",
                                             "\xE4\xB8",
                                             "\xE4",
                                             "\xE4\xB8\x41",
                                             "\xE5\x41\x80",
                                             "\xED\x9F\xBF",
                                             "\xE0\xA4\x80",
                                             "\x80",
                                             "\xFF",
                                             "\xE3\x80",
                                             "\xE9\xBF"};
    Lcg random(2024);
    for (int round = 0; round < 6000; ++round) {
      // Runs of ideographs of every length, broken by anything else.
      const std::size_t other_one_in = 2 + random.below(30);
      std::string rest;
      const std::size_t count = random.below(90);
      for (std::size_t k = 0; k < count; ++k) {
        rest += random.below(other_one_in) == 0 ? others[random.below(others.size())]
                                                : ideographs[random.below(ideographs.size())];
      }
      for (bool inline_marker : {false, true}) {
        INFO(rest);
        const std::string_view got = detail::heading_text(rest, inline_marker);
        const std::string_view want = heading_text_by_code_points(rest, inline_marker);
        CHECK(got.data() == want.data());
        CHECK(got.size() == want.size());
      }
    }
    // A fast character cut short by the end of the text is read as ill-formed.
    CHECK(detail::heading_text("城\xE5\x9F", false) == "城\xE5\x9F");
    CHECK(detail::heading_text(repeat("镇", 61), false) == repeat("镇", 60));
    // Nor is one that the view cuts, though the bytes go on past its end.
    const std::string longer = "城镇乡";
    CHECK(detail::heading_text(std::string_view(longer).substr(0, 7), false) ==
          heading_text_by_code_points(std::string_view(longer).substr(0, 7), false));
  }

  TEST_CASE("find_word finds what string_view::find finds") {
    // Words that share their last byte, or their last two, with others.
    const std::vector<std::string> words = {"同志", "先生", "女士", "者", "是", "bc", "c", "aab"};
    const std::vector<std::string> pieces = {"同", "志", "先", "生", "女",   "士",       "者",
                                             "是", "a",  "b",  "c",  "\x97", "\xBF\x97", "\xE5"};
    Lcg random(7);
    for (int round = 0; round < 3000; ++round) {
      std::string text;
      const std::size_t count = random.below(30);
      for (std::size_t k = 0; k < count; ++k) text += pieces[random.below(pieces.size())];
      for (const auto& word : words) {
        const std::string_view view = text;
        for (std::size_t from = 0; from <= text.size(); from += 1 + random.below(4)) {
          INFO(text, " / ", word, " / ", from);
          CHECK(detail::find_word(view, word, from) == view.find(word, from));
        }
      }
    }
  }

  TEST_CASE("every page footer and timestamp starts with a footer character") {
    for (std::string line :
         {"— 9 —", "- 9 -", "–12–", "－3－", "第3页", "第 3 页", "第3页 共10页", "3/10", "12 / 40",
          "2023-11-05 11:00:00 星期日", "2023年11月5日 11:00", "2023.11.05 11:00:00 周日"}) {
      INFO(line);
      CHECK((detail::is_page_footer(line) || detail::is_timestamp_line(line)));
      std::size_t after = 0;
      CHECK(detail::is_page_footer_character(detail::next_code_point(line, after)));
    }
    // As lines of a document, short and long, they are dropped as noise.
    auto s = segment("标题\n主持人:好。\n第3页 共10页\n" + repeat("第", 30) +
                     "\n- 9 -\n2023-11-05 11:00:00 星期日\n2023-11-05 11:00:00 星期日 " +
                     repeat("1", 30) + "\n页\n3/10\n");
    int noise = 0;
    for (const auto& diag : s.document.diagnostics) noise += diag.code == "noise-line";
    CHECK(noise == 4);
  }

  TEST_CASE("numbering continues per turn and level, and restarts below a new heading") {
    auto s =
        seg("标题\n一、甲\n三、乙\n主持人:\n二、丙\n李明:\n一、丁\n(一)戊\n(三)己\n二、庚\n(二)辛\n"
            "1.子\n(四)丑\n王刚:\n三、壬\n一是甲,三是乙。\n");
    std::vector<std::string> skips;
    for (const auto& d : s.document.diagnostics) {
      if (d.code == "numbering-skip") skips.push_back(d.message);
    }
    REQUIRE(skips.size() == 3);
    CHECK(skips[0] == "heading 三、 follows number 1 at level 1");
    CHECK(skips[1] == "heading (三) follows number 1 at level 2");
    CHECK(skips[2] == "heading (四) follows number 2 at level 2");
    const auto& secs = s.document.sections;
    REQUIRE(secs.size() == 12);
    CHECK_FALSE(secs[0].turn.has_value());
    CHECK_FALSE(secs[1].turn.has_value());
    CHECK(secs[2].turn.value_or(0) == 1);
    CHECK(secs[3].turn.value_or(0) == 2);
    CHECK(secs[10].turn.value_or(0) == 3);
    CHECK(secs[11].marker == "一是");
  }

  TEST_CASE("labels are found however the line opens") {
    auto s =
        seg("标题\n【主持人】各位好。\n[问]请问李主任,怎么办\n李明:答。\n"
            "海川日报记者提问请问李主任,为何\n李明:因为。\n");
    CHECK(speakers(s) ==
          "主持人/host/statement|问/reporter/question|李明/official/answer|"
          "海川日报记者/reporter/question|李明/official/answer");
  }
}

TEST_CASE("segment: without turn texts, turn_text gives what Turn::text would hold") {
  const std::string text =
      "临江区2023年新闻发布会\n"
      "主持人:各位记者朋友,\n\n大家好!首先请王局长介绍。\n\n"
      "王明:\n一、项目建设\n全年完成投资3.1亿元。\n\n"
      "问:请问明年有什么打算?\n"
      "答:  继续推进。\n\n\n";
  const Normalized normalized = normalize(text);
  const Segmentation full = segment(normalized.text);
  SegmentOptions without;
  without.turn_texts = false;
  const Segmentation bare = segment(normalized.text, without);
  REQUIRE(full.document.turns.size() >= 3);
  REQUIRE(bare.document.turns.size() == full.document.turns.size());
  for (std::size_t k = 0; k < full.document.turns.size(); ++k) {
    CAPTURE(k);
    CHECK(bare.document.turns[k].text.empty());
    CHECK(turn_text(normalized.text, bare, k) == full.document.turns[k].text);
    CHECK(bare.document.turns[k].span.start == full.document.turns[k].span.start);
  }
  CHECK(full.document.turns[0].text == "各位记者朋友,\n\n大家好!首先请王局长介绍。");
}

namespace {

std::string read_sample(const std::string& name) {
  std::ifstream in(std::string(BULLETIN_SOURCE_DIR) + "/samples/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// Every field of two segmentations that the headings and the turns' labels,
/// found in two halves or in one pass, could make differ.
void check_same_segmentation(const Segmentation& one, const Segmentation& two) {
  REQUIRE(one.document.sections.size() == two.document.sections.size());
  std::size_t differing = 0;
  for (std::size_t k = 0; k < one.document.sections.size(); ++k) {
    const Section& a = one.document.sections[k];
    const Section& b = two.document.sections[k];
    if (a.turn != b.turn || a.level != b.level || a.marker != b.marker || a.heading != b.heading ||
        a.span.start != b.span.start || a.span.end != b.span.end) {
      ++differing;
    }
  }
  CHECK(differing == 0);
  CHECK(one.section_starts == two.section_starts);
  CHECK(one.section_ends == two.section_ends);
  REQUIRE(one.excluded.size() == two.excluded.size());
  for (std::size_t k = 0; k < one.excluded.size(); ++k) {
    CHECK(one.excluded[k].begin == two.excluded[k].begin);
    CHECK(one.excluded[k].end == two.excluded[k].end);
  }
  REQUIRE(one.document.diagnostics.size() == two.document.diagnostics.size());
  for (std::size_t k = 0; k < one.document.diagnostics.size(); ++k) {
    CHECK(one.document.diagnostics[k].code == two.document.diagnostics[k].code);
    CHECK(one.document.diagnostics[k].message == two.document.diagnostics[k].message);
    CHECK(one.document.diagnostics[k].offset == two.document.diagnostics[k].offset);
  }
  REQUIRE(one.document.speakers.size() == two.document.speakers.size());
  for (std::size_t k = 0; k < one.document.speakers.size(); ++k) {
    CHECK(one.document.speakers[k].name == two.document.speakers[k].name);
  }
  REQUIRE(one.document.turns.size() == two.document.turns.size());
  std::size_t differing_turns = 0;
  for (std::size_t k = 0; k < one.document.turns.size(); ++k) {
    const Turn& a = one.document.turns[k];
    const Turn& b = two.document.turns[k];
    if (a.speaker != b.speaker || a.label != b.label || a.role != b.role || a.kind != b.kind ||
        a.outlet != b.outlet || a.addressee != b.addressee || a.span.start != b.span.start ||
        a.span.end != b.span.end || one.turn_bodies[k].begin != two.turn_bodies[k].begin ||
        one.turn_bodies[k].end != two.turn_bodies[k].end) {
      ++differing_turns;
    }
  }
  CHECK(differing_turns == 0);
}

}  // namespace

TEST_SUITE("segment") {
  TEST_CASE(
      "a long transcript's turns and headings found in two halves on two threads are one pass's") {
    // The press conference and the Q&A over and over, with headings that
    // skip a number (a note each), enumerations and page footers in both halves.
    const std::string conference = read_sample("qingyu-2023-press-conference.txt");
    const std::string questions = read_sample("qingyu-2022-qa.txt");
    REQUIRE(!conference.empty());
    REQUIRE(!questions.empty());
    std::string text;
    for (int k = 0; text.size() < (std::size_t{1} << 19); ++k) {
      text += k % 2 == 0 ? conference : questions;
      text += "\n主持人:一、开场\n三、跳号的标题\n一是开局良好,二是稳中有进。\n— 9 —\n";
    }
    const std::string normalized = normalize(text).text;
    SegmentOptions one_thread;
    SegmentOptions two_threads;
    two_threads.threads = 2;
    const Segmentation one = segment(normalized, one_thread);
    const Segmentation two = segment(normalized, two_threads);
    CHECK(one.document.sections.size() > 1000);
    std::size_t skips = 0;
    for (const auto& d : one.document.diagnostics) skips += d.code == "numbering-skip";
    CHECK(skips > 10);
    std::size_t footers = 0;
    for (const auto& d : one.document.diagnostics) footers += d.code == "noise-line";
    CHECK(footers > 10);
    CHECK(one.document.turns.size() > 100);
    check_same_segmentation(one, two);
  }

  TEST_CASE("where every line opens a turn or is page furniture, two threads find one pass's") {
    // No line is passed over, so the line where the halves meet is one of
    // them, whichever it is.
    std::string text = "标题\n";
    for (int k = 0; text.size() < (std::size_t{1} << 19); ++k) {
      text += k % 3 == 0   ? "记者:第" + std::to_string(k) + "个问题?\n"
              : k % 3 == 1 ? "李明:回答" + std::to_string(k) + "。\n"
                           : "— " + std::to_string(k % 100) + " —\n";
    }
    const std::string normalized = normalize(text).text;
    SegmentOptions two_threads;
    two_threads.threads = 2;
    const Segmentation one = segment(normalized);
    CHECK(one.document.turns.size() > 10000);
    check_same_segmentation(one, segment(normalized, two_threads));
  }

  TEST_CASE("a long text without turns has its headings found in one pass, threads or not") {
    const std::string report = read_sample("qingyu-2023-statistical-communique.txt");
    REQUIRE(!report.empty());
    std::string text;
    while (text.size() < (std::size_t{1} << 19)) text += report + "\n";
    const std::string normalized = normalize(text).text;
    SegmentOptions two_threads;
    two_threads.threads = 2;
    check_same_segmentation(segment(normalized), segment(normalized, two_threads));
  }
}
