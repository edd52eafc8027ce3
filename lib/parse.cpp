#include "bulletin/parse.hpp"

#include <fmt/format.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <latch>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <tuple>
#include <type_traits>
#include <utility>

#include "bulletin/check.hpp"
#include "bulletin/extract.hpp"
#include "bulletin/normalize.hpp"
#include "bulletin/segment.hpp"
#include "detail/decode_taking.hpp"
#include "detail/normalize_pieces.hpp"
#include "detail/sha256.hpp"
#include "detail/text.hpp"
#include "detail/worker.hpp"

namespace bulletin {
namespace {

/// Maps spans and findings from normalized offsets to the input, with the line
/// and column of their start. Spans come mostly in order: each lookup in the
/// offset maps goes on from the last. Used by one thread at a time.
class SpanLocator {
 public:
  SpanLocator(const Decoded& decoded, const Normalized& normalized, const detail::LineIndex& lines)
      : to_source_(decoded.to_source), to_input_(normalized.to_input), lines_(lines) {}

  void map(SourceSpan& s) const {
    const std::size_t start = to_input_.map(s.start, input_cursor_);
    const std::size_t end = to_input_.map_end(s.end, input_cursor_);
    const detail::LineColumn at = lines_.at(start);
    s.start = to_source_.map(start, source_cursor_);
    s.end = to_source_.map_end(end, source_cursor_);
    s.line = at.line;
    s.column = at.column;
  }

  void map(Diagnostic& d) const {
    const std::size_t offset = to_input_.map(d.offset, input_cursor_);
    const detail::LineColumn at = lines_.at(offset);
    d.offset = to_source_.map(offset, source_cursor_);
    d.line = at.line;
    d.column = at.column;
  }

 private:
  const OffsetMap& to_source_;
  const OffsetMap& to_input_;
  const detail::LineIndex& lines_;
  mutable OffsetMap::Cursor input_cursor_;
  mutable OffsetMap::Cursor source_cursor_;
};

/// The first line longer than `limit` bytes, as [begin, end); nullopt when
/// none. CR and form feed end lines too, since normalize() makes them breaks.
std::optional<std::pair<std::size_t, std::size_t>> overlong_line(std::string_view text,
                                                                 std::size_t limit) {
  // Most text ends its lines with LF alone, and then memchr finds them.
  if (text.find('\r') == std::string_view::npos && text.find('\f') == std::string_view::npos) {
    std::size_t begin = 0;
    while (true) {
      const std::size_t end = std::min(text.find('\n', begin), text.size());
      if (end - begin > limit) return std::pair{begin, end};
      if (end == text.size()) return std::nullopt;
      begin = end + 1;
    }
  }
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n' || text[i] == '\r' || text[i] == '\f') {
      if (i - begin > limit) return std::pair{begin, i};
      begin = i + 1;
    }
  }
  return std::nullopt;
}

bool is_blank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\t') return false;
  }
  return true;
}

using detail::Worker;

/// Below this many bytes of body, starting a thread costs about what it
/// saves (measured: a 25 KB bulletin took longer with one).
constexpr std::size_t kWorthAThread = 1 << 16;

/// A large document is normalized on two threads in pieces of about this
/// size, so that neither waits long for the other to finish one.
constexpr std::size_t kNormalizedPieceBytes = 1 << 18;

/// The digest of the input and the index of its lines, which nothing reads
/// until the facts are mapped and the head written: with a second thread they
/// are made there while this one normalizes.
struct SourceIndex {
  std::string sha256;
  std::optional<detail::LineIndex> lines;
};

