// Finding any of a fixed list of words in one pass over a text.
//
// The extractor asks "does this clause hold a plan word / a base of
// comparison" for every figure; a find() per word made that the hottest part
// of parsing. Here a table keyed by the two bytes after a character's first
// byte (the bytes that vary in Chinese UTF-8) rejects almost every position
// before any word is compared.
#pragma once

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bulletin::detail {

class WordSet {
 public:
  template <typename Words>
  explicit WordSet(const Words& words) {
    for (std::string_view w : words) {
      if (w.size() >= 3) {
        keys_.set(key(w.data()));
        starts_[static_cast<unsigned char>(w.front())] = true;
        by_head_[bucket(head(w.data()))].push_back(words_.size());
      } else {
        short_words_ = true;
      }
      words_.push_back({w, w.size() >= 3 ? head(w.data()) : 0});
    }
  }

  /// Calls visit(position, word index) for each place a word starts, in
  /// order of position (and of the list at one position) until visit returns
  /// false. Positions are byte offsets at code point starts.
  template <typename Visit>
  void scan(std::string_view text, Visit&& visit) const {
    const std::size_t n = text.size();
    const char* const bytes = text.data();
    // Tries the words that may start at i; false once visit says to stop.
    const auto words_at = [&](std::size_t i, bool whole_head) {
      const std::uint32_t at_head = whole_head ? head(bytes + i) : 0;
      const std::size_t rest = n - i;
      const auto try_word = [&](std::size_t k) {
        const Word& w = words_[k];
        const std::size_t size = w.text.size();
        if (rest < size || (size >= 3 && w.head != at_head)) return true;
        return std::char_traits<char>::compare(bytes + i, w.text.data(), size) != 0 || visit(i, k);
      };
      if (short_words_) {
        for (std::size_t k = 0; k < words_.size(); ++k) {
          if (!try_word(k)) return false;
        }
      } else {
        // Words that start here share their first three bytes, and so
        // their bucket, which keeps them in list order.
        for (std::size_t k : by_head_[bucket(at_head)]) {
          if (!try_word(k)) return false;
        }
      }
      return true;
    };
    for (std::size_t i = next_candidate(bytes, 0, n); i < n; i = next_candidate(bytes, i + 1, n)) {
      // The bytes after a candidate's lead are continuation bytes or
      // candidates of their own, so the search goes on from the next byte.
      if (!words_at(i, i + 3 <= n)) return;
    }
  }

 private:
  struct Word {
    std::string_view text;
    std::uint32_t head;  // its first three bytes, when it has them
  };

  /// The first place at or after `i` where a word may start, or `n`. Kept
  /// apart from scan so that the loop over every character holds its state
  /// in registers: the visitor, which may write anywhere, is never inlined
  /// into it.
  std::size_t next_candidate(const char* bytes, std::size_t i, std::size_t n) const {
    for (; i + 3 <= n;) {
      const auto lead = static_cast<unsigned char>(bytes[i]);
      const std::size_t at_key = key(bytes + i);
      // Most of a Chinese text: a whole three-byte character (a lead byte
      // and two continuation bytes), rejected by its key alone and stepped
      // over at once.
      if ((lead & 0xF0) == 0xE0 && (at_key & 0xC0C0) == 0x8080) {
        if (short_words_ || keys_[at_key]) return i;
        i += 3;
        continue;
      }
      if ((lead & 0xC0) == 0x80) {
        ++i;
        continue;
      }
      // Digits and ASCII punctuation, which no listed word starts with, are
      // passed over on their first byte.
      if (short_words_ || (starts_[lead] && keys_[at_key])) return i;
      ++i;
    }
    // Fewer than three bytes are left: only a shorter word starts here.
    if (short_words_) {
      for (; i < n; ++i) {
        if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) return i;
      }
    }
    return n;
  }

  static std::size_t key(const char* p) {
    return static_cast<std::size_t>(static_cast<unsigned char>(p[1])) << 8 |
           static_cast<unsigned char>(p[2]);
  }
  static std::uint32_t head(const char* p) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(p[0])) << 16 |
           static_cast<std::uint32_t>(key(p));
  }

  static std::size_t bucket(std::uint32_t head) { return (head * 2654435761u) >> 26; }

  std::vector<Word> words_;
  std::bitset<65536> keys_;
  std::array<bool, 256> starts_{};  // the first bytes of the words of three bytes or more
  std::array<std::vector<std::size_t>, 64> by_head_;  // indices of words_, by bucket(head)
  bool short_words_ = false;
};

