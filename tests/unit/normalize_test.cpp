#include "bulletin/normalize.hpp"

#include <doctest/doctest.h>

#include <string>

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