/// The steps parse() and parse_stream() share, up to segmentation; hands the
/// results to `finish`. They stay where they are built, as the segmentation
/// refers to the normalized text. `owned`, when given, holds `bytes` and is
/// released once they are decoded (UTF-8 is taken over as the decoded text);
/// the decoded text is released once it is normalized and indexed for lines
/// and columns.
template <typename Finish>
auto prepare(std::string_view bytes, std::string* owned, const ParseOptions& options,
             const SegmentOptions& segment_options, Finish&& finish)
    -> decltype(finish(std::declval<SourceInfo&>(), std::declval<const Decoded&>(),
                       std::declval<const Normalized&>(), std::declval<const SpanLocator&>(),
                       std::declval<Segmentation&>())) {
  if (bytes.size() > options.max_input_bytes) {
    return Error{Errc::too_large,
                 fmt::format("input is {} bytes, over the limit of {} bytes", bytes.size(),
                             options.max_input_bytes),
                 Location{0, 1, 1}};
  }
  DecodeOptions decoding = options.decode;
  decoding.threads = options.threads;
  auto decoded =
      owned != nullptr ? detail::decode_taking(*owned, decoding) : decode(bytes, decoding);
  if (!decoded) return decoded.error();
  // Taken over, the input is the decoded text, byte for byte.
  const bool taken_over = owned != nullptr && owned->empty() && !bytes.empty();
  const std::string_view input = taken_over ? std::string_view(decoded->text) : bytes;
  if (const auto line = overlong_line(decoded->text, options.max_line_bytes)) {
    const auto where = detail::resolve_line_columns(decoded->text, {line->first});
    return Error{Errc::too_large,
                 fmt::format("line {} is {} bytes, over the limit of {} bytes", where[0].line,
                             line->second - line->first, options.max_line_bytes),
                 Location{decoded->to_source.map(line->first), where[0].line, where[0].column}};
  }
  SourceInfo source;
  source.path = options.path;
  source.encoding = decoded->encoding;
  source.bytes = bytes.size();
  SourceIndex index;
  const auto digest = [&] {
    index.sha256 = detail::sha256_hex(input);
    if (owned != nullptr) std::string().swap(*owned);
  };
  const auto index_lines = [&] { index.lines.emplace(decoded->text); };
  const bool shared = options.threads >= 2 && decoded->text.size() >= kWorthAThread;
  detail::PieceNormalizer normalizer(decoded->text, shared ? kNormalizedPieceBytes : 0);
  std::optional<Worker> helper;
  if (shared) {
    try {
      // Normalizing goes on from both ends of the text until they meet, so
      // the digest and the line index are made first.
      helper.emplace([&] {
        digest();
        index_lines();
        normalizer.normalize_from_back();
      });
    } catch (const std::system_error&) {
      // No thread to be had: all is done on this one.
    }
  }
  // On one thread the input is let go before the normalized text is made.
  if (!helper) digest();
  const Normalized normalized = normalizer.normalize_from_front();
  if (helper) {
    helper->join();
  } else {
    index_lines();
  }
  source.sha256 = std::move(index.sha256);
  std::string().swap(decoded->text);
  const SpanLocator locator(*decoded, normalized, *index.lines);
  SegmentOptions segmenting = segment_options;
  if (shared) segmenting.threads = options.threads;
  Segmentation seg = segment(normalized.text, segmenting);
  return finish(source, *decoded, normalized, locator, seg);
}

/// The diagnostics that follow the segmenter's and the extractor's.
void add_final_diagnostics(std::vector<Diagnostic>& diagnostics, const Decoded& decoded,
                           const Normalized& normalized) {
  if (decoded.replaced > 0) {
    diagnostics.push_back(
        {Severity::warning, "invalid-bytes-replaced",
         fmt::format("{} invalid byte sequence(s) replaced with U+FFFD, the first "
                     "at offset {}",
                     decoded.replaced, decoded.first_replaced_offset),
         0, 0, 0});
  }
  if (is_blank(normalized.text)) {
    diagnostics.clear();
    diagnostics.push_back({Severity::warning, "empty-input", "the input holds no text", 0, 0, 0});
  }
}

/// Maps the diagnostics, which parse() and parse_stream() give last.
void map_diagnostics(const SpanLocator& locator, const Normalized& normalized,
                     std::vector<Diagnostic>& diagnostics) {
  for (auto& d : diagnostics) locator.map(d);
  // Blank text maps offset 0 past the leading spaces; the finding is about
  // the whole input, so it names its start.
  if (is_blank(normalized.text)) {
    for (auto& d : diagnostics) {
      d.offset = 0;
      d.line = 1;
      d.column = 1;
    }
  }
}

