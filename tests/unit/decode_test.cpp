#include "bulletin/decode.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "detail/decode_taking.hpp"

using namespace bulletin;

TEST_SUITE("decode") {
  TEST_CASE("UTF-8 with and without a byte-order mark") {
    auto plain = decode("主持人:大家好");
    REQUIRE(plain);
    CHECK(plain->encoding == "UTF-8");
    CHECK(plain->text == "主持人:大家好");
    CHECK(plain->to_source.map(3) == 3);

    auto bom = decode("\xEF\xBB\xBF主持人");
    REQUIRE(bom);
    CHECK(bom->text == "主持人");
    CHECK(bom->to_source.map(0) == 3);
    CHECK(bom->to_source.map(3) == 6);
  }

  TEST_CASE("UTF-16 LE and BE with a byte-order mark") {
    const std::string le("\xFF\xFE\x3B\x4E\x01\x63\x31\x00", 8);  // 主持1
    auto a = decode(le);
    REQUIRE(a);
    CHECK(a->encoding == "UTF-16LE");
    CHECK(a->text == "主持1");
    CHECK(a->to_source.map(0) == 2);
    CHECK(a->to_source.map(3) == 4);
    CHECK(a->to_source.map(6) == 6);
    const std::string be("\xFE\xFF\x4E\x3B\x63\x01", 6);
    auto b = decode(be);
    REQUIRE(b);
    CHECK(b->encoding == "UTF-16BE");
    CHECK(b->text == "主持");
  }

  TEST_CASE("GB18030 is detected when the bytes are not UTF-8, and offsets map back") {
    auto gb = encode("问:增长5%", "GB18030");
    REQUIRE(gb);
    CHECK(gb->size() == 9);  // 问 2 bytes, : 1, 增长 4, 5% 2
    auto d = decode(*gb);
    REQUIRE(d);
    CHECK(d->encoding == "GB18030");
    CHECK(d->text == "问:增长5%");
    CHECK(d->to_source.map(3) == 2);   // ':'
    CHECK(d->to_source.map(4) == 3);   // 增
    CHECK(d->to_source.map(10) == 7);  // '5'
  }

  TEST_CASE("a declared encoding wins") {
    auto gbk = encode("億萬", "GBK");
    REQUIRE(gbk);
    DecodeOptions options;
    options.encoding = "gbk";
    auto d = decode(*gbk, options);
    REQUIRE(d);
    CHECK(d->text == "億萬");
    options.encoding = "no-such-encoding";
    auto bad = decode("abc", options);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == Errc::invalid_argument);
  }

  TEST_CASE("invalid bytes are an error with their offset, or replaced when lenient") {
    // Invalid as UTF-8, and 0xFF is never valid in GB18030 either.
    const std::string text = "第一行\n增长\xFF\xFF了";
    auto strict = decode(text);
    REQUIRE_FALSE(strict);
    CHECK(strict.error().code == Errc::invalid_encoding);
    REQUIRE(strict.error().where);
    CHECK(strict.error().where->offset == 16);
    CHECK(strict.error().where->line == 2);
    CHECK(strict.error().where->column == 3);
    CHECK(strict.error().message.find("offset 16") != std::string::npos);

    DecodeOptions lenient;
    lenient.lenient = true;
    auto loose = decode(text, lenient);
    REQUIRE(loose);
    CHECK(loose->replaced == 2);
    CHECK(loose->first_replaced_offset == 16);
    CHECK(loose->text == "第一行\n增长\uFFFD\uFFFD了");
  }

  TEST_CASE("a truncated GB18030 sequence is reported") {
    auto gb = encode("增长", "GB18030");
    REQUIRE(gb);
    DecodeOptions options;
    options.encoding = "GB18030";
    auto d = decode(gb->substr(0, 3), options);
    REQUIRE_FALSE(d);
    CHECK(d.error().code == Errc::invalid_encoding);
    CHECK(d.error().where->offset == 2);
  }

  TEST_CASE("NUL bytes mean binary input") {
    auto d = decode(std::string("abc\0def", 7));
    REQUIRE_FALSE(d);
    CHECK(d.error().code == Errc::binary_input);
    CHECK(d.error().message.find("offset 3") != std::string::npos);
  }

  TEST_CASE("empty input decodes to empty text") {
    auto d = decode("");
    REQUIRE(d);
    CHECK(d->text.empty());
  }

  TEST_CASE("decode_taking takes UTF-8 over as the text, and leaves any other input as it was") {
    const auto same = [](const Decoded& a, const Decoded& b) {
      CHECK(a.text == b.text);
      CHECK(a.encoding == b.encoding);
      CHECK(a.replaced == b.replaced);
      for (std::size_t at = 0; at <= a.text.size(); ++at) {
        CHECK(a.to_source.map(at) == b.to_source.map(at));
      }
    };
    const std::string utf8 = "主持人:大家好。全年完成投资3.1亿元,同比增长12.5%。";
    {
      std::string bytes = utf8;
      const char* storage = bytes.data();
      auto taken = detail::decode_taking(bytes);
      REQUIRE(taken);
      CHECK(bytes.empty());
      CHECK(taken->text.data() == storage);  // not copied
      same(*taken, *decode(utf8));
    }
    DecodeOptions lenient;
    lenient.lenient = true;
    DecodeOptions declared_utf8;
    declared_utf8.encoding = "utf-8";
    const auto gb = encode(utf8, "GB18030");
    REQUIRE(gb);
    const auto utf16 = encode(utf8, "UTF-16");
    REQUIRE(utf16);
    // Each keeps its input: something is removed, replaced or converted.
    const std::vector<std::pair<std::string, DecodeOptions>> kept = {
        {"\xEF\xBB\xBF" + utf8, {}},
        {"\xEF\xBB\xBF" + utf8, declared_utf8},
        {utf8 + "\xFF" + utf8, lenient},
        {*gb, {}},
        {*utf16, {}},
    };
    for (const auto& [input, options] : kept) {
      CAPTURE(input.size());
      std::string bytes = input;
      auto taken = detail::decode_taking(bytes, options);
      REQUIRE(taken);
      CHECK(bytes == input);
      same(*taken, *decode(input, options));
    }
    {
      std::string bytes = utf8;
      auto taken = detail::decode_taking(bytes, declared_utf8);
      REQUIRE(taken);
      CHECK(bytes.empty());
      same(*taken, *decode(utf8, declared_utf8));
    }
    // Errors leave the input too.
    std::string bad = utf8 + "\xFF\xFE\xFD" + utf8;
    const std::string bad_copy = bad;
    CHECK_FALSE(detail::decode_taking(bad));
    CHECK(bad == bad_copy);
  }
}

