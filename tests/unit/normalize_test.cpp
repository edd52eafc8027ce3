#include "bulletin/normalize.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "detail/normalize_general.hpp"
#include "detail/normalize_pieces.hpp"

using namespace bulletin;

TEST_SUITE("normalize") {
  TEST_CASE("full-width forms fold to ASCII and offsets map back") {
    const std::string in = "增长５．２％，";  // 增长 6 bytes, then 5 full-width chars of 3 bytes
    auto n = normalize(in);
    CHECK(n.text == "增长5.2%,");
    CHECK(n.to_input.map(6) == 6);    // '5'
    CHECK(n.to_input.map(7) == 9);    // '.'
    CHECK(n.to_input.map(9) == 15);   // '%'
    CHECK(n.to_input.map(11) == 21);  // end
  }

  TEST_CASE("spaces, line ends and form feeds") {
    auto n = normalize("a\u3000b\u00A0c\r\nd\re\ff\tg\u200Bh");
    CHECK(n.text == "a b c\nd\ne\nf gh");
    CHECK(n.to_input.map(6) == 10);  // 'd' after CRLF
  }

  TEST_CASE("HTML tags and character references from web pages") {
    auto n = normalize("<p><strong>问:</strong>&ldquo;两个维护&rdquo;&nbsp;共&#50;起</p>");
    CHECK(n.text == "问:“两个维护” 共2起\n");
    CHECK(n.html_tags == 4);
    CHECK(n.html_entities == 4);
    // '问' maps to its byte in the original, past <p><strong>
    CHECK(n.to_input.map(0) == 11);
  }

  TEST_CASE("angle brackets that are not tags stay") {
    auto n = normalize("x<5 and a<c> and <notatag>");
    CHECK(n.text == "x<5 and a<c> and <notatag>");
  }

  TEST_CASE("traditional script and CJK text pass through unchanged") {
    const std::string in = "記者問:億萬元〇";
    auto n = normalize(in);
    CHECK(n.text == "記者問:億萬元〇");
    CHECK(n.to_input.checkpoints() == 1);
  }
}

TEST_SUITE("normalize") {
  TEST_CASE("lines broken by a PDF's page width are joined, paragraphs are not") {
    const std::string pdf =
        "全年城镇新增就业人数继续保持增长态势总数达到8710\n人,失业率2.7%。\n"
        "　　按常住人口计算的人均地区生产总值继续增长达到了\n"
        "值128650元。\n短行\n下一行\n\f— 2 —\n二、农业\n";
    auto n = normalize(pdf);
    CHECK(n.text.find("8710人,失业率") != std::string::npos);
    CHECK(n.text.find("达到了值128650元") != std::string::npos);
    CHECK(n.text.find("短行\n下一行") != std::string::npos);
    CHECK(n.text.find("\n二、农业") != std::string::npos);
    // The joined '人' still maps to its own byte after the removed line break.
    const std::size_t at = n.text.find("人,失业率");
    CHECK(pdf.compare(n.to_input.map(at), 3, "人") == 0);
  }

  TEST_CASE("a page footer alone on its line marks a PDF's text, with or without form feeds") {
    for (const std::string footer : {"— 2 —", "— 2—", "- 12 -", "—2—"}) {
      CAPTURE(footer);
      const std::string pdf =
          "全年城镇新增就业人数继续保持增长态势总数达到8710\n人,失业率2.7%。\n" + footer +
          "\n二、农业\n";
      CHECK(normalize(pdf).text.find("8710人,失业率") != std::string::npos);
    }
    // A dash that opens a line of text is no footer.
    for (const std::string line : {"— 2 —年", "— 2023年", "- 5 - 3 = 2"}) {
      CAPTURE(line);
      const std::string text =
          "全年城镇新增就业人数继续保持增长态势总数达到8710\n人,失业率2.7%。\n" + line + "\n";
      CHECK(normalize(text).text.find("8710\n人") != std::string::npos);
    }
  }

  TEST_CASE("without PDF traces line breaks are kept") {
    auto n = normalize("全年城镇新增就业人数继续保持增长态势总数达到8710\n人,失业率2.7%。\n");
    CHECK(n.text == "全年城镇新增就业人数继续保持增长态势总数达到8710\n人,失业率2.7%。\n");
  }
}