ExtractOptions extract_options(const ParseOptions& options) {
  ExtractOptions extract;
  extract.units = options.units;
  extract.max_facts = options.max_facts;
  return extract;
}

/// parse()'s last steps: the whole document at once.
Document assemble(SourceInfo& source, const Decoded& decoded, const Normalized& normalized,
                  const SpanLocator& locator, Segmentation& seg, const ParseOptions& options) {
  Extraction extraction = extract_facts(normalized.text, seg, extract_options(options));

  Document doc = std::move(seg.document);
  doc.source = std::move(source);
  doc.facts = std::move(extraction.facts);
  for (auto& d : extraction.diagnostics) doc.diagnostics.push_back(std::move(d));
  add_final_diagnostics(doc.diagnostics, decoded, normalized);

  CheckOptions check_options;
  check_options.text = normalized.text;  // spans still index it here
  doc.checks = check_consistency(doc, check_options);

  for (auto& t : doc.turns) locator.map(t.span);
  for (auto& s : doc.sections) locator.map(s.span);
  for (auto& f : doc.facts) locator.map(f.span);
  for (auto& c : doc.checks) locator.map(c.span);
  map_diagnostics(locator, normalized, doc.diagnostics);
  return doc;
}

/// A large document's body is found in parts on several threads, each part
/// a run of whole fact groups: a part's facts hold nothing from another part
/// (see FactGroupExtractor), so each is found, mapped and rendered where it
/// is taken, and only the rendered bytes and the facts for the checks, which
/// go in order, pass from one thread to another. A part of 4 KB (one fact
/// group, mostly) takes a thread about a tenth of a millisecond: small
/// enough that the threads end together and that few facts wait (with parts
/// of 16 KB the peak memory grew by half a byte per input byte), large
/// enough that taking one costs nothing to speak of (8 KB was no faster).
constexpr std::size_t kPartBytes = 1 << 12;
/// Parts found ahead of the one written next, at most, per thread: bounds
/// the facts and bytes waiting while the calling thread writes the head.
constexpr std::size_t kPartsAheadPerThread = 2;
/// Headings from which their spans are mapped in two halves at once.
constexpr std::size_t kHeadingsWorthSharing = 1 << 13;

/// The parts of the body, in order; each ends where a fact group does.
std::vector<FactGroupLines> cut_into_parts(std::string_view text, const Segmentation& seg,
                                           const ExtractOptions& options) {
  std::vector<FactGroupLines> parts;
  FactGroupLines group = first_fact_group(text, seg, options);
  std::size_t begin = group.begin;
  while (group.begin < text.size()) {
    if (group.end - begin >= kPartBytes || group.end == text.size()) {
      parts.push_back({begin, group.end});
      begin = group.end;
    }
    group = next_fact_group(text, group, options);
  }
  return parts;
}

class PartPool;

/// One part and what was found in it. A part is used for part after part:
/// its fact lists and strings keep their room.
struct Part {
  FactGroupLines lines;
  std::size_t groups = 0;                // of `facts` and `ends`, those of this part
  std::vector<std::vector<Fact>> facts;  // per group, spans in the normalized text
  std::vector<std::size_t> ends;         // per group, where its lines end
  std::size_t count = 0;                 // facts in all its groups
  // Renders the part's facts with their spans mapped; none when the
  // receiver has no renderer, or gave fewer than the pool can have out (a
  // part the pool makes itself, on a finding thread, has none).
  std::unique_ptr<FactRenderer> renderer;
  std::vector<Diagnostic> diagnostics;
  PartPool* pool = nullptr;  // the one it goes back to once written
};