/// Which words of a fixed list a string starts (or ends) with, without
/// comparing every word: words are bucketed by their first (or last) code
/// point, and only that bucket is compared, in the list's order.
class AffixIndex {
 public:
  enum class Side { prefix, suffix };

  template <typename Words>
  AffixIndex(const Words& words, Side side) : side_(side) {
    for (std::string_view w : words) {
      if (w.empty()) continue;
      buckets_[bucket(edge(w))].push_back(w);
    }
  }

  /// Calls visit(word) for each listed word that `s` starts (or ends) with,
  /// in list order, until visit returns true; returns whether one did.
  template <typename Visit>
  bool any(std::string_view s, Visit&& visit) const {
    if (s.empty()) return false;
    for (std::string_view w : buckets_[bucket(edge(s))]) {
      if (w.size() > s.size()) continue;
      const std::string_view part =
          side_ == Side::prefix ? s.substr(0, w.size()) : s.substr(s.size() - w.size());
      if (part == w && visit(w)) return true;
    }
    return false;
  }

  /// The first listed word `s` starts (or ends) with; empty when none.
  [[nodiscard]] std::string_view first(std::string_view s) const {
    std::string_view found;
    any(s, [&](std::string_view w) {
      found = w;
      return true;
    });
    return found;
  }

  /// The longest listed word `s` starts (or ends) with; empty when none.
  [[nodiscard]] std::string_view longest(std::string_view s) const {
    std::string_view found;
    any(s, [&](std::string_view w) {
      if (w.size() > found.size()) found = w;
      return false;
    });
    return found;
  }

  /// True when `s` is one of the words.
  [[nodiscard]] bool contains(std::string_view s) const {
    return any(s, [&](std::string_view w) { return w.size() == s.size(); });
  }

 private:
  // The first or last code point, read from the raw bytes: the lead byte and
  // its continuation bytes (or the trailing ones) are enough to bucket by.
  [[nodiscard]] std::uint32_t edge(std::string_view s) const {
    // Most words start and end with a whole three-byte character, read at
    // once; the loops below give the same value for it.
    const std::size_t n = s.size();
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const auto continues = [&](std::size_t i) { return (byte(i) & 0xC0) == 0x80; };
    if (side_ == Side::prefix && n >= 3 && continues(1) && continues(2) &&
        (n == 3 || !continues(3))) {
      return static_cast<std::uint32_t>(byte(0)) << 16 | byte(1) << 8 | byte(2);
    }
    if (side_ == Side::suffix && n >= 3 && continues(n - 1) && continues(n - 2) &&
        !continues(n - 3)) {
      return static_cast<std::uint32_t>(byte(n - 3)) << 16 | byte(n - 2) << 8 | byte(n - 1);
    }
    std::uint32_t v = 0;
    if (side_ == Side::prefix) {
      std::size_t i = 0;
      do {
        v = v << 8 | static_cast<unsigned char>(s[i]);
        ++i;
      } while (i < s.size() && i < 4 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
    } else {
      std::size_t i = s.size();
      unsigned shift = 0;
      do {
        --i;
        v |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])) << shift;
        shift += 8;
      } while (i > 0 && shift < 32 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
    }
    return v;
  }
  static std::size_t bucket(std::uint32_t edge) { return (edge * 2654435761u) >> 24; }

  Side side_;
  std::array<std::vector<std::string_view>, 256> buckets_;
};

}  // namespace bulletin::detail