TEST_SUITE("normalize") {
  TEST_CASE("an ASCII prefix maps to itself before the first change") {
    auto n = normalize("12345=9\x1bGJ持人:\r\n问");
    CHECK(n.to_input.map(0) == 0);
    CHECK(n.to_input.map(5) == 5);
    CHECK(n.to_input.map(n.text.find("问")) == std::string("12345=9\x1bGJ持人:\r\n").size());
  }
}

TEST_SUITE("normalize") {
  TEST_CASE("a character NFKC makes several of maps back whole, and the map never decreases") {
    // ¾ (2 bytes) → 3/4; ㈠ (3 bytes) → (一) (5 bytes); &#189; → 1/2.
    const std::string in = "约¾亿元；㈠增长&#189;倍";
    auto n = normalize(in);
    REQUIRE(n.text == "约3/4亿元;(一)增长1/2倍");
    const std::size_t three = n.text.find('3');
    const std::size_t four = n.text.find('4');
    const std::size_t after = n.text.find("亿");
    CHECK(n.to_input.map(three) == 3);          // the piece starts where ¾ does
    CHECK(n.to_input.map(four) == 3);           // a span starting at 4 takes all of ¾
    CHECK(n.to_input.map_end(three + 1) == 5);  // one ending after 3 as well
    CHECK(normalize("3\u20444\u22155").text == "3/4/5");
    CHECK(n.to_input.map_end(four) == 5);
    CHECK(n.to_input.map(after) == 5);
    CHECK(n.to_input.map_end(after) == 5);
    const std::size_t one = n.text.find("一");
    CHECK(n.to_input.map(one) == in.find("㈠"));
    CHECK(n.to_input.map_end(one + 3) == in.find("㈠") + 3);
    const std::size_t half = n.text.find("1/");
    CHECK(n.to_input.map(half + 1) == in.find("&#189;"));
    CHECK(n.to_input.map_end(half + 1) == in.find("倍"));
    std::size_t previous = 0;
    for (std::size_t at = 0; at <= n.text.size(); ++at) {
      const std::size_t start = n.to_input.map(at);
      const std::size_t end = n.to_input.map_end(at);
      CHECK(start >= previous);
      CHECK(end >= start);
      CHECK(end <= in.size());
      previous = start;
    }
  }
}

TEST_SUITE("normalize") {
  TEST_CASE("Han and plain ASCII are copied up to whatever comes next, offsets and all") {
    const std::string run = "年增长ab1";  // 9 + 3 bytes
    struct Case {
      std::string stop;  // followed by "x"
      std::string becomes;
      // to_input.map(at) from at = run.size(), as the loop gave it character by character
      std::vector<std::size_t> map_from_stop;
      std::size_t checkpoints;
    };
    const std::vector<Case> cases = {
        {"<br>", "\n", {12, 16, 17}, 2},
        {"<", "<", {12, 13, 14}, 1},
        {"&amp;", "&", {12, 17, 18}, 2},
        {"&", "&", {12, 13, 14}, 1},
        {"\r\n", "\n", {12, 14, 15}, 2},
        {"\r", "\n", {12, 13, 14}, 1},
        {"\n", "\n", {12, 13, 14}, 1},
        {"\t", " ", {12, 13, 14}, 1},
        {"\f", "\n", {12, 13, 14}, 1},
        {"\v", "\n", {12, 13, 14}, 1},
        {"，", ",", {12, 15, 16}, 2},
        {"。", "。", {12, 13, 14, 15, 16}, 1},
        {"\u3000", " ", {12, 15, 16}, 2},
        {"\u3006", "\u3006", {12, 13, 14, 15, 16}, 1},  // 〆, just before 〇
        {"\u3008", "\u3008", {12, 13, 14, 15, 16}, 1},  // 〈, just after
        {"\u33FF", "gal", {12, 12, 12, 15, 16}, 1},     // just before U+3400
        {"\u4DC0", "\u4DC0", {12, 13, 14, 15, 16}, 1},  // just after U+4DBF
        {"\uA000", "\uA000", {12, 13, 14, 15, 16}, 1},  // just after U+9FFF
        {"\uFB00", "ff", {12, 12, 15, 16}, 2},          // just after U+FAFF
        {"\xF0\xA0\x80\x80", "\xF0\xA0\x80\x80", {12, 13, 14, 15, 16, 17}, 1},  // U+20000
        {"\xE4\xB8", "\uFFFD", {12, 13, 14, 14, 15}, 2},  // a Han character cut short
    };
    for (const Case& c : cases) {
      CAPTURE(c.stop);
      const std::string in = run + c.stop + "x";
      const auto n = normalize(in);
      CHECK(n.text == run + c.becomes + "x");
      for (std::size_t at = 0; at < run.size(); ++at) CHECK(n.to_input.map(at) == at);
      std::vector<std::size_t> mapped;
      for (std::size_t at = run.size(); at <= n.text.size(); ++at) {
        mapped.push_back(n.to_input.map(at));
      }
      CHECK(mapped == c.map_from_stop);
      CHECK(n.to_input.checkpoints() == c.checkpoints);
    }
  }

  TEST_CASE("a run reaching the end of the input, whole or cut short") {
    auto whole = normalize("年增长ab1");
    CHECK(whole.text == "年增长ab1");
    CHECK(whole.to_input.map(12) == 12);
    CHECK(whole.to_input.checkpoints() == 1);
    auto cut = normalize("年增长ab1\xE4\xB8");
    CHECK(cut.text == "年增长ab1\uFFFD");
    CHECK(cut.to_input.map(12) == 12);
    CHECK(cut.to_input.map(13) == 13);
    CHECK(cut.to_input.map(15) == 14);
    auto lead = normalize("年增长ab1\xE4");
    CHECK(lead.text == "年增长ab1\uFFFD");
    CHECK(lead.to_input.map(15) == 13);
  }

  TEST_CASE("Han characters at the ends of their ranges are kept, even those NFKC would change") {
    const std::string in = "\u3400\u4DBF\u4E00\u9FFF\uF900\uFAFF\u3007";
    auto n = normalize(in);
    CHECK(n.text == in);
    CHECK(n.to_input.checkpoints() == 1);
    CHECK(n.to_input.map(in.size()) == in.size());
  }
}