/// The parts one thread finds into. Filled by whichever thread took the part
/// next, parts made finding a third slower on two threads than on one (on
/// the 2 MB file of bench/, in a loud hour, 67 ms against 49 ms of both
/// threads' time, and checking and writing them 11 ms against 7): every
/// part's fact lists and strings went from one core and one malloc arena to
/// the other. Each thread
/// has parts of its own; the writer gives each back to the pool it came from.
class PartPool {
 public:
  /// A part with a renderer, as a receiver's renderers are made on the
  /// calling thread: a pool given as many as it can have out at once never
  /// makes one of its own.
  void add(std::unique_ptr<FactRenderer> renderer) {
    auto part = std::make_unique<Part>();
    part->pool = this;
    part->renderer = std::move(renderer);
    const std::lock_guard<std::mutex> lock(mutex_);
    spare_.push_back(std::move(part));
  }

  std::unique_ptr<Part> take() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      if (!spare_.empty()) {
        std::unique_ptr<Part> part = std::move(spare_.back());
        spare_.pop_back();
        return part;
      }
    }
    auto part = std::make_unique<Part>();
    part->pool = this;
    return part;
  }

  static void give_back(std::unique_ptr<Part> part) {
    PartPool& pool = *part->pool;
    const std::lock_guard<std::mutex> lock(pool.mutex_);
    pool.spare_.push_back(std::move(part));
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<Part>> spare_;
};

/// Which parts are taken and which are written, under one lock. Any thread
/// takes the next part; the calling thread also writes them, in order, and
/// the others wait while `ahead` parts wait to be written (each has a slot,
/// which holds the part found until it is written).
class PartExchange {
 public:
  PartExchange(std::size_t parts, std::size_t ahead)
      : parts_(parts), ahead_(ahead), found_(ahead, false) {}

  /// The next part to find, nullopt when none is left, the writer is too far
  /// behind (`wait` false) or the exchange is stopped.
  std::optional<std::size_t> take(bool wait) {
    std::unique_lock<std::mutex> lock(mutex_);
    const auto may_take = [&] { return taken_ < written_ + ahead_; };
    if (wait) {
      changed_.wait(lock, [&] { return stopped_ || taken_ == parts_ || may_take(); });
    }
    if (stopped_ || taken_ == parts_ || !may_take()) return std::nullopt;
    return taken_++;
  }

  void found(std::size_t part) {
    const std::lock_guard<std::mutex> lock(mutex_);
    found_[part % ahead_] = true;
    changed_.notify_all();
  }

  /// Writer: whether part `part` is found, waiting for it when `wait`.
  /// False once stopped.
  bool is_found(std::size_t part, bool wait) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (wait) changed_.wait(lock, [&] { return stopped_ || found_[part % ahead_]; });
    return !stopped_ && found_[part % ahead_];
  }

  /// Writer: part `part` is written and its slot free.
  void written(std::size_t part) {
    const std::lock_guard<std::mutex> lock(mutex_);
    found_[part % ahead_] = false;
    written_ = part + 1;
    changed_.notify_all();
  }

  void stop() {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }

 private:
  std::size_t parts_;
  std::size_t ahead_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t taken_ = 0;
  std::size_t written_ = 0;
  std::vector<bool> found_;  // per slot
  bool stopped_ = false;
};

/// What each thread finding parts keeps for itself.
struct PartFinder {
  PartFinder(std::string_view text, const Segmentation& seg, const ExtractOptions& options,
             const SpanLocator& locator_to_copy)
      : extractor(text, seg, options), locator(locator_to_copy) {}

  FactGroupExtractor extractor;
  SpanLocator locator;
  std::vector<SourceSpan> spans;  // a group's spans as found, while it is rendered mapped
  PartPool pool;                  // the parts it finds into

