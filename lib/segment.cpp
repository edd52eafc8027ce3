#include "bulletin/segment.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <system_error>

#include "detail/lexicon.hpp"
#include "detail/prefault.hpp"
#include "detail/segment_util.hpp"
#include "detail/text.hpp"
#include "detail/worker.hpp"

namespace bulletin {
namespace {

using detail::count_code_points;
using detail::ends_with;
using detail::find_word;
using detail::is_han;
using detail::is_plain_three_byte_at;
using detail::next_code_point;
using detail::prev_code_point;
using detail::starts_with;
using detail::trim;

constexpr std::size_t kMaxLabelCodePoints = 24;
constexpr std::size_t kMaxTitleCodePoints = 100;
constexpr std::size_t kMaxDiagnostics = 1000;
/// Below this many bytes of text, a second thread for the roster or the
/// headings costs about what it saves.
constexpr std::size_t kSegmentingWorthAThread = 1 << 18;

/// A line of the normalized text, trimmed.
struct TextLine {
  std::size_t begin = 0;  // first non-blank byte
  std::size_t end = 0;    // one past the last non-blank byte
  std::size_t raw_begin = 0;
  std::size_t raw_end = 0;
};

struct LabelMatch {
  std::size_t begin = 0;       // label start (the line's first byte)
  std::size_t body_begin = 0;  // first byte after label, colon and blanks
  std::string label;           // as written, without brackets and colon
  Role role = Role::unknown;
  TurnKind kind = TurnKind::statement;
  std::string speaker;
  std::string outlet;
  bool name_shape_only = false;  // accepted only because it looks like a name
  bool alone = false;            // nothing follows the label on its line
};

bool is_surname_at(std::string_view s, std::size_t& length) {
  for (auto compound : detail::kCompoundSurnames) {
    if (starts_with(s, compound)) {
      length = compound.size();
      return true;
    }
  }
  std::size_t pos = 0;
  const char32_t first = next_code_point(s, pos);
  if (!is_han(first)) return false;
  if (detail::kSurnames.find(s.substr(0, pos)) == std::string_view::npos) return false;
  length = pos;
  return true;
}

bool all_han(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (!is_han(next_code_point(s, pos))) return false;
  }
  return !s.empty();
}

/// 2–4 Han characters starting with a surname, at most two after it.
bool looks_like_name(std::string_view s) {
  if (!all_han(s)) return false;
  const std::size_t n = count_code_points(s);
  std::size_t surname = 0;
  if (!is_surname_at(s, surname)) return false;
  const std::size_t given = n - count_code_points(s.substr(0, surname));
  return given >= 1 && given <= 2;
}

std::string_view rank_suffix(std::string_view title) {
  std::string_view best;
  for (auto rank : detail::kRanks) {
    if (rank.size() > best.size() && ends_with(title, rank)) best = rank;
  }
  return best;
}

/// Splits 建设局副局长宋敏 into title and name; the name is the shortest tail
/// that starts with a surname and leaves a title ending in a rank.
std::optional<Speaker> split_title_and_name(std::string_view chunk) {
  if (!all_han(chunk)) return std::nullopt;
  std::size_t pos = chunk.size();
  for (int taken = 1; taken <= 4 && pos > 0; ++taken) {
    detail::prev_code_point(chunk, pos);
    if (taken < 2) continue;
    std::string_view name = chunk.substr(pos);
    std::string_view title = chunk.substr(0, pos);
    if (!looks_like_name(name) || title.empty()) continue;
    std::string_view rank = rank_suffix(title);
    if (rank.empty()) continue;
    return Speaker{std::string(name), std::string(title),
                   std::string(title.substr(0, title.size() - rank.size()))};
  }
  return std::nullopt;
}

bool is_roster_delimiter(char32_t c) {
  switch (c) {
    case U'、':
    case U',':
    case U'。':
    case U';':
    case U':':
    case U'\n':
    case U'和':
    case U'及':
    case U'与':
    case U'请':
    case U'了':
    case U'到':
    case U'有':
    case U'的':
    case U' ':
    case U'(':
    case U')':
    case U'“':
    case U'”':
      return true;
    default:
      return false;
  }
}

/// Officials introduced anywhere in the text as TITLE+NAME+同志/先生/女士.
std::vector<Speaker> find_roster(std::string_view text) {
  std::vector<Speaker> roster;
  for (auto honorific : detail::kHonorifics) {
    for (std::size_t at = find_word(text, honorific); at != std::string_view::npos;
         at = find_word(text, honorific, at + honorific.size())) {
      std::size_t begin = at;
      std::size_t taken = 0;
      while (begin > 0 && taken < 30) {
        std::size_t prev = begin;
        const char32_t c = detail::prev_code_point(text, prev);
        if (is_roster_delimiter(c) || !is_han(c)) break;
        begin = prev;
        ++taken;
      }
      auto speaker = split_title_and_name(text.substr(begin, at - begin));
      if (!speaker) continue;
      const bool known = std::any_of(roster.begin(), roster.end(),
                                     [&](const Speaker& s) { return s.name == speaker->name; });
      if (!known) roster.push_back(std::move(*speaker));
    }
  }
  return roster;
}

/// A roster entry named by surname + rank (宋局长, 于主任) or by full name.
const Speaker* resolve_reference(const std::vector<Speaker>& roster, std::string_view ref) {
  for (const auto& s : roster) {
    if (ref == s.name) return &s;
  }
  std::size_t surname = 0;
  if (!is_surname_at(ref, surname)) return nullptr;
  std::string_view rest = ref.substr(surname);
  const Speaker* found = nullptr;
  int matches = 0;
  for (const auto& s : roster) {
    if (!starts_with(s.name, ref.substr(0, surname))) continue;
    if (!rest.empty() && s.title.find(rest) == std::string::npos) continue;
    found = &s;
    ++matches;
  }
  return matches == 1 ? found : nullptr;
}

bool has_punctuation(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const char32_t c = next_code_point(s, pos);
    if (c == U'·' || c == U'(' || c == U')') continue;
    if (!is_han(c) && !(c < 0x80 && std::isalnum(static_cast<int>(c)))) return true;
  }
  return false;
}