namespace {

/// Whether two normalizations of one text agree: text, counts, checkpoints
/// and every offset's map.
void check_same_normalized(const Normalized& one, const Normalized& two) {
  REQUIRE(one.text == two.text);
  CHECK(one.html_tags == two.html_tags);
  CHECK(one.html_entities == two.html_entities);
  CHECK(one.to_input.checkpoints() == two.to_input.checkpoints());
  std::size_t mismatches = 0;
  for (std::size_t at = 0; at <= one.text.size(); ++at) {
    if (one.to_input.map(at) != two.to_input.map(at) ||
        one.to_input.map_end(at) != two.to_input.map_end(at)) {
      ++mismatches;
    }
  }
  CHECK(mismatches == 0);
}

/// Whether normalize() and its general path, which takes every character on
/// its own, agree on `in`.
void check_same_as_general_path(const std::string& in) {
  CAPTURE(in);
  check_same_normalized(normalize(in), detail::normalize_one_at_a_time(in));
}

// What the shortcuts for plain text meet at their edges: Han characters at the
// ends of the ranges copied sixteen bytes at a time and of those that are not,
// punctuation folded shorter, as long, into several characters or longer,
// what the general loop alone handles, and ill-formed bytes.
const std::vector<std::string> kPieces = {
    "年",
    "增",
    "一",
    "\u4000",
    "\u4DBF",
    "\u4DC0",
    "\u4DFF",
    "\u9FFF",
    "\u3400",
    "\u33FF",
    "\u3007",
    "\u3006",
    "\uF900",
    "\uFAFF",
    "\uA000",
    "\xF0\xA0\x80\x80",  // U+20000
    "，",
    "。",
    "、",
    "；",
    "：",
    "（",
    "）",
    "“",
    "”",
    "％",
    "\u3000",
    "\u200B",
    "⑴",
    "㈠",
    "¾",
    "\uFB00",
    "\u2044",
    "a",
    "1",
    " ",
    "-",
    "—",
    "<br>",
    "<p>",
    "<",
    "&amp;",
    "&#189;",
    "&",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\f",
    "\v",
    "\xE4\xB8",      // a Han character cut short
    "\x80",          // a lone continuation byte
    "\xE0\x80\xA6",  // '&' written overlong, after &amp; has put '&' among the foldings
    "\xED\xA0\x80",  // a surrogate
    "\xEF\xBC",      // a full-width comma cut short
};

}  // namespace