  /// Finds part `lines` into `part`: facts in the normalized text for the
  /// checks and, with a renderer, rendered with their spans mapped.
  void find(FactGroupLines lines, Part& part) {
    part.lines = lines;
    part.groups = 0;
    part.count = 0;
    if (part.renderer) part.renderer->clear();
    part.diagnostics = extractor.extract(lines, 0, [&](FactGroup& group) {
      if (part.renderer) {
        spans.clear();
        for (auto& f : group.facts) {
          spans.push_back(f.span);
          locator.map(f.span);
        }
        part.renderer->render(group.facts);
        for (std::size_t k = 0; k < spans.size(); ++k) group.facts[k].span = spans[k];
      }
      if (part.groups == part.facts.size()) {
        part.facts.emplace_back();
        part.ends.emplace_back();
      }
      // The list handed back is refilled with the next group: its facts'
      // strings keep their room.
      part.facts[part.groups].swap(group.facts);
      part.ends[part.groups] = group.end;
      part.count += part.facts[part.groups].size();
      ++part.groups;
    });
  }
};

/// Frees `garbage` on a thread of its own, which `releasers` joins. A large
/// document's headings and checks are millions of small blocks: freed on the
/// calling thread at the end, they took 0.1 s of the 210 MB file of bench/'s
/// 4.2 s, while the other core had nothing left to do.
template <typename... Garbage>
void release_elsewhere(std::deque<Worker>& releasers, Garbage&&... garbage) {
  static_assert((std::is_rvalue_reference_v<Garbage&&> && ...));
  auto held = std::make_shared<std::tuple<std::decay_t<Garbage>...>>(std::move(garbage)...);
  try {
    releasers.emplace_back([held = std::move(held)]() mutable { held.reset(); });
  } catch (const std::system_error&) {
    // No thread to be had: freed here, as the last copy of `held` goes.
  }
}

/// stream()'s facts on `threads` threads, this one and others, each taking
/// the next part of `parts`; the receiver is called on this one, in order.
/// `begin` writes the head there, while the first other thread, before it
/// finds any part, does `head_share` with a locator of its own (or this one
/// does, first, if there is no other). Returns the extraction's diagnostics;
/// the checks are added to `checker`.
std::vector<Diagnostic> stream_in_parts(std::string_view text, const Segmentation& seg,
                                        const ExtractOptions& options,
                                        const std::vector<FactGroupLines>& parts, unsigned threads,
                                        const SpanLocator& locator, GroupChecker& checker,
                                        Document& head, const std::function<void()>& begin,
                                        const std::function<void(const SpanLocator&)>& head_share,
                                        DocumentReceiver& receiver, std::deque<Worker>& releasers) {
  // The limit is applied as the parts are written: a part is found whole.
  ExtractOptions unlimited = options;
  unlimited.max_facts = static_cast<std::size_t>(-1);
  const std::size_t ahead = kPartsAheadPerThread * threads;
  // One finder per thread, this one's first, each with as many parts as it
  // can have out; their renderers are made here, where the receiver may be
  // called.
  std::deque<PartFinder> finders;
  for (unsigned t = 0; t < threads; ++t) {
    PartFinder& finder = finders.emplace_back(text, seg, unlimited, locator);
    for (std::size_t k = 0; k < ahead; ++k) {
      auto renderer = receiver.fact_renderer(head);
      if (!renderer) break;
      finder.pool.add(std::move(renderer));
    }
  }
  PartFinder& mine = finders.front();
  std::vector<std::unique_ptr<Part>> slots(ahead);
  PartExchange exchange(parts.size(), ahead);
  const auto find = [&](PartFinder& finder, std::size_t k) {
    std::unique_ptr<Part> part = finder.pool.take();
    finder.find(parts[k], *part);
    slots[k % ahead] = std::move(part);
    exchange.found(k);
  };

  std::vector<Diagnostic> diagnostics;
  std::size_t handed = 0;  // facts written
  // Writes part k; false when the fact limit ends the facts there.
  const auto write = [&](std::size_t k) {
    Part& part = *slots[k % ahead];
    if (handed + part.count > options.max_facts) {
      // Found again, one group at a time, to stop where one pass stops.
      auto last =
          FactGroupExtractor(text, seg, options).extract(part.lines, handed, [&](FactGroup& group) {
            for (auto& c : checker.add(group.facts, group.first, group.end)) locator.map(c.span);
            for (auto& f : group.facts) locator.map(f.span);
            receiver.facts(group.facts, group.first);
          });
      for (auto& d : last) diagnostics.push_back(std::move(d));
      return false;
    }
    std::size_t first = handed;
    for (std::size_t g = 0; g < part.groups; ++g) {
      for (auto& c : checker.add(part.facts[g], first, part.ends[g])) locator.map(c.span);
      if (!part.renderer) {
        for (auto& f : part.facts[g]) locator.map(f.span);
        receiver.facts(part.facts[g], first);
      }
      first += part.facts[g].size();
    }
    if (part.renderer) receiver.rendered_facts(part.renderer->rendered(), part.count, handed);
    for (auto& d : part.diagnostics) diagnostics.push_back(std::move(d));
    handed = first;
    return true;
  };

  std::deque<Worker> helpers;
  for (auto finder = std::next(finders.begin()); finder != finders.end(); ++finder) {
    const bool first = helpers.empty();
    try {
      helpers.emplace_back([&exchange, &find, &head_share, first, &finder = *finder] {
        try {
          if (first) head_share(finder.locator);
          while (const auto k = exchange.take(true)) find(finder, *k);
        } catch (...) {
          exchange.stop();
          throw;
        }
      });
    } catch (const std::system_error&) {
      break;  // no more threads to be had: those there are find every part
    }
  }
  try {
    if (helpers.empty()) head_share(locator);
    begin();
    for (std::size_t next = 0; next < parts.size();) {
      if (exchange.is_found(next, false)) {
        const bool more = write(next);
        PartPool::give_back(std::move(slots[next % ahead]));
        exchange.written(next);
        ++next;
        if (!more) break;
      } else if (const auto k = exchange.take(false)) {
        find(mine, *k);
      } else if (!exchange.is_found(next, true)) {
        break;  // another thread failed, and says why when joined
      }
    }
  } catch (...) {
    exchange.stop();
    throw;
  }
  exchange.stop();
  for (auto& helper : helpers) helper.join();  // rethrows why one failed, if one did
  // The parts' fact lists and rendered bytes, each part's largest yet.
  release_elsewhere(releasers, std::move(finders));
  return diagnostics;
}