/// Classifies a label candidate by its shape. Returns false if it is not a label.
bool classify_label(std::string_view candidate, const std::vector<Speaker>& roster,
                    LabelMatch& out) {
  std::string_view label = trim(candidate);
  if (label.empty() || count_code_points(label) > kMaxLabelCodePoints) return false;
  out.label = std::string(label);
  // 主持人 / 主持人 张三 / 主持人张三
  for (std::string_view host : {"主持人", "主持"}) {
    if (starts_with(label, host)) {
      std::string_view rest = trim(label.substr(host.size()));
      if (rest.empty() || looks_like_name(rest)) {
        out.role = Role::host;
        out.speaker = rest.empty() ? std::string("主持人") : std::string(rest);
        return true;
      }
    }
  }
  if (label == "问" || label == "問" || label == "提问" || label == "提問" || label == "记者" ||
      label == "記者" || label == "记者问" || label == "记者提问" || label == "提问记者") {
    out.role = Role::reporter;
    out.kind = TurnKind::question;
    out.speaker = std::string(label);
    return true;
  }
  if (label == "答" || label == "回答" || label == "答复") {
    out.role = Role::answer;
    out.kind = TurnKind::answer;
    out.speaker = std::string(label);
    return true;
  }
  for (std::string_view suffix : {"记者提问", "記者提問", "记者问", "記者問", "记者", "記者"}) {
    if (ends_with(label, suffix) && label.size() > suffix.size()) {
      std::string_view outlet = label.substr(0, label.size() - suffix.size());
      if (has_punctuation(outlet) || count_code_points(outlet) > 16) return false;
      out.role = Role::reporter;
      out.kind = TurnKind::question;
      out.outlet = std::string(outlet);
      const bool traditional = suffix.find("記者") != std::string_view::npos;
      out.speaker = std::string(outlet) + (traditional ? "記者" : "记者");
      return true;
    }
  }
  // 宋敏(建设局副局长)
  std::string_view name_part = label;
  const std::size_t paren = label.find('(');
  if (paren != std::string_view::npos && ends_with(label, ")")) {
    name_part = trim(label.substr(0, paren));
  }
  for (const auto& s : roster) {
    if (name_part == s.name ||
        (ends_with(name_part, s.name) && name_part.size() > s.name.size() &&
         !rank_suffix(name_part.substr(0, name_part.size() - s.name.size())).empty())) {
      out.role = Role::official;
      out.speaker = s.name;
      return true;
    }
  }
  if (auto titled = split_title_and_name(name_part)) {
    out.role = Role::official;
    out.speaker = titled->name;
    return true;
  }
  if (const Speaker* s = resolve_reference(roster, name_part);
      s != nullptr && name_part != s->name) {
    out.role = Role::official;
    out.speaker = s->name;
    return true;
  }
  if (looks_like_name(name_part)) {
    out.role = Role::official;
    out.speaker = std::string(name_part);
    out.name_shape_only = paren == std::string_view::npos;
    return true;
  }
  // Surname + rank without a roster entry (王主任), or a post (市统计局新闻发言人).
  if (all_han(name_part) && !rank_suffix(name_part).empty() && count_code_points(name_part) <= 20) {
    out.role = Role::official;
    out.speaker = std::string(name_part);
    return true;
  }
  return false;
}

bool ends_clause(char32_t c) {
  return c == U'。' || c == U';' || c == U':' || c == U'!' || c == U'?' || c == U'”';
}