TEST_SUITE("normalize") {
  TEST_CASE("copying plain text and punctuation in bulk matches the general path at every edge") {
    // Each piece after runs of one to seven Han characters, at every offset
    // within a sixteen-byte block, with enough text after it to be read in
    // blocks too, and with too little.
    for (const std::string& piece : kPieces) {
      for (std::size_t ascii = 0; ascii < 16; ++ascii) {
        for (std::size_t han = 1; han <= 7; ++han) {
          std::string run(ascii, 'x');
          for (std::size_t i = 0; i < han; ++i) run += "增";
          check_same_as_general_path(run + piece + "年增长ab1年增长ab1" + piece + "，");
          check_same_as_general_path(run + piece + "，" + piece);
        }
      }
    }
  }

  TEST_CASE("normalize matches its general path on random mixtures of those edges") {
    std::mt19937 random(20261129);
    std::uniform_int_distribution<std::size_t> piece(0, kPieces.size() - 1);
    std::uniform_int_distribution<std::size_t> length(0, 120);
    std::uniform_int_distribution<int> han_run(0, 9);
    for (int round = 0; round < 3000; ++round) {
      std::string in;
      for (std::size_t n = length(random); n > 0; --n) {
        for (int k = han_run(random); k > 0; --k) in += "长";
        in += kPieces[piece(random)];
      }
      check_same_as_general_path(in);
    }
    check_same_as_general_path("&amp;年增长ab1年增长ab1\xE0\x80\xA6年增长ab1年增长ab1");
    // A PDF's text, where line breaks inside sentences are joined.
    check_same_as_general_path(
        "全年城镇新增就业人数继续保持增长态势总数达到8710\n人，失业率2.7％。\n\f— 2 —\n二、农业\n");
  }
}

namespace {

/// Whether `in` normalized in pieces of about `piece_bytes`, from the front
/// only or from both ends at once, gives what normalize() gives. Returns the
/// pieces' count.
std::size_t check_same_in_pieces(const std::string& in, std::size_t piece_bytes,
                                 bool from_both_ends) {
  CAPTURE(in);
  CAPTURE(piece_bytes);
  detail::PieceNormalizer normalizer(in, piece_bytes);
  std::thread back;
  if (from_both_ends) back = std::thread([&] { normalizer.normalize_from_back(); });
  const Normalized joined = normalizer.normalize_from_front();
  if (back.joinable()) back.join();
  check_same_normalized(joined, normalize(in));
  return normalizer.pieces();
}

}  // namespace

TEST_SUITE("normalize") {
  TEST_CASE("normalized in pieces on two threads, the text is what one pass gives") {
    std::mt19937 random(20261130);
    std::uniform_int_distribution<std::size_t> piece(0, kPieces.size() - 1);
    std::uniform_int_distribution<std::size_t> length(0, 150);
    std::uniform_int_distribution<std::size_t> piece_bytes(1, 64);
    std::size_t cut = 0;
    for (int round = 0; round < 600; ++round) {
      std::string in;
      for (std::size_t n = length(random); n > 0; --n) {
        in += kPieces[piece(random)];
        // Line breaks are where pieces may end: more of them than among kPieces.
        if (n % 5 == 0) in += n % 2 == 0 ? "\n" : "\r\n";
      }
      const std::size_t pieces = check_same_in_pieces(in, piece_bytes(random), round % 2 == 0);
      if (pieces > 1) ++cut;
    }
    // A form feed (among kPieces) marks a PDF's text, which stays whole.
    CHECK(cut > 100);
    // Tags and references end on their line: one cut short by a line break
    // is text, in one pass as in pieces.
    CHECK(check_same_in_pieces("<p>一\n<span\n class=x>二</span>&amp\n;&#50;\n", 1, true) == 4);
  }

  TEST_CASE("the text of a PDF, whose lines are rejoined, stays in one piece") {
    const std::string pdf =
        "全年城镇新增就业人数继续保持增长态势总数达到8710\n人，失业率2.7％。\n"
        "按常住人口计算的人均地区生产总值继续增长达到了\n值128650元。\n\f— 2 —\n二、农业\n";
    CHECK(check_same_in_pieces(pdf, 8, true) == 1);
    CHECK(check_same_in_pieces("一\n二\n三\n", 1, false) == 3);
  }
}