namespace {

/// The map as its contract states it, one checkpoint per call: offsets advance
/// together from the checkpoint before, but not past the next one's origin.
std::size_t map_by_checkpoints(const std::vector<std::pair<std::size_t, std::size_t>>& points,
                               std::size_t derived) {
  if (points.empty()) return derived;
  auto it = std::upper_bound(points.begin(), points.end(), derived,
                             [](std::size_t v, const auto& p) { return v < p.first; });
  if (it == points.begin()) return points.front().second;
  const auto next = it;
  --it;
  std::size_t advance = derived - it->first;
  // Checkpoints on the diagonal of the one before are not kept, so the next
  // one that counts is the first off it.
  auto bound = next;
  while (bound != points.end() && bound->first - it->first == bound->second - it->second) ++bound;
  if (bound != points.end() && bound->second >= it->second) {
    advance = std::min(advance, bound->second - it->second);
  }
  return it->second + advance;
}

}  // namespace

TEST_CASE("OffsetMap: runs at a steady stride map like one checkpoint per character") {
  std::mt19937 rng(11);
  for (int round = 0; round < 200; ++round) {
    OffsetMap map;
    std::vector<std::pair<std::size_t, std::size_t>> points;
    std::size_t d = rng() % 4;
    std::size_t o = rng() % 4;
    const int count = 1 + static_cast<int>(rng() % 300);
    for (int k = 0; k < count; ++k) {
      map.add(d, o);
      points.emplace_back(d, o);
      // Mostly strides that legacy encodings give (2 -> 3, 1 -> 1, 4 -> 4),
      // with deletions (derived stays), insertions and odd jumps between.
      switch (rng() % 8) {
        case 0:
          o += 1 + rng() % 5;
          break;
        case 1:
          d += 1 + rng() % 5;
          break;
        case 2:
          d += rng() % 40;
          o += rng() % 40;
          break;
        default:
          d += 3;
          o += 2;
          break;
      }
    }
    for (std::size_t q = 0; q <= d + 5; ++q) {
      REQUIRE_MESSAGE(map.map(q) == map_by_checkpoints(points, q),
                      "round " << round << " at " << q);
    }
  }
}