std::size_t skip_blanks(std::string_view text, std::size_t pos, std::size_t end) {
  while (pos < end && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  return pos;
}

/// A speaker label at the start of `line`, in any of the shapes real releases use.
std::optional<LabelMatch> match_label(std::string_view text, const TextLine& line,
                                      const std::vector<Speaker>& roster) {
  const std::string_view content(text.data() + line.begin, line.end - line.begin);
  // A label is bracketed, ends at a colon near the line's start, or is a
  // reporter's (…记者提问) near its start. Most lines are none of these, and
  // are told so before anything is decoded or built.
  const bool bracketed = starts_with(content, "【") || starts_with(content, "[");
  // A colon the loop below reaches starts one of the first
  // kMaxLabelCodePoints + 1 code points, of at most four bytes each.
  const std::size_t colon_reach = std::min(content.size(), kMaxLabelCodePoints * 4 + 1);
  const bool colon_near = std::memchr(content.data(), ':', colon_reach) != nullptr;
  constexpr std::size_t kMaxOutletCodePoints = 16;
  // Every reporter's marker has 者 second.
  constexpr std::size_t kLongestMarker = std::string_view("记者提问").size();
  const std::string_view reporter_reach(
      content.data(), std::min(content.size(), kMaxOutletCodePoints * 4 + kLongestMarker));
  const bool reporter_near = find_word(reporter_reach, "者") != std::string_view::npos;
  if (!bracketed && !colon_near && !reporter_near) return std::nullopt;
  LabelMatch m;
  m.begin = line.begin;
  // 【主持人】 [问]
  for (auto [open, close] :
       {std::pair<std::string_view, std::string_view>{"【", "】"}, {"[", "]"}}) {
    if (!starts_with(content, open)) continue;
    const std::size_t closing = content.find(close, open.size());
    if (closing == std::string_view::npos) continue;
    if (!classify_label(content.substr(open.size(), closing - open.size()), roster, m)) continue;
    std::size_t body = line.begin + closing + close.size();
    body = skip_blanks(text, body, line.end);
    if (body < line.end && text[body] == ':') body = skip_blanks(text, body + 1, line.end);
    m.body_begin = body;
    m.alone = body >= line.end;
    m.name_shape_only = false;
    return m;
  }
  // NAME: text
  std::size_t pos = 0;
  for (std::size_t n = 0; colon_near && pos < content.size() && n <= kMaxLabelCodePoints; ++n) {
    if (content[pos] == ':') {
      if (!classify_label(content.substr(0, pos), roster, m)) return std::nullopt;
      m.body_begin = skip_blanks(text, line.begin + pos + 1, line.end);
      m.alone = m.body_begin >= line.end;
      return m;
    }
    const char32_t c = next_code_point(content, pos);
    if (c == U'。' || c == U',' || c == U';' || c == U'!' || c == U'?') break;
  }
  // 威海晚报记者提问请问于主任,…  (a reporter's label with no colon)
  if (!reporter_near) return std::nullopt;
  for (std::string_view marker : {"记者提问", "記者提問", "记者问", "記者問"}) {
    // Past 16 code points of at most four bytes the marker cannot qualify:
    // long paragraphs are not searched to their end.
    const std::size_t at =
        find_word(content.substr(0, kMaxOutletCodePoints * 4 + marker.size()), marker);
    if (at == std::string_view::npos ||
        count_code_points(content.substr(0, at)) > kMaxOutletCodePoints) {
      continue;
    }
    if (!classify_label(content.substr(0, at + marker.size()), roster, m)) continue;
    m.body_begin = skip_blanks(text, line.begin + at + marker.size(), line.end);
    m.alone = m.body_begin >= line.end;
    return m;
  }
  return std::nullopt;
}

bool ends_with_document_kind(std::string_view line) {
  for (auto kind : detail::kDocumentKinds) {
    if (ends_with(line, kind)) return true;
  }
  return false;
}

/// Whether `s` equals `lower` once its ASCII capitals are lowered.
bool equals_ignoring_ascii_case(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] + 32) : s[i];
    if (c != lower[i]) return false;
  }
  return true;
}

constexpr std::size_t kLongestNoise = [] {
  std::size_t n = 0;
  for (auto noise : detail::kNoiseLines) n = std::max(n, noise.size());
  return n;
}();

/// Which sizes the lines of kNoiseLines have: a line of any other size is
/// compared with none of them.
constexpr auto kNoiseSizes = [] {
  std::array<bool, kLongestNoise + 1> sizes{};
  for (auto noise : detail::kNoiseLines) sizes[noise.size()] = true;
  return sizes;
}();

bool is_noise_line(std::string_view content) {
  if (content.size() <= kLongestNoise && kNoiseSizes[content.size()]) {
    for (auto noise : detail::kNoiseLines) {
      if (equals_ignoring_ascii_case(content, noise)) return true;
    }
  }
  // Page timestamps (2023-11-05 11:00:00 星期日) start with a digit and PDF
  // page footers (— 9 —, - 9 -, 第 3 页, 第3页 共10页) with a footer character:
  // nearly every line is told by its first character, without either call.
  std::size_t after_first = 0;
  if (content.empty() || !detail::is_page_footer_character(next_code_point(content, after_first))) {
    return false;
  }
  return detail::is_timestamp_line(content) || detail::is_page_footer(content);
}

struct MetadataMatch {
  std::string key;
  std::string value;
};

/// `• 索引号113710000043591093/2022-03628`, `索 引 号:…`, `发布时间:… 来源:…`.
std::vector<MetadataMatch> match_metadata(std::string_view content) {
  std::vector<MetadataMatch> found;
  bool bulleted = false;
  for (std::string_view bullet : {"•", "·", "●", "▪", "◆", "■", "*", "-"}) {
    if (starts_with(content, bullet)) {
      content = trim(content.substr(bullet.size()));
      bulleted = true;
      break;
    }
  }
  // Compact the head: drop blanks inside the key (索 引 号), keeping positions.
  std::string compact;
  std::vector<std::size_t> origin;
  for (std::size_t i = 0; i < content.size() && compact.size() < 48; ++i) {
    if (content[i] == ' ') continue;
    compact += content[i];
    origin.push_back(i);
  }
  std::string_view best;
  for (auto key : detail::kMetadataKeys) {
    if (key.size() > best.size() && starts_with(compact, key)) best = key;
  }
  std::size_t value_begin = 0;
  std::string key;
  if (!best.empty()) {
    key = std::string(best);
    value_begin = origin[best.size() - 1] + 1;
    // A known key must be followed by ':' or, on bulleted lines, by the value directly.
    std::size_t p = value_begin;
    while (p < content.size() && content[p] == ' ') ++p;
    if (p < content.size() && content[p] == ':') {
      value_begin = p + 1;
    } else if (!bulleted) {
      return found;
    }
  } else if (bulleted) {
    const std::size_t colon = content.find(':');
    if (colon == std::string_view::npos || colon == 0 ||
        count_code_points(content.substr(0, colon)) > 10) {
      return found;
    }
    key = std::string(trim(content.substr(0, colon)));
    value_begin = colon + 1;
  } else {
    return found;
  }
  std::string_view value = trim(content.substr(value_begin));
  // Page furniture glued to a value: 来源:… 【字体:大 中 小】
  for (std::string_view open : {"【", "["}) {
    const std::size_t at = value.find(open);
    if (at != std::string_view::npos && at > 0) {
      std::string_view tail = value.substr(at);
      if (tail.find("字体") != std::string_view::npos ||
          tail.find("字号") != std::string_view::npos ||
          tail.find("打印") != std::string_view::npos ||
          tail.find("关闭") != std::string_view::npos) {
        value = trim(value.substr(0, at));
      }
    }
  }
  // Several pairs on one line: split before the next "KEY:".
  std::size_t split = std::string_view::npos;
  for (auto next : detail::kMetadataKeys) {
    std::string needle = " ";
    needle += next;
    needle += ':';
    const std::size_t at = value.find(needle);
    if (at != std::string_view::npos && at < split) split = at;
  }
  if (split != std::string_view::npos) {
    found.push_back({key, std::string(trim(value.substr(0, split)))});
    auto rest = match_metadata(trim(value.substr(split)));
    found.insert(found.end(), rest.begin(), rest.end());
    return found;
  }
  found.push_back({key, std::string(value)});
  return found;
}

