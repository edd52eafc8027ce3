#include "detail/json_writer.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>

#include "detail/utf8_scan.hpp"

namespace bulletin::detail {

JsonWriter::JsonWriter(int indent, Sink sink, std::size_t chunk)
    : indent_(indent), sink_(std::move(sink)), chunk_(chunk) {
  capacity_ = chunk_ + chunk_ / 4;
  data_ = std::make_unique<char[]>(capacity_);
}

void JsonWriter::grow(std::size_t n) {
  const std::size_t capacity = std::max(capacity_ * 2, size_ + n);
  auto data = std::make_unique<char[]>(capacity);
  std::memcpy(data.get(), data_.get(), size_);
  data_ = std::move(data);
  capacity_ = capacity;
}

void JsonWriter::flush_buffer() {
  if (size_ > 0) {
    sink_(std::string_view(data_.get(), size_));
    ++flushes_;
  }
  size_ = 0;
}

void JsonWriter::finish() { flush_buffer(); }

void JsonWriter::open(char bracket) {
  before_value();
  if (depth_ >= kMaxDepth) throw std::logic_error("JSON nested too deeply to write");
  put(bracket);
  ++depth_;
  nonempty_ &= ~(std::uint64_t{1} << (depth_ - 1));
}

void JsonWriter::close(char bracket) {
  const bool had_members = (nonempty_ & (std::uint64_t{1} << (depth_ - 1))) != 0;
  --depth_;
  if (had_members) write_indent(depth_);
  put(bracket);
  maybe_flush();
}

void JsonWriter::key_text(std::string_view name) {
  before_value();
  escaped(name);
  put(indent_ < 0 ? std::string_view(":") : std::string_view(": "));
  after_key_ = true;
}

namespace {

// The escape nlohmann writes for each ASCII character that needs one, taken
// from nlohmann itself, so the rules stay the library's while a long turn
// with a few line breaks is not re-encoded character by character.
const std::array<std::string, 128>& ascii_escapes() {
  static const std::array<std::string, 128> escapes = [] {
    std::array<std::string, 128> table;
    for (int c = 0; c < 128; ++c) {
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      const std::string quoted = nlohmann::json(std::string(1, static_cast<char>(c))).dump();
      table[static_cast<std::size_t>(c)] = quoted.substr(1, quoted.size() - 2);
    }
    return table;
  }();
  return escapes;
}

struct TextScan {
  bool well_formed = true;
  bool needs_escape = false;
};

// For eight ASCII bytes at once: is any of them one JSON must escape (a
// control character, '"' or '\\')? With every byte below 0x80, subtracting
// borrows into a byte's high bit exactly when some byte is below the subtrahend.
bool ascii_word_needs_escape(std::uint64_t w) {
  const auto any_zero_byte = [](std::uint64_t x) {
    return ((x - kEveryByte) & ~x & kHighBits) != 0;
  };
  const bool control = ((w - kEveryByte * 0x20) & ~w & kHighBits) != 0;
  return control || any_zero_byte(w ^ (kEveryByte * '"')) || any_zero_byte(w ^ (kEveryByte * '\\'));
}

TextScan scan_text(std::string_view s) {
  TextScan scan;
  scan.well_formed =
      first_ill_formed_utf8(
          s, [&](std::uint64_t word) { scan.needs_escape |= ascii_word_needs_escape(word); },
          [&](std::uint8_t c) { scan.needs_escape |= c < 0x20 || c == '"' || c == '\\'; }) ==
      std::string_view::npos;
  return scan;
}

}  // namespace

// Almost every string is well-formed text with nothing to escape, written as
// it is; ASCII that needs escaping gets nlohmann's escape for it, and a string
// with ill-formed UTF-8 goes to nlohmann whole (its replacement rules).
void JsonWriter::escaped(std::string_view s) {
  const TextScan scan = scan_text(s);
  if (!scan.well_formed) {
    put(nlohmann::json(std::string(s))
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  if (!scan.needs_escape) {
    ensure(s.size() + 2);
    char* out = data_.get() + size_;
    *out++ = '"';
    std::memcpy(out, s.data(), s.size());
    out += s.size();
    *out++ = '"';
    size_ = static_cast<std::size_t>(out - data_.get());
    return;
  }
  const auto& escapes = ascii_escapes();
  put('"');
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<std::uint8_t>(s[i]);
    if (c >= 0x80 || escapes[c].empty()) continue;
    put(s.substr(run, i - run));
    put(escapes[c]);
    run = i + 1;
  }
  put(s.substr(run));
  put('"');
}

void JsonWriter::number(std::int64_t v) {
  before_value();
  ensure(24);
  const auto r = std::to_chars(data_.get() + size_, data_.get() + capacity_, v);
  size_ = static_cast<std::size_t>(r.ptr - data_.get());
}

void JsonWriter::number(std::uint64_t v) {
  before_value();
  ensure(24);
  const auto r = std::to_chars(data_.get() + size_, data_.get() + capacity_, v);
  size_ = static_cast<std::size_t>(r.ptr - data_.get());
}

// A decimal of at most 15 significant digits is the shortest text of the
// double nearest to it, so its own digits are what nlohmann would print; they
// are laid out the way nlohmann lays out a double (fixed between 1e-5 and
// 1e15, otherwise d.ddde±XX). The serializer test compares the two.
bool JsonWriter::short_decimal(std::int64_t mantissa, std::int32_t exponent) {
  if (mantissa == 0 || mantissa == INT64_MIN) return false;
  while (mantissa % 10 == 0) {
    mantissa /= 10;
    ++exponent;
  }
  char digits[24];
  const bool negative = mantissa < 0;
  const auto r = std::to_chars(digits, digits + sizeof digits, negative ? -mantissa : mantissa);
  const int k = static_cast<int>(r.ptr - digits);
  constexpr int kMaxDigits = 15;
  constexpr int kMaxExp = 15;
  constexpr int kMinExp = -4;
  if (k > kMaxDigits || exponent < -400 || exponent > 400) return false;
  const int n = k + exponent;  // the decimal point's place after the first digit
  before_value();
  ensure(k + 32);
  if (negative) put_unchecked('-');
  const std::string_view d(digits, static_cast<std::size_t>(k));
  if (k <= n && n <= kMaxExp) {
    put_unchecked(d);
    for (int i = k; i < n; ++i) put_unchecked('0');
    put_unchecked(".0");
  } else if (0 < n && n <= kMaxExp) {
    put_unchecked(d.substr(0, static_cast<std::size_t>(n)));
    put_unchecked('.');
    put_unchecked(d.substr(static_cast<std::size_t>(n)));
  } else if (kMinExp < n && n <= 0) {
    put_unchecked("0.");
    for (int i = n; i < 0; ++i) put_unchecked('0');
    put_unchecked(d);
  } else {
    put_unchecked(d[0]);
    if (k > 1) {
      put_unchecked('.');
      put_unchecked(d.substr(1));
    }
    const int e = n - 1;
    put_unchecked('e');
    put_unchecked(e < 0 ? '-' : '+');
    const int magnitude = e < 0 ? -e : e;
    if (magnitude < 10) put_unchecked('0');
    char exp_digits[8];
    const auto er = std::to_chars(exp_digits, exp_digits + sizeof exp_digits, magnitude);
    put_unchecked(std::string_view(exp_digits, static_cast<std::size_t>(er.ptr - exp_digits)));
  }
  return true;
}

// Floating-point text is left to nlohmann so that it reads back exactly as
// the DOM-based output did (shortest round trip, its exponent style).
void JsonWriter::real(double v) {
  before_value();
  put(nlohmann::json(v).dump());
}

}  // namespace bulletin::detail