TEST_CASE("OffsetMap: add_steps records what as many calls of add would") {
  std::mt19937 rng(43);
  for (int round = 0; round < 300; ++round) {
    OffsetMap by_steps;
    OffsetMap one_by_one;
    std::size_t d = rng() % 3;
    std::size_t o = rng() % 3;
    const int batches = 1 + static_cast<int>(rng() % 12);
    for (int b = 0; b < batches; ++b) {
      // Strides of decoded text (2 -> 3, 1 -> 1, 4 -> 4), a derived step of
      // zero, an origin step of zero, and runs of one to nine checkpoints,
      // so that every one of the first four checkpoints meets each case.
      static constexpr std::pair<std::size_t, std::size_t> kSteps[] = {
          {3, 2}, {1, 1}, {4, 4}, {3, 4}, {0, 2}, {2, 0}, {5, 1}};
      const auto [ds, os] = kSteps[rng() % std::size(kSteps)];
      const std::size_t count = 1 + rng() % 9;
      by_steps.add_steps(d, o, ds, os, count);
      for (std::size_t i = 0; i < count; ++i) one_by_one.add(d + i * ds, o + i * os);
      d += count * ds + rng() % 3;
      o += count * os + rng() % 3;
    }
    REQUIRE(by_steps.checkpoints() == one_by_one.checkpoints());
    for (std::size_t q = 0; q <= d + 3; ++q) {
      REQUIRE_MESSAGE(by_steps.map(q) == one_by_one.map(q), "round " << round << " at " << q);
      REQUIRE_MESSAGE(by_steps.map_end(q) == one_by_one.map_end(q),
                      "round " << round << " at " << q);
    }
  }
}

TEST_CASE("OffsetMap: a cursor gives the answers of a fresh lookup, in any order") {
  std::mt19937 rng(29);
  for (int round = 0; round < 100; ++round) {
    OffsetMap map;
    std::size_t d = 0;
    std::size_t o = 0;
    const int count = 1 + static_cast<int>(rng() % 200);
    for (int k = 0; k < count; ++k) {
      map.add(d, o);
      if (rng() % 6 == 0) {
        // A character that became several: a piece between two checkpoints.
        const std::size_t grown = 2 + rng() % 4;
        map.add(d + grown, o + 3);
        map.add_piece(d, o, d + grown, o + 3);
        d += grown;
        o += 3;
      } else {
        d += 1 + rng() % 7;
        o += rng() % 7;
      }
    }
    std::vector<std::size_t> queries;
    for (std::size_t q = 0; q <= d + 3; ++q) queries.push_back(q);
    OffsetMap::Cursor ascending;
    for (std::size_t q : queries) {
      REQUIRE(map.map(q, ascending) == map.map(q));
      REQUIRE(map.map_end(q, ascending) == map.map_end(q));
    }
    std::shuffle(queries.begin(), queries.end(), rng);
    OffsetMap::Cursor shuffled;
    for (std::size_t q : queries) {
      REQUIRE(map.map_end(q, shuffled) == map.map_end(q));
      REQUIRE(map.map(q, shuffled) == map.map(q));
    }
  }
}