struct HeadingMatch {
  int level = 0;
  int number = 0;
  std::size_t marker_end = 0;  // bytes from the content start
};

/// A heading marker at the start of `s`: 一、 (一) 1. 1、 (1) 第一部分.
std::optional<HeadingMatch> match_heading_marker(std::string_view s) {
  std::size_t pos = 0;
  if (starts_with(s, "(")) {
    pos = 1;
    const std::size_t inner = pos;
    int value = 0;
    bool chinese = false;
    if (detail::read_small_number(s, pos, value, chinese) && pos < s.size() && s[pos] == ')' &&
        pos > inner) {
      ++pos;
      if (pos >= s.size()) return std::nullopt;  // a lone "(一)" is a list item, not a heading
      return HeadingMatch{chinese ? 2 : 4, value, pos};
    }
    return std::nullopt;
  }
  int value = 0;
  bool chinese = false;
  if (!detail::read_small_number(s, pos, value, chinese) || pos >= s.size()) return std::nullopt;
  if (chinese) {
    if (starts_with(s.substr(pos), "、"))
      return HeadingMatch{1, value, pos + std::string_view("、").size()};
    return std::nullopt;
  }
  if (s[pos] == '.' || starts_with(s.substr(pos), "、")) {
    const std::size_t after = pos + (s[pos] == '.' ? 1 : std::string_view("、").size());
    if (after >= s.size()) return std::nullopt;
    if (s[after] >= '0' && s[after] <= '9') return std::nullopt;  // 1.61亿元 is a number
    return HeadingMatch{3, value, after};
  }
  return std::nullopt;
}

class Segmenter {
 public:
  Segmenter(std::string_view text, const SegmentOptions& options)
      : text_(text), options_(options) {}

  Segmentation run() {
    split_and_find_roster();
    read_header();
    find_turns();
    find_sections();
    pair_questions();
    // The turns' texts are copied last, once the line table is gone: a
    // transcript's turns hold nearly all of it, so the two never coexist.
    std::vector<TextLine>().swap(lines_);
    auto& turns = result_.document.turns;
    if (options_.turn_texts) {
      for (std::size_t k = 0; k < turns.size(); ++k) turns[k].text = std::string(turn_text(k));
    }
    result_.document.speakers = roster_;
    sort_exclusions();
    return std::move(result_);
  }

 private:
  void diagnose(Severity severity, std::string code, std::string message, std::size_t offset) {
    auto& diags = result_.document.diagnostics;
    if (diags.size() == kMaxDiagnostics) {
      diags.push_back(
          {Severity::note, "diagnostics-truncated", "more diagnostics were dropped", offset, 0, 0});
      return;
    }
    if (diags.size() > kMaxDiagnostics) return;
    diags.push_back({severity, std::move(code), std::move(message), offset, 0, 0});
  }

  /// The body of turn `k`, without its label: Turn::text.
  std::string_view turn_text(std::size_t k) const { return bulletin::turn_text(text_, result_, k); }

  /// The lines and the roster, which reads the whole text: with threads, a
  /// long text's roster is found on another while this one splits.
  void split_and_find_roster() {
    std::optional<detail::Worker> worker;
    if (options_.threads >= 2 && text_.size() >= kSegmentingWorthAThread) {
      try {
        worker.emplace([&] { roster_ = find_roster(text_); });
      } catch (const std::system_error&) {
        // No thread to be had: the roster is found below, on this one.
      }
    }
    split();
    if (worker) {
      worker->join();
    } else {
      roster_ = find_roster(text_);
    }
  }

  void split() {
    // Sized once: grown by doubling, the table of a large document's lines
    // was the largest thing alive while it was segmented, held twice as it
    // moved (normalized text has \n for every line break).
    const std::size_t lines =
        static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')) + 1;
    lines_.reserve(lines);
    detail::prefault_for_writing(lines_.data(), lines * sizeof(TextLine));
    // Lines are trimmed as they are found, with no list of untrimmed ones.
    detail::for_each_line(text_, [&](const detail::Line& l) {
      TextLine line{l.begin, l.end, l.begin, l.end};
      while (line.begin < line.end && (text_[line.begin] == ' ' || text_[line.begin] == '\t'))
        ++line.begin;
      while (line.end > line.begin && (text_[line.end - 1] == ' ' || text_[line.end - 1] == '\t'))
        --line.end;
      lines_.push_back(line);
    });
  }

