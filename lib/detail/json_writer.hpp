// Streaming JSON writer: appends straight into one buffer and hands it to a
// sink in pieces, so a document with fifty thousand facts is written without
// building a DOM of it (the DOM cost more time and memory than parsing did).
// The layout matches nlohmann::json::dump byte for byte at any indent; the
// serializer test holds it to that.
#pragma once

#include <bit>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string_view>

namespace bulletin::detail {

class JsonWriter {
 public:
  using Sink = std::function<void(std::string_view)>;

  /// `indent` < 0: one line, no spaces. The sink receives pieces of about
  /// `chunk` bytes, and the rest at finish().
  JsonWriter(int indent, Sink sink, std::size_t chunk = 1 << 16);
  /// A writer with no sink: it keeps all it writes, as written(), until
  /// clear_written(). finish() is not to be called on it.
  explicit JsonWriter(int indent);

  /// A keeping writer's bytes since the last clear_written().
  [[nodiscard]] std::string_view written() const { return {data_.get(), size_}; }
  /// Drops what a keeping writer holds; its room and its place (depth,
  /// members written) stay.
  void clear_written() {
    size_ = 0;
    ++flushes_;  // marks made before point at bytes no longer there
  }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  /// A member name that is a plain lowercase ASCII word (the contract's field
  /// names): written as it is.
  [[gnu::always_inline]] void key(std::string_view word) {
    assert(is_plain_word(word) && depth_ > 0 && !after_key_);
    // One bounds check and one store of size_ per key: the key is written
    // through a local pointer, as stores through char* would otherwise make
    // the compiler reload the members after every byte.
    const std::uint64_t bit = std::uint64_t{1} << (depth_ - 1);
    const bool comma = (nonempty_ & bit) != 0;
    nonempty_ |= bit;
    const std::size_t indent =
        indent_ < 0 ? 0 : 1 + static_cast<std::size_t>(depth_) * static_cast<std::size_t>(indent_);
    ensure(word.size() + indent + 5);
    char* out = data_.get() + size_;
    if (comma) *out++ = ',';
    if (indent > 0) {
      *out = '\n';
      std::memset(out + 1, ' ', indent - 1);
      out += indent;
    }
    *out++ = '"';
    std::memcpy(out, word.data(), word.size());
    out += word.size();
    *out++ = '"';
    *out++ = ':';
    if (indent_ >= 0) *out++ = ' ';
    size_ = static_cast<std::size_t>(out - data_.get());
    after_key_ = true;
  }
  /// A member name taken from the text (metadata keys): escaped as needed.
  void key_text(std::string_view name);

  void string(std::string_view s) {
    before_value();
    escaped(s);
    maybe_flush();
  }
  void number(std::int64_t v);
  void number(std::uint64_t v);
  void number(int v) { number(static_cast<std::int64_t>(v)); }
  void real(double v);
  /// mantissa × 10^exponent as nlohmann would print the nearest double;
  /// false (nothing written) when that cannot be told without the double.
  bool short_decimal(std::int64_t mantissa, std::int32_t exponent);
  void boolean(bool v) { literal(v ? "true" : "false"); }
  void null() { literal("null"); }

  /// A string known to need no escaping and to be UTF-8: the name of an
  /// enumerator, written as it is.
  void known_string(std::string_view s) {
    assert(is_plain_word(s));
    before_value();
    ensure(s.size() + 2);
    put_unchecked('"');
    put_unchecked(s);
    put_unchecked('"');
  }

  /// Where the next value starts, so that the JSON it is written as can be
  /// taken with written_since() and given to raw_value() to write it again.
  struct Mark {
    std::size_t at = 0;
    std::uint64_t flushes = 0;
  };
  [[nodiscard]] Mark mark() const { return {size_, flushes_}; }
  /// What was written since `m`; empty when part of it has gone to the sink.
  [[nodiscard]] std::string_view written_since(Mark m) const {
    if (m.flushes != flushes_) return {};
    return {data_.get() + m.at, size_ - m.at};
  }
  /// A value as this writer wrote it before, at the same depth.
  void raw_value(std::string_view json) {
    before_value();
    put(json);
    maybe_flush();
  }