/// parse_stream()'s last steps: the head, the facts a group at a time, the
/// rest. With threads, what a large document leaves behind is freed on
/// `releasers`.
void stream(SourceInfo& source, const Decoded& decoded, const Normalized& normalized,
            const SpanLocator& locator, Segmentation& seg, const ParseOptions& options,
            DocumentReceiver& receiver, std::deque<Worker>& releasers) {
  Document& head = seg.document;
  head.source = std::move(source);
  std::vector<Diagnostic> diagnostics = std::move(head.diagnostics);
  head.diagnostics.clear();
  // The extractor reads no span of the head (seg.section_starts tells it
  // where sections start), nor any turn's text: the head is mapped and
  // written on this thread while the other finds facts. The turns' texts,
  // nearly all of a transcript, are given as views of the text.
  std::vector<std::string_view> turn_texts;
  turn_texts.reserve(head.turns.size());
  for (std::size_t k = 0; k < head.turns.size(); ++k) {
    turn_texts.push_back(turn_text(normalized.text, seg, k));
  }
  // With threads, a document of many headings has the spans of its later
  // half mapped on another thread while this one maps the rest: the other
  // has little else to do while the head is written, as it finds only a few
  // parts ahead of the writer.
  const std::size_t headings = head.sections.size();
  const std::size_t shared_from =
      options.threads >= 2 && headings >= kHeadingsWorthSharing ? headings / 2 : headings;
  std::latch later_headings_mapped(1);
  const auto map_later_headings = [&](const SpanLocator& own) {
    for (std::size_t k = shared_from; k < headings; ++k) own.map(head.sections[k].span);
    later_headings_mapped.count_down();
  };
  const auto begin = [&] {
    for (auto& t : head.turns) locator.map(t.span);
    for (std::size_t k = 0; k < shared_from; ++k) locator.map(head.sections[k].span);
    if (shared_from < headings) later_headings_mapped.wait();
    receiver.begin_with_turn_texts(head, turn_texts);
  };

  CheckOptions check_options;
  // Facts are checked in order, on this thread, with their spans in the
  // normalized text, which the checks read; the checks' spans are mapped as
  // they are found (the checker keeps them in the order of the unmapped ones).
  GroupChecker checker(normalized.text, check_options);
  const ExtractOptions extract = extract_options(options);
  const FactGroupLines first = first_fact_group(normalized.text, seg, extract);
  std::vector<Diagnostic> extracted;
  std::vector<FactGroupLines> parts;
  if (options.threads >= 2 && normalized.text.size() - first.begin >= kWorthAThread) {
    parts = cut_into_parts(normalized.text, seg, extract);
  }
  const bool in_parts = parts.size() >= 2;
  if (in_parts) {
    extracted = stream_in_parts(normalized.text, seg, extract, parts, options.threads, locator,
                                checker, head, begin, map_later_headings, receiver, releasers);
    // Every fact is found: nothing reads the segmentation again.
    release_elsewhere(releasers, std::move(seg));
  } else {
    map_later_headings(locator);
    begin();
    extracted = extract_facts_in_groups(normalized.text, seg, extract, [&](FactGroup& group) {
      for (auto& c : checker.add(group.facts, group.first, group.end)) locator.map(c.span);
      for (auto& f : group.facts) locator.map(f.span);
      receiver.facts(group.facts, group.first);
    });
  }
  for (auto& d : extracted) diagnostics.push_back(std::move(d));
  add_final_diagnostics(diagnostics, decoded, normalized);
  std::vector<Check> checks = checker.finish();
  map_diagnostics(locator, normalized, diagnostics);
  receiver.end(checks, diagnostics);
  if (in_parts) release_elsewhere(releasers, std::move(checks));
}

}  // namespace