  std::string_view content(const TextLine& line) const {
    return text_.substr(line.begin, line.end - line.begin);
  }

  void exclude(std::size_t begin, std::size_t end) {
    if (end > begin) result_.excluded.push_back({begin, end});
  }

  /// Sorts the excluded ranges by start. They come in three runs, each in
  /// text order (noise lines, labels, heading markers), so merging the runs
  /// sorts them. If two ranges shared a start, only the full sort would order
  /// them as it always has.
  void sort_exclusions() {
    auto& excluded = result_.excluded;
    auto by_begin = [](const TextRange& a, const TextRange& b) { return a.begin < b.begin; };
    const auto labels = excluded.begin() + static_cast<std::ptrdiff_t>(labels_excluded_from_);
    const auto headings = excluded.begin() + static_cast<std::ptrdiff_t>(headings_excluded_from_);
    if (std::is_sorted(excluded.begin(), labels, by_begin) &&
        std::is_sorted(labels, headings, by_begin) &&
        std::is_sorted(headings, excluded.end(), by_begin)) {
      std::vector<TextRange> merged = excluded;
      const auto at = [&](std::size_t k) {
        return merged.begin() + static_cast<std::ptrdiff_t>(k);
      };
      std::inplace_merge(merged.begin(), at(labels_excluded_from_), at(headings_excluded_from_),
                         by_begin);
      std::inplace_merge(merged.begin(), at(headings_excluded_from_), merged.end(), by_begin);
      auto same_or_later = [](const TextRange& a, const TextRange& b) {
        return a.begin >= b.begin;
      };
      if (std::adjacent_find(merged.begin(), merged.end(), same_or_later) == merged.end()) {
        excluded = std::move(merged);
        return;
      }
    }
    std::sort(excluded.begin(), excluded.end(), by_begin);
  }

  void read_header() {
    Document& doc = result_.document;
    std::size_t i = 0;
    std::optional<std::string> header_date;
    for (; i < lines_.size(); ++i) {
      const TextLine& line = lines_[i];
      std::string_view c = content(line);
      if (c.empty()) continue;
      if (is_noise_line(c)) {
        noise_.push_back(i);
        continue;
      }
      if (auto meta = match_metadata(c); !meta.empty()) {
        for (auto& m : meta) {
          const bool is_title =
              std::find(std::begin(detail::kTitleKeys), std::end(detail::kTitleKeys), m.key) !=
              std::end(detail::kTitleKeys);
          if (is_title && doc.title.empty()) {
            doc.title = m.value;
            title_line_ = i;
          }
          doc.metadata.emplace_back(std::move(m.key), std::move(m.value));
        }
        continue;
      }
      if (match_label(text_, line, roster_) || match_heading_marker(c)) break;
      const std::size_t length = count_code_points(c);
      if (doc.title.empty() && length <= kMaxTitleCodePoints && !ends_with(c, ":")) {
        doc.title = std::string(c);
        title_line_ = i;
        continue;
      }
      if (!doc.title.empty() && i == title_line_ + 1 && length <= 60 &&
          (starts_with(c, "(") || (length <= 10 && ends_with_document_kind(c)))) {
        doc.title += std::string(c);
        continue;
      }
      if (!doc.title.empty() && (starts_with(c, "—") || starts_with(c, "--")) && length <= 80) {
        if (auto d = detail::find_date(c)) header_date = d;
        continue;
      }
      if (!doc.title.empty() && length <= 16 && c.find("。") == std::string_view::npos &&
          !ends_with(c, ":")) {
        if (auto d = detail::find_date(c); d && !header_date) header_date = d;
        continue;  // a byline or date line under the title
      }
      break;
    }
    header_end_line_ = i;
    result_.body_begin = i < lines_.size() ? lines_[i].raw_begin : text_.size();
    if (doc.title.empty()) diagnose(Severity::warning, "no-title", "no title line found", 0);

    for (auto key : detail::kDateKeys) {
      if (doc.date) break;
      for (const auto& [k, v] : doc.metadata) {
        if (k == key) {
          if (auto d = detail::find_date(v)) {
            doc.date = d;
            break;
          }
        }
      }
    }
    if (!doc.date && header_date) doc.date = header_date;
    if (!doc.date) {
      if (auto d = detail::find_date(doc.title)) doc.date = d;
    }
    // The year a bulletin reports on is the one its title names (a 2023
    // communiqué is published in 2024); the date's year otherwise.
    if (auto y = detail::find_year(doc.title)) {
      doc.year = y;
    } else if (doc.date) {
      doc.year = std::stoi(doc.date->substr(0, 4));
    }
  }

  /// The noise lines and the lines that may open a turn, among lines
  /// [from, to): each line is told apart on its own.
  struct LineKinds {
    std::vector<std::size_t> noise;
    std::vector<LabelMatch> labels;
  };

  void classify_lines(std::size_t from, std::size_t to, LineKinds& kinds) const {
    for (std::size_t i = from; i < to; ++i) {
      std::string_view c = content(lines_[i]);
      if (c.empty()) continue;
      if (is_noise_line(c)) {
        kinds.noise.push_back(i);
        continue;
      }
      if (auto m = match_label(text_, lines_[i], roster_)) kinds.labels.push_back(std::move(*m));
    }
  }