  /// Writes what follows as members of a nonempty array at `depth` (1 for
  /// a top-level array), as a writer that is there writes them, each after
  /// a comma: a part of an array rendered apart, for rendered_values().
  void resume_array(int depth) {
    assert(depth >= 0 && depth <= kMaxDepth && depth_ == 0);
    depth_ = depth;
    if (depth > 0) nonempty_ |= std::uint64_t{1} << (depth - 1);
  }
  /// Values a writer at resume_array(this writer's depth) rendered, written
  /// as the next members here: the comma before them is dropped when they
  /// are the first. Given to the sink as they are, not copied.
  void rendered_values(std::string_view json) {
    if (json.empty()) return;
    if (depth_ > 0) {
      const std::uint64_t bit = std::uint64_t{1} << (depth_ - 1);
      assert(json.front() == ',');
      if ((nonempty_ & bit) == 0) json.remove_prefix(1);
      nonempty_ |= bit;
    }
    flush_buffer();
    sink_(json);
    ++flushes_;
  }

  /// Whether values go on one line with no spaces (indent < 0).
  [[nodiscard]] bool compact() const { return indent_ < 0; }

  // A run: one compact value that the caller lays out itself, straight into
  // the buffer. A fact has twenty-odd members, and the bookkeeping per member
  // (commas, indentation, room) cost more than writing them.
  /// Places the run where the next value goes.
  void begin_run() { before_value(); }
  /// Where to write the next `n` bytes of the run.
  [[nodiscard]] char* run_room(std::size_t n) {
    ensure(n);
    return data_.get() + size_;
  }
  /// Takes the run's bytes up to `end`, written into what run_room() gave.
  void run_written_to(const char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }
  /// `s` as a JSON string at the end of the run, as string() writes it;
  /// whatever run_room() gave before is void after it.
  void run_string(std::string_view s) { escaped(s); }
  /// `v` at the end of the run, as real() writes it.
  void run_real(double v);
  void end_run() { maybe_flush(); }

  // The text value writers put, written at `out`; each returns its end.
  /// At most 20 bytes, and no fewer than 8 when `v` is 100 or more (what is
  /// written past the end it returns is undefined).
  [[gnu::always_inline]] static char* integer_text(char* out, std::uint64_t v) {
    if (v < 100) {
      if (v < 10) {
        *out = static_cast<char>('0' + v);
        return out + 1;
      }
      std::memcpy(out, kDigitPairs + 2 * v, 2);
      return out + 2;
    }
    if (v < 100000000) return eight_digits_text(out, static_cast<std::uint32_t>(v));
    const int length = decimal_length(v);
    char* const end = out + length;
    char* p = end;
    while (v >= 100) {
      const std::uint64_t pair = v % 100;
      v /= 100;
      p -= 2;
      std::memcpy(p, kDigitPairs + 2 * pair, 2);
    }
    if (v >= 10) {
      std::memcpy(p - 2, kDigitPairs + 2 * v, 2);
    } else {
      p[-1] = static_cast<char>('0' + v);
    }
    return end;
  }
  /// At most 20 bytes, as integer_text() above.
  [[gnu::always_inline]] static char* integer_text(char* out, std::int64_t v) {
    if (v >= 0) return integer_text(out, static_cast<std::uint64_t>(v));
    *out = '-';
    return integer_text(out + 1, ~static_cast<std::uint64_t>(v) + 1);
  }
  /// What short_decimal() writes, at most 48 bytes; nullptr where it writes nothing.
  static char* short_decimal_text(char* out, std::int64_t mantissa, std::int32_t exponent);
  /// `s` quoted, s.size() + 2 bytes, when it is well-formed UTF-8 with nothing
  /// to escape; else nullptr. Either way it may write as far as
  /// s.size() + kPlainStringSlack bytes from `out`, and what it writes past
  /// the end it returns is undefined.
  static char* plain_string_text(char* out, std::string_view s);
  static constexpr std::size_t kPlainStringSlack = 16;

  /// A line break between top-level values (JSON Lines).
  void newline() {
    put('\n');
    maybe_flush();
  }
  /// Passes what is buffered to the sink.
  void finish();

 private:
  static constexpr int kMaxDepth = 64;
  static constexpr char kDigitPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";