Result<Document> parse(std::string_view bytes, const ParseOptions& options) {
  return prepare(bytes, nullptr, options, SegmentOptions{},
                 [&](SourceInfo& source, const Decoded& decoded, const Normalized& normalized,
                     const SpanLocator& locator, Segmentation& seg) -> Result<Document> {
                   return assemble(source, decoded, normalized, locator, seg, options);
                 });
}

namespace {

std::optional<Error> parse_stream(std::string_view bytes, std::string* owned,
                                  const ParseOptions& options, DocumentReceiver& receiver) {
  SegmentOptions segment_options;
  segment_options.turn_texts = false;  // stream() copies them as it writes the head
  // Joined last, so that what they free goes while prepare() frees the text.
  std::deque<Worker> releasers;
  auto done =
      prepare(bytes, owned, options, segment_options,
              [&](SourceInfo& source, const Decoded& decoded, const Normalized& normalized,
                  const SpanLocator& locator, Segmentation& seg) -> Result<bool> {
                stream(source, decoded, normalized, locator, seg, options, receiver, releasers);
                return true;
              });
  if (!done) return done.error();
  return std::nullopt;
}

}  // namespace

std::optional<Error> parse_stream(std::string_view bytes, const ParseOptions& options,
                                  DocumentReceiver& receiver) {
  return parse_stream(bytes, nullptr, options, receiver);
}

std::optional<Error> parse_stream(std::string&& bytes, const ParseOptions& options,
                                  DocumentReceiver& receiver) {
  return parse_stream(bytes, &bytes, options, receiver);
}

void DocumentReceiver::begin_with_turn_texts(Document& head,
                                             const std::vector<std::string_view>& turn_texts) {
  for (std::size_t k = 0; k < head.turns.size(); ++k) head.turns[k].text = turn_texts[k];
  begin(head);
  for (auto& t : head.turns) std::string().swap(t.text);
}

const char* version() noexcept { return BULLETIN_VERSION; }

std::string icu_version() {
  UVersionInfo info;
  u_getVersion(info);
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(info, text);
  return text;
}

}  // namespace bulletin