  /// With threads, a long text's later lines are classified on another thread.
  std::vector<LabelMatch> find_label_candidates() {
    const std::size_t from = std::min(header_end_line_, lines_.size());
    std::size_t half = lines_.size();
    LineKinds first;
    LineKinds later;
    std::optional<detail::Worker> worker;
    if (options_.threads >= 2 && text_.size() >= kSegmentingWorthAThread) {
      half = from + (lines_.size() - from) / 2;
      try {
        worker.emplace([&] { classify_lines(half, lines_.size(), later); });
      } catch (const std::system_error&) {
        half = lines_.size();  // no thread to be had: all on this one
      }
    }
    classify_lines(from, half, first);
    if (worker) worker->join();
    noise_.insert(noise_.end(), first.noise.begin(), first.noise.end());
    noise_.insert(noise_.end(), later.noise.begin(), later.noise.end());
    first.labels.insert(first.labels.end(), std::make_move_iterator(later.labels.begin()),
                        std::make_move_iterator(later.labels.end()));
    return std::move(first.labels);
  }

  void find_turns() {
    Document& doc = result_.document;
    std::vector<LabelMatch> candidates = find_label_candidates();
    std::map<std::string, int> label_counts;
    for (const auto& m : candidates) ++label_counts[m.label];
    for (std::size_t line : noise_) {
      exclude(lines_[line].begin, lines_[line].end);
      diagnose(Severity::note, "noise-line",
               "dropped page furniture: " + std::string(content(lines_[line])), lines_[line].begin);
    }
    labels_excluded_from_ = result_.excluded.size();
    // A bare name-shaped label must stand alone on its line or recur: a
    // one-off "方法:…" inside a paragraph is prose, not a speaker.
    // A bare name-shaped label with text after it must be backed by something
    // else: it stands alone, recurs, answers a question, or the name is
    // introduced with a post elsewhere (副局长李明). A one-off "方法:…" is prose.
    std::vector<LabelMatch> labels;
    for (auto& m : candidates) {
      if (m.name_shape_only && !m.alone && label_counts[m.label] < 2) {
        const bool answers_question = !labels.empty() && labels.back().kind == TurnKind::question;
        if (!answers_question && !introduced_with_rank(m.speaker)) continue;
      }
      labels.push_back(std::move(m));
    }
    // A large transcript has a label on every few lines: the candidates, the
    // labels and the turns are not held at once, each a copy of the last.
    std::vector<LabelMatch>().swap(candidates);
    doc.turns.reserve(labels.size());
    result_.turn_bodies.reserve(labels.size());
    for (std::size_t k = 0; k < labels.size(); ++k) {
      LabelMatch& m = labels[k];
      const std::size_t end = k + 1 < labels.size() ? labels[k + 1].begin : text_.size();
      Turn turn;
      turn.index = static_cast<int>(k + 1);
      turn.speaker = std::move(m.speaker);
      turn.role = m.role;
      turn.kind = m.kind;
      turn.outlet = std::move(m.outlet);
      turn.label = std::move(m.label);
      turn.span.start = m.begin;
      std::size_t body_end = end;
      while (body_end > m.body_begin && (text_[body_end - 1] == '\n' || text_[body_end - 1] == ' '))
        --body_end;
      turn.span.end = std::max(body_end, m.body_begin);
      exclude(m.begin, m.body_begin);
      result_.turn_bodies.push_back({m.body_begin, end});
      doc.turns.push_back(std::move(turn));
    }
  }

  bool introduced_with_rank(const std::string& name) const {
    for (auto rank : detail::kRanks) {
      if (text_.find(std::string(rank) + name) != std::string_view::npos) return true;
    }
    return false;
  }

  // The last number given at each heading level (1 to 5), per turn (0: outside
  // any turn); list numbers are never negative.
  static constexpr int kNoNumber = -1;
  using LevelNumbers = std::array<int, 6>;

  /// What finding the headings carries from line to line, and where it puts
  /// what it finds. The headings of a long transcript's second half are
  /// found by another one at the same time (see find_sections()).
  struct SectionScan {
    SectionScan(std::size_t turns, std::vector<Section>& found, std::vector<TextRange>& markers,
                std::vector<Diagnostic>& held)
        : last_numbers(turns + 1), sections(found), excluded(markers), notes(held) {
      for (auto& numbers : last_numbers) numbers.fill(kNoNumber);
    }
    std::vector<LevelNumbers> last_numbers;  // per turn, 0 outside any turn
    std::optional<int> enumeration_turn;
    int expected_item = 1;
    std::vector<Section>& sections;
    std::vector<TextRange>& excluded;
    std::vector<Diagnostic>& notes;  // numbering skips, reported once all are found
    bool outside_turns = false;      // a line outside any turn was scanned
  };

  void add_section(SectionScan& scan, std::optional<int> turn, int level, int number,
                   std::size_t marker_begin, std::size_t marker_end,
                   std::string_view heading) const {
    Section& s = scan.sections.emplace_back(
        Section{turn, level, std::string(text_.substr(marker_begin, marker_end - marker_begin)),
                std::string(heading), SourceSpan{marker_begin, marker_end + heading.size()}});
    if (marker_end > marker_begin) scan.excluded.push_back({marker_begin, marker_end});
    // Numbering: a level continues from its previous sibling in the same turn.
    auto& last = scan.last_numbers[static_cast<std::size_t>(turn.value_or(0))];
    const auto at = static_cast<std::size_t>(level);
    if (last[at] != kNoNumber && number != last[at] + 1 && number != 1) {
      scan.notes.push_back({Severity::note, "numbering-skip",
                            "heading " + s.marker + " follows number " + std::to_string(last[at]) +
                                " at level " + std::to_string(level),
                            marker_begin, 0, 0});
    }
    last[at] = number;
    // Deeper levels restart under a new heading.
    std::fill(last.begin() + static_cast<std::ptrdiff_t>(at) + 1, last.end(), kNoNumber);
  }