  // Spans, lines and values are mostly of three to eight digits, which are
  // worked out all at once, in lanes of one word: the halves of four digits,
  // their hundreds and the rest, then their tens and ones, a byte each. The
  // multiplications stand for divisions by 100 and by 10, exact in the
  // lanes' ranges (below 10^4 and 10^2), and no lane reaches the next.
  [[gnu::always_inline]] static char* eight_digits_text(char* out, std::uint32_t v) {
    assert(v >= 100 && v < 100000000);
    const std::uint64_t halves = v / 10000 | std::uint64_t{v % 10000} << 32;
    const std::uint64_t hundreds = ((halves * 10486) >> 20) & 0x0000007F0000007FULL;
    const std::uint64_t pairs = hundreds | (halves - hundreds * 100) << 16;
    const std::uint64_t tens = ((pairs * 103) >> 10) & 0x000F000F000F000FULL;
    const std::uint64_t digits = tens | (pairs - tens * 10) << 8;
    // The first digit in the lowest byte: the leading zeros are the low zero
    // bytes, and there is a nonzero digit among the first six.
    const int zeros = std::countr_zero(digits) / 8;
    std::uint64_t text = (digits >> (8 * zeros)) + 0x3030303030303030ULL;
    if constexpr (std::endian::native == std::endian::big) text = __builtin_bswap64(text);
    std::memcpy(out, &text, 8);
    return out + (8 - zeros);
  }

  static int decimal_length(std::uint64_t v) {
    // The bit length tells the digit count to within one (1233 / 4096 is
    // just above log10(2)); one comparison with a power of ten settles it.
    static constexpr std::uint64_t kPowers[] = {1ULL,
                                                10ULL,
                                                100ULL,
                                                1000ULL,
                                                10000ULL,
                                                100000ULL,
                                                1000000ULL,
                                                10000000ULL,
                                                100000000ULL,
                                                1000000000ULL,
                                                10000000000ULL,
                                                100000000000ULL,
                                                1000000000000ULL,
                                                10000000000000ULL,
                                                100000000000000ULL,
                                                1000000000000000ULL,
                                                10000000000000000ULL,
                                                100000000000000000ULL,
                                                1000000000000000000ULL,
                                                10000000000000000000ULL};
    // v | 1 has as many digits as v (a power of ten is even), and is not 0.
    const std::uint64_t x = v | 1;
    const int bits = static_cast<int>(std::bit_width(x));
    const int guess = (bits * 1233) >> 12;
    return guess + 1 - (x < kPowers[guess] ? 1 : 0);
  }

  static bool is_plain_word(std::string_view s) {
    for (char c : s) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
  }

  void before_value() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ == 0) return;
    const std::uint64_t bit = std::uint64_t{1} << (depth_ - 1);
    if ((nonempty_ & bit) != 0) put(',');
    nonempty_ |= bit;
    write_indent(depth_);
  }
  void write_indent(int depth) {
    if (indent_ < 0) return;
    const std::size_t n = static_cast<std::size_t>(depth) * static_cast<std::size_t>(indent_);
    ensure(n + 1);
    data_[size_++] = '\n';
    std::memset(data_.get() + size_, ' ', n);
    size_ += n;
  }
  void literal(std::string_view text) {
    before_value();
    put(text);
  }
  void open(char bracket);
  void close(char bracket);
  void escaped(std::string_view s);
  void maybe_flush() {
    if (size_ >= chunk_) flush_buffer();
  }
  void flush_buffer();

  void ensure(std::size_t n) {
    if (size_ + n > capacity_) grow(n);
  }
  void grow(std::size_t n);
  void grow_to(std::size_t capacity);
  void put_unchecked(char c) { data_[size_++] = c; }
  void put_unchecked(std::string_view s) {
    std::memcpy(data_.get() + size_, s.data(), s.size());
    size_ += s.size();
  }
  void put(char c) {
    ensure(1);
    put_unchecked(c);
  }
  void put(std::string_view s) {
    ensure(s.size());
    put_unchecked(s);
  }

  int indent_;
  Sink sink_;
  std::size_t chunk_;
  struct FreeBuffer {
    void operator()(char* p) const noexcept { std::free(p); }
  };
  std::unique_ptr<char[], FreeBuffer> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
  int depth_ = 0;
  std::uint64_t nonempty_ = 0;  // bit d-1: the container at depth d has a member
  bool after_key_ = false;
  std::uint64_t flushes_ = 0;  // pieces given to the sink
};

}  // namespace bulletin::detail