// A map without pieces answers from its checkpoints alone, without looking
// for a piece; one piece changes the answers inside it and nowhere else.
TEST_CASE("OffsetMap: a piece changes only the offsets strictly inside it") {
  OffsetMap plain;
  OffsetMap with_piece;
  for (OffsetMap* map : {&plain, &with_piece}) {
    map->add(0, 0);
    map->add(10, 10);
    map->add(14, 11);  // four bytes made from one
    map->add(30, 27);
  }
  with_piece.add_piece(10, 10, 14, 11);
  for (std::size_t q = 0; q <= 40; ++q) {
    INFO("at ", q);
    const bool inside = q > 10 && q < 14;
    CHECK(with_piece.map(q) == (inside ? 10 : plain.map(q)));
    CHECK(with_piece.map_end(q) == (inside ? 11 : plain.map_end(q)));
    OffsetMap::Cursor cursor;
    CHECK(plain.map(q, cursor) == plain.map(q));
    CHECK(plain.map_end(q, cursor) == plain.map_end(q));
  }
  CHECK(plain.map(12) == 11);  // by the checkpoints: the origin's end, no further
}

// A map of one checkpoint (a UTF-8 input, maybe past a byte-order mark) is
// answered by its diagonal at once; the same diagonal, as the first run of a
// map that goes on far past the offsets asked for, gives the same answers.
TEST_CASE("OffsetMap: one checkpoint maps along its diagonal") {
  for (const auto& [d, o] : {std::pair<std::size_t, std::size_t>{0, 0}, {0, 3}, {5, 2}, {7, 9}}) {
    OffsetMap single;
    single.add(d, o);
    OffsetMap longer;
    longer.add(d, o);
    longer.add(d + 1000, o + 1001);
    OffsetMap::Cursor cursor;
    for (std::size_t q = 0; q < d + 1000; ++q) {
      INFO("checkpoint ", d, " -> ", o, ", at ", q);
      const std::size_t expected = q < d ? o : o + (q - d);
      CHECK(single.map(q) == expected);
      CHECK(single.map_end(q, cursor) == expected);
      CHECK(longer.map(q) == expected);
    }
  }
}

TEST_CASE("decode: every character of a mixed GB18030 text maps back to its own bytes") {
  // One, two and four bytes per character (ASCII, GBK, a four-byte BMP
  // character and one outside the BMP), in runs of random length, so that
  // runs of one stride start and end at every kind of neighbour.
  const std::vector<std::string> pool = {"a", "\n", "中", "文", "€", "\xF0\xA0\x80\x80", "，"};
  std::mt19937 rng(7);
  for (int round = 0; round < 40; ++round) {
    std::string utf8;
    std::string gb;
    std::vector<std::array<std::size_t, 4>> spans;  // derived start/end, origin start/end
    while (spans.size() < 400) {
      const std::string& c = pool[rng() % pool.size()];
      const auto encoded = encode(c, "GB18030");
      REQUIRE(encoded);
      for (std::size_t n = 1 + rng() % 6; n > 0; --n) {
        spans.push_back(
            {utf8.size(), utf8.size() + c.size(), gb.size(), gb.size() + encoded->size()});
        utf8 += c;
        gb += *encoded;
      }
    }
    DecodeOptions options;
    options.encoding = "GB18030";
    const auto decoded = decode(gb, options);
    REQUIRE(decoded);
    REQUIRE(decoded->text == utf8);
    OffsetMap::Cursor cursor;
    for (const auto& [d, d_end, o, o_end] : spans) {
      REQUIRE(decoded->to_source.map(d) == o);
      REQUIRE(decoded->to_source.map_end(d_end) == o_end);
      REQUIRE(decoded->to_source.map(d, cursor) == o);
    }
  }
}

TEST_CASE("OffsetMap: a GB18030 text maps back through its runs of two-byte characters") {
  std::string gb;
  for (int i = 0; i < 5000; ++i) gb += "\xD6\xD0";  // 中
  gb += "abc";
  for (int i = 0; i < 5000; ++i) gb += "\xCE\xC4";  // 文
  DecodeOptions options;
  options.encoding = "GB18030";
  const auto decoded = decode(gb, options);
  REQUIRE(decoded);
  CHECK(decoded->text.size() == 30003);
  CHECK(decoded->to_source.map(3 * 4999) == 2 * 4999);
  CHECK(decoded->to_source.map(15000 + 2) == 10000 + 2);
  CHECK(decoded->to_source.map(15003 + 3 * 10) == 10003 + 2 * 10);
  CHECK(decoded->to_source.map(30003) == 20003);
  CHECK(decoded->to_source.checkpoints() >= 9999);  // still counted as they were given
}