  /// Finds the headings on lines [first, end).
  void scan_sections(SectionScan& scan, std::size_t first, std::size_t end) const {
    const auto& turns = result_.document.turns;
    const auto& bodies = result_.turn_bodies;
    std::size_t bodies_begun = 0;  // turn bodies that start at or before the line's start
    std::size_t next_turn = 0;
    for (std::size_t i = first; i < end; ++i) {
      const TextLine& line = lines_[i];
      std::size_t start = line.begin;
      // Skip a label on this line; turns and lines are both in text order.
      while (next_turn < turns.size() && turns[next_turn].span.start < line.begin) ++next_turn;
      if (next_turn < turns.size() && turns[next_turn].span.start == line.begin) {
        start = bodies[next_turn].begin;
      }
      if (start >= line.end) continue;
      std::string_view c = text_.substr(start, line.end - start);
      // Starts only grow from line to line, so the turn holding one is found
      // by moving forward over the bodies rather than by a search per line.
      while (bodies_begun < bodies.size() && bodies[bodies_begun].begin <= start) ++bodies_begun;
      std::optional<int> turn;
      if (bodies_begun > 0 && start < bodies[bodies_begun - 1].end) {
        turn = static_cast<int>(bodies_begun);
      }
      if (!turn) scan.outside_turns = true;
      if (auto h = match_heading_marker(c)) {
        scan.expected_item = 1;
        std::string_view rest = c.substr(h->marker_end);
        add_section(scan, turn, h->level, h->number, start, start + h->marker_end,
                    detail::heading_text(rest, false));
      }
      find_inline_enumeration(scan, start, line.end, turn);
    }
  }

  /// The line that turn `k`'s label starts, if one does; nullopt otherwise.
  std::optional<std::size_t> label_line(std::size_t k) const {
    const std::size_t at = result_.document.turns[k].span.start;
    const auto it =
        std::lower_bound(lines_.begin(), lines_.end(), at,
                         [](const TextLine& l, std::size_t pos) { return l.begin < pos; });
    if (it == lines_.end() || it->begin != at) return std::nullopt;
    return static_cast<std::size_t>(it - lines_.begin());
  }

  /// Headings number on within their turn, and an enumeration starts over in
  /// a new turn: from a label's line on, the headings are found without the
  /// lines before, unless a line outside any turn carries the numbering of
  /// the lines before it over. With threads, a long transcript's second half
  /// is scanned on another from the label nearest its middle, and scanned
  /// again on this one when such a line turns up in it.
  void find_sections() {
    const auto& turns = result_.document.turns;
    auto& sections = result_.document.sections;
    // Nearly every line can open a heading (a dense communiqué has one every
    // few lines), and growing the list would hold its old and new copies at
    // once. A reservation costs only the pages that are written.
    const std::size_t first = std::min(header_end_line_, lines_.size());
    sections.reserve(lines_.size() - first);
    headings_excluded_from_ = result_.excluded.size();
    std::vector<Diagnostic> notes;
    SectionScan scan(turns.size(), sections, result_.excluded, notes);
    std::optional<std::size_t> half;
    if (options_.threads >= 2 && text_.size() >= kSegmentingWorthAThread) {
      for (std::size_t k = 0; k < turns.size(); ++k) {
        if (turns[k].span.start < text_.size() / 2) continue;
        half = label_line(k);
        break;
      }
      if (half && *half <= first) half.reset();
    }
    if (!half) {
      scan_sections(scan, first, lines_.size());
    } else {
      // Reserved as the list above is: only the pages written count.
      std::vector<Section> later_sections;
      later_sections.reserve(lines_.size() - *half);
      std::vector<TextRange> later_markers;
      later_markers.reserve(lines_.size() - *half);
      std::vector<Diagnostic> later_notes;
      SectionScan later(turns.size(), later_sections, later_markers, later_notes);
      std::optional<detail::Worker> worker;
      try {
        worker.emplace([&] { scan_sections(later, *half, lines_.size()); });
      } catch (const std::system_error&) {
        // No thread to be had: the second half is scanned below, on this one.
      }
      scan_sections(scan, first, *half);
      if (worker) worker->join();
      if (worker && !later.outside_turns) {
        if (sections.capacity() - sections.size() >= later_sections.size()) {
          detail::prefault_for_writing(sections.data() + sections.size(),
                                       later_sections.size() * sizeof(Section));
        }
        for (auto& s : later_sections) sections.push_back(std::move(s));
        result_.excluded.insert(result_.excluded.end(), later_markers.begin(), later_markers.end());
        notes.insert(notes.end(), std::make_move_iterator(later_notes.begin()),
                     std::make_move_iterator(later_notes.end()));
      } else {
        scan_sections(scan, *half, lines_.size());
      }
    }
    for (auto& n : notes) diagnose(n.severity, std::move(n.code), std::move(n.message), n.offset);
    compute_section_ends();
  }

