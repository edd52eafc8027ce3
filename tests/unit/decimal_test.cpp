#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "bulletin/numbers.hpp"

using bulletin::Bound;
using bulletin::Decimal;
using bulletin::NumberKind;

TEST_CASE("Decimal::to_string prints plain notation without trailing zeros") {
  CHECK(Decimal{31, 7}.to_string() == "310000000");
  CHECK(Decimal{998, -1}.to_string() == "99.8");
  CHECK(Decimal{-5, -1}.to_string() == "-0.5");
  CHECK(Decimal{0, 0}.to_string() == "0");
  CHECK(Decimal{0, 5}.to_string() == "0");
  CHECK(Decimal{2000, -3}.to_string() == "2");
  CHECK(Decimal{12500, -3}.to_string() == "12.5");
  CHECK(Decimal{5, -6}.to_string() == "0.000005");
  CHECK(Decimal{1349084, 8}.to_string() == "134908400000000");
  CHECK(Decimal{std::numeric_limits<std::int64_t>::min(), 0}.to_string() == "-9223372036854775808");
}

TEST_CASE("Decimal::to_double is correctly rounded") {
  CHECK(Decimal{998, -1}.to_double() == 99.8);
  CHECK(Decimal{31, 7}.to_double() == 310000000.0);
  CHECK(Decimal{-12345, -2}.to_double() == -123.45);
  CHECK(Decimal{1, 30}.to_double() == 1e30);
  CHECK(Decimal{1, 400}.to_double() == std::numeric_limits<double>::max());  // never inf
  CHECK(Decimal{1, -400}.to_double() == 0.0);
}

TEST_CASE("Decimal::is_integer") {
  CHECK(Decimal{31, 7}.is_integer());
  CHECK(Decimal{2000, -3}.is_integer());
  CHECK_FALSE(Decimal{998, -1}.is_integer());
  CHECK(Decimal{0, -3}.is_integer());
  CHECK_FALSE(Decimal{1, 19}.is_integer());  // does not fit int64
  CHECK(Decimal{9, 18}.is_integer());
  // Positive exponents are judged without normalizing: up to the int64 ends.
  CHECK(Decimal{922337203685477580, 1}.is_integer());
  CHECK_FALSE(Decimal{922337203685477581, 1}.is_integer());
  CHECK(Decimal{-922337203685477580, 1}.is_integer());
  CHECK(Decimal{-9223372036854775800, 0}.is_integer());
  CHECK(Decimal{-9223372036854775, 3}.is_integer());
  CHECK_FALSE(Decimal{-9223372036854776, 3}.is_integer());
  CHECK(Decimal{-9, 18}.is_integer());
  CHECK_FALSE(Decimal{10, 18}.is_integer());
  CHECK(Decimal{0, 40}.is_integer());
  CHECK_FALSE(Decimal{1, 40}.is_integer());
  CHECK(Decimal{5000, 1}.is_integer());
  // Exponent 0: every int64 mantissa, to both ends.
  CHECK(Decimal{-7, 0}.is_integer());
  CHECK(Decimal{0, 0}.is_integer());
  CHECK(Decimal{std::numeric_limits<std::int64_t>::max(), 0}.is_integer());
  CHECK(Decimal{std::numeric_limits<std::int64_t>::min(), 0}.is_integer());
}

TEST_CASE("Decimal::parse reads plain decimal notation") {
  CHECK(Decimal::parse("-12.50") == Decimal{-125, -1});
  CHECK(Decimal::parse("10000") == Decimal{1, 4});
  CHECK(Decimal::parse("0.001") == Decimal{1, -3});
  CHECK(Decimal::parse("+3") == Decimal{3, 0});
  CHECK(Decimal::parse("0") == Decimal{0, 0});
  CHECK(Decimal::parse(".5") == Decimal{5, -1});
  CHECK(Decimal::parse("100000000000000000000000") == Decimal{1, 23});  // trailing zeros fold
  CHECK(Decimal::parse("-9223372036854775808") ==
        Decimal{std::numeric_limits<std::int64_t>::min(), 0});
  CHECK_FALSE(Decimal::parse(""));
  CHECK_FALSE(Decimal::parse("-"));
  CHECK_FALSE(Decimal::parse("1e5"));
  CHECK_FALSE(Decimal::parse("1.2.3"));
  CHECK_FALSE(Decimal::parse("12a"));
  CHECK_FALSE(Decimal::parse("12345678901234567890123"));  // too many significant digits
  CHECK_FALSE(Decimal::parse("9223372036854775808"));      // int64 max + 1
}

TEST_CASE("Decimal equality compares values, not representations") {
  CHECK(Decimal{31, 7} == Decimal{310000000, 0});
  CHECK(Decimal{5, -1} == Decimal{50, -2});
  CHECK(Decimal{0, 3} == Decimal{0, -2});
  CHECK(Decimal{5, -1} != Decimal{-5, -1});
  CHECK(Decimal{1, 0} != Decimal{1, 1});
}

TEST_CASE("kinds and bounds have names") {
  CHECK(std::string(bulletin::to_string(NumberKind::cardinal)) == "cardinal");
  CHECK(std::string(bulletin::to_string(NumberKind::percent)) == "percent");
  CHECK(std::string(bulletin::to_string(NumberKind::identifier)) == "identifier");
  CHECK(std::string(bulletin::to_string(Bound::lower)) == "lower");
  CHECK(std::string(bulletin::to_string(Bound::approx)) == "approx");
}