namespace {

/// A GB18030 text of `lines` lines of mixed widths, long enough to be decoded
/// in two halves.
std::string gb18030_lines(std::size_t lines, std::mt19937& rng) {
  const std::vector<std::string> pool = {"a", " ", "中", "文", "€", "\xF0\xA0\x80\x80", "，", "7"};
  std::string utf8;
  for (std::size_t line = 0; line < lines; ++line) {
    for (std::size_t n = 10 + rng() % 120; n > 0; --n) utf8 += pool[rng() % pool.size()];
    utf8 += '\n';
  }
  auto gb = encode(utf8, "GB18030");
  REQUIRE(gb);
  return *gb;
}

/// Whether decoding `bytes` on one thread and on two gives the same result.
void check_same_on_two_threads(const std::string& bytes, const DecodeOptions& options) {
  DecodeOptions two = options;
  two.threads = 2;
  const auto one_pass = decode(bytes, options);
  const auto halves = decode(bytes, two);
  REQUIRE(one_pass.has_value() == halves.has_value());
  if (!one_pass) {
    CHECK(one_pass.error().code == halves.error().code);
    CHECK(one_pass.error().message == halves.error().message);
    REQUIRE(one_pass.error().where);
    REQUIRE(halves.error().where);
    CHECK(one_pass.error().where->offset == halves.error().where->offset);
    CHECK(one_pass.error().where->line == halves.error().where->line);
    CHECK(one_pass.error().where->column == halves.error().where->column);
    return;
  }
  REQUIRE(one_pass->text == halves->text);
  CHECK(one_pass->encoding == halves->encoding);
  CHECK(one_pass->replaced == halves->replaced);
  CHECK(one_pass->first_replaced_offset == halves->first_replaced_offset);
  CHECK(one_pass->to_source.checkpoints() == halves->to_source.checkpoints());
  std::size_t mismatches = 0;
  for (std::size_t at = 0; at <= one_pass->text.size(); ++at) {
    if (one_pass->to_source.map(at) != halves->to_source.map(at) ||
        one_pass->to_source.map_end(at) != halves->to_source.map_end(at)) {
      ++mismatches;
    }
  }
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("decode: a large GB18030 text decodes the same in two halves as in one pass") {
  std::mt19937 rng(11);
  const std::string gb = gb18030_lines(4000, rng);
  REQUIRE(gb.size() > (std::size_t{1} << 18));
  // Detected, and declared.
  check_same_on_two_threads(gb, {});
  DecodeOptions declared;
  declared.encoding = "GB18030";
  check_same_on_two_threads(gb, declared);

  SUBCASE("an invalid byte in either half is the same error, at the same line and column") {
    for (const double where : {0.1, 0.49, 0.51, 0.9}) {
      // At a line's start, where a byte cannot be the tail of a character.
      const std::size_t at = gb.find('\n', static_cast<std::size_t>(where * gb.size())) + 1;
      CAPTURE(where);
      check_same_on_two_threads(gb.substr(0, at) + "\xFF" + gb.substr(at), declared);
    }
  }
  SUBCASE("replaced bytes in both halves are counted and mapped alike") {
    DecodeOptions lenient = declared;
    lenient.lenient = true;
    const std::size_t early = gb.find('\n', gb.size() / 4) + 1;
    const std::size_t late = gb.find('\n', gb.size() * 3 / 4) + 1;
    check_same_on_two_threads(gb.substr(0, early) + "\xFF\xFF" + gb.substr(early, late - early) +
                                  "\xFF" + gb.substr(late),
                              lenient);
  }
  SUBCASE("a character cut short at the end is reported from the second half") {
    auto tail = encode("增", "GB18030");
    REQUIRE(tail);
    check_same_on_two_threads(gb + tail->substr(0, 1), declared);
  }
  SUBCASE("with no line break after the middle the text is decoded in one piece") {
    std::string one_line = gb.substr(0, gb.size() / 2);
    for (char& c : one_line) {
      if (c == '\n') c = ' ';
    }
    check_same_on_two_threads(one_line + gb.substr(gb.size() / 2, 10), declared);
  }
}