  /// 一是…二是…: at a clause start, or continuing the sequence of the same paragraph.
  void find_inline_enumeration(SectionScan& scan, std::size_t begin, std::size_t end,
                               std::optional<int> turn) const {
    // The sequence carries over paragraphs (一是… on one line, 二是… on the
    // next) and restarts with a new turn or a new numbered heading.
    if (turn != scan.enumeration_turn) {
      scan.enumeration_turn = turn;
      scan.expected_item = 1;
    }
    int& expected = scan.expected_item;
    constexpr std::string_view kIs = "是";
    const std::string_view line = text_.substr(0, end);
    // A marker is a Chinese number and 是, so only the numerals right before
    // each 是 are read, not every character of the line.
    std::size_t pos = begin;  // past the last 是
    for (std::size_t is = find_word(line, kIs, pos); is != std::string_view::npos;
         is = find_word(line, kIs, pos)) {
      std::size_t numerals = is;
      while (numerals >= pos + 3 && is_list_numeral_before(numerals)) numerals -= 3;
      // A clause starts at `begin` and after a delimiter, never right after 是.
      bool clause_start = numerals == begin;
      if (numerals > pos) {
        std::size_t before = numerals - pos;
        clause_start = ends_clause(prev_code_point(text_.substr(pos, before), before));
      }
      for (std::size_t here = numerals; here < is; here += 3) {
        std::size_t probe = here;
        int value = 0;
        bool chinese = false;
        if (detail::read_small_number(text_, probe, value, chinese) && chinese && probe == is &&
            (clause_start || value == expected) && (value == expected || value == 1)) {
          const std::size_t marker_end = is + kIs.size();
          add_section(scan, turn, 5, value, here, marker_end,
                      detail::heading_text(text_.substr(marker_end, end - marker_end), true));
          expected = value + 1;
          break;
        }
        clause_start = false;
      }
      pos = is + kIs.size();
    }
  }

  /// Whether the three bytes before `at` are a numeral that can start a list number.
  bool is_list_numeral_before(std::size_t at) const {
    std::size_t from = at - 3;
    const char32_t c = next_code_point(text_, from);
    return from == at && c >= U'〇' && detail::starts_chinese_list_number(c);
  }

  /// A section lasts until the next heading of the same or a higher level in
  /// its turn, or the end of the turn; one pass with a stack of open sections.
  void compute_section_ends() {
    const auto& sections = result_.document.sections;
    result_.section_ends.assign(sections.size(), text_.size());
    result_.section_starts.clear();
    for (const Section& s : sections) result_.section_starts.push_back(s.span.start);
    std::vector<std::size_t> open;
    auto turn_end = [&](const Section& s) {
      return s.turn ? result_.turn_bodies[static_cast<std::size_t>(*s.turn - 1)].end : text_.size();
    };
    for (std::size_t j = 0; j < sections.size(); ++j) {
      while (!open.empty()) {
        const Section& top = sections[open.back()];
        if (top.turn == sections[j].turn && top.level < sections[j].level) break;
        result_.section_ends[open.back()] =
            top.turn == sections[j].turn ? sections[j].span.start : turn_end(top);
        open.pop_back();
      }
      open.push_back(j);
    }
    for (std::size_t k : open) result_.section_ends[k] = turn_end(sections[k]);
  }

  void pair_questions() {
    auto& turns = result_.document.turns;
    for (std::size_t k = 0; k < turns.size(); ++k) {
      Turn& q = turns[k];
      if (q.kind != TurnKind::question) continue;
      if (auto who = find_addressee(turn_text(k))) q.addressee = who;
      if (k + 1 < turns.size()) {
        Turn& a = turns[k + 1];
        if (a.role == Role::official || a.role == Role::answer || a.role == Role::unknown) {
          a.kind = TurnKind::answer;
          a.answers = q.index;
          if (!q.addressee && a.role == Role::official) q.addressee = a.speaker;
          continue;
        }
      }
      diagnose(Severity::warning, "unanswered-question",
               "question " + std::to_string(q.index) + " (" + q.label + ") has no answer turn",
               q.span.start);
    }
  }

  /// 请问宋局长 → 宋敏 through the roster; the reference as written if unresolved.
  std::optional<std::string> find_addressee(std::string_view question) const {
    std::size_t best_at = std::string_view::npos;
    std::optional<std::string> best;
    for (const auto& s : roster_) {
      const std::size_t at = question.find(s.name);
      if (at != std::string_view::npos && at < best_at) {
        best_at = at;
        best = s.name;
      }
    }
    for (std::string_view cue : {"请问", "請問", "想问", "问一下", "向"}) {
      const std::size_t at = question.find(cue);
      if (at == std::string_view::npos || at > best_at) continue;
      std::string_view after = question.substr(at + cue.size());
      // SURNAME + RANK right after the cue.
      std::size_t surname = 0;
      if (!is_surname_at(after, surname)) continue;
      for (auto rank : detail::kRanks) {
        if (starts_with(after.substr(surname), rank)) {
          std::string_view ref = after.substr(0, surname + rank.size());
          if (const Speaker* s = resolve_reference(roster_, ref)) return s->name;
          return std::string(ref);
        }
      }
    }
    return best;
  }

  std::string_view text_;
  SegmentOptions options_;
  std::vector<TextLine> lines_;
  std::vector<std::size_t> noise_;
  std::vector<Speaker> roster_;
  std::size_t header_end_line_ = 0;
  std::size_t labels_excluded_from_ = 0;    // where the labels' run of `excluded` starts
  std::size_t headings_excluded_from_ = 0;  // and where the heading markers' run starts
  std::size_t title_line_ = 0;
  Segmentation result_;
};

}  // namespace

Segmentation segment(std::string_view normalized, const SegmentOptions& options) {
  return Segmenter(normalized, options).run();
}

std::string_view turn_text(std::string_view normalized, const Segmentation& seg, std::size_t k) {
  const std::size_t begin = seg.turn_bodies[k].begin;
  const std::size_t end = seg.document.turns[k].span.end;
  return detail::trim_blank_lines(normalized.substr(begin, end - begin));
}

}  // namespace bulletin
