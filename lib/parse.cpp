#include "bulletin/parse.hpp"

#include <fmt/format.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>

#include "bulletin/check.hpp"
#include "bulletin/extract.hpp"
#include "bulletin/normalize.hpp"
#include "bulletin/segment.hpp"
#include "detail/decode_taking.hpp"
#include "detail/sha256.hpp"
#include "detail/text.hpp"

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

/// Things handed back from one thread to another to be used again, at most
/// `capacity` at a time. Neither side waits: what does not fit is dropped,
/// and a taker that finds nothing makes its own.
template <typename T>
class Recycler {
 public:
  explicit Recycler(std::size_t capacity) : capacity_(capacity) {}

  void try_put(T&& item) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (items_.size() < capacity_) items_.push_back(std::move(item));
  }

  bool try_take(T& into) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (items_.empty()) return false;
    into = std::move(items_.front());
    items_.pop_front();
    return true;
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::deque<T> items_;
};

/// Thrown on the builder's thread when the calling thread has given up.
struct PipelineStopped {};

/// A thread that keeps what it throws for the one that joins it.
class Worker {
 public:
  template <typename Body>
  explicit Worker(Body body)
      : thread_([this, body = std::move(body)]() mutable {
          try {
            body();
          } catch (...) {
            failure_ = std::current_exception();
          }
        }) {}
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  ~Worker() {
    if (thread_.joinable()) thread_.join();
  }
  /// Waits for the thread; rethrows what it threw.
  void join() {
    thread_.join();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  std::exception_ptr failure_;
  std::thread thread_;
};

/// Below this many bytes of body, starting a thread costs about what it
/// saves (measured: a 25 KB bulletin took longer with one).
constexpr std::size_t kWorthAThread = 1 << 16;

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
  auto decoded = owned != nullptr ? detail::decode_taking(*owned, options.decode)
                                  : decode(bytes, options.decode);
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
  std::optional<Worker> indexer;
  if (options.threads >= 2 && decoded->text.size() >= kWorthAThread) {
    try {
      indexer.emplace([&] {
        digest();
        index_lines();
      });
    } catch (const std::system_error&) {
      // No thread to be had: both are done on this one.
    }
  }
  // On one thread the input is let go before the normalized text is made.
  if (!indexer) digest();
  const Normalized normalized = normalize(decoded->text);
  if (indexer) {
    indexer->join();
  } else {
    index_lines();
  }
  source.sha256 = std::move(index.sha256);
  std::string().swap(decoded->text);
  const SpanLocator locator(*decoded, normalized, *index.lines);
  Segmentation seg = segment(normalized.text, segment_options);
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

/// Maps the checks and diagnostics, which parse() and parse_stream() give last.
void map_findings(const SpanLocator& locator, const Normalized& normalized,
                  std::vector<Check>& checks, std::vector<Diagnostic>& diagnostics) {
  for (auto& c : checks) locator.map(c.span);
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
  map_findings(locator, normalized, doc.checks, doc.diagnostics);
  return doc;
}

/// What the two threads of extract_pipelined() hand each other, under one
/// lock: the numbers of groups the calling thread found for the builder, and
/// the built groups going back to be written. Groups are claimed in order by
/// whichever thread comes to them first, so neither waits on a fixed share
/// of the work: the calling thread finds numbers ahead while it has nothing
/// to write, and the builder finds those of any group not claimed yet.
class GroupExchange {
 public:
  struct Built {
    std::vector<Fact> facts;
    std::size_t first = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
  };
  struct Found {
    std::size_t index = 0;
    std::size_t begin = 0;
    std::vector<NumberMatch> matches;
  };
  /// What the calling thread is to do next.
  enum class Task { write, find, done };

  /// The calling thread claims groups at most `ahead` past the builder's;
  /// at most `built_room` built groups wait to be written.
  GroupExchange(std::size_t ahead, std::size_t built_room)
      : ahead_(ahead), built_room_(built_room) {}

  /// Builder: the numbers of group `index` if the calling thread has claimed
  /// it (waiting for them when it is still at it), nullopt when the builder
  /// is to find them itself.
  std::optional<Found> numbers_for(std::size_t index) {
    std::unique_lock<std::mutex> lock(mutex_);
    building_ = index;
    if (index >= claimed_) {
      claimed_ = index + 1;
      changed_.notify_all();
      return std::nullopt;
    }
    changed_.wait(lock, [&] { return cancelled_ || !found_.empty(); });
    if (cancelled_) throw PipelineStopped{};
    Found found = std::move(found_.front());
    found_.pop_front();
    if (found.index != index) throw std::logic_error("extract_pipelined: groups out of step");
    changed_.notify_all();
    return found;
  }

  /// Builder: false, dropping the group, once cancelled.
  bool put_built(Built group) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return built_.size() < built_room_ || cancelled_; });
    if (cancelled_) return false;
    built_.push_back(std::move(group));
    changed_.notify_all();
    return true;
  }

  /// Builder: all groups are built (perhaps early, at the fact limit).
  void close() {
    const std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }

  /// Calling thread: waits for a built group to write or a group to claim.
  /// Built groups go first: writing them frees the builder's room. `more`
  /// says whether any group is left past those claimed.
  Task next(Built& built, std::size_t& claim, bool more) {
    std::unique_lock<std::mutex> lock(mutex_);
    Task task = Task::done;
    changed_.wait(lock, [&] {
      if (cancelled_) return true;
      if (!built_.empty()) {
        task = Task::write;
        return true;
      }
      if (closed_) return true;
      if (more && claimed_ <= building_ + ahead_) {
        task = Task::find;
        return true;
      }
      return false;
    });
    if (cancelled_) return Task::done;
    if (task == Task::write) {
      built = std::move(built_.front());
      built_.pop_front();
      changed_.notify_all();
    } else if (task == Task::find) {
      claim = claimed_++;
    }
    return task;
  }

  /// Calling thread: the index of the first group nobody has claimed.
  std::size_t claimed() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return claimed_;
  }

  /// Calling thread: the numbers of the group it claimed last.
  void put_found(Found found) {
    const std::lock_guard<std::mutex> lock(mutex_);
    found_.push_back(std::move(found));
    changed_.notify_all();
  }

  /// Either side gives up; the other stops waiting.
  void cancel() {
    const std::lock_guard<std::mutex> lock(mutex_);
    cancelled_ = true;
    changed_.notify_all();
  }

 private:
  std::size_t ahead_;
  std::size_t built_room_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t claimed_ = 0;   // groups below are claimed
  std::size_t building_ = 0;  // the group the builder asked numbers for last
  std::deque<Found> found_;
  std::deque<Built> built_;
  bool closed_ = false;
  bool cancelled_ = false;
};

/// extract_facts_in_groups() on two threads. The facts are built on a thread
/// of their own, in order, where `on_built` is called on each group; then
/// `on_group` is called on this one, in order. The numbers of each group are
/// found by whichever thread comes to it first (see GroupExchange), so that
/// the threads share the work however fast each runs. `before` runs on this
/// thread once the builder has started, before the first group is handed
/// over. Exceptions from either side reach the caller after both have
/// stopped.
std::vector<Diagnostic> extract_pipelined(std::string_view text, const Segmentation& seg,
                                          const ExtractOptions& options,
                                          const std::function<void()>& before,
                                          const FactGroupHandler& on_built,
                                          const FactGroupHandler& on_group) {
  // Groups found ahead wait for the builder, each holding its numbers:
  // a few are enough to keep it from finding its own while this thread
  // has nothing to write.
  constexpr std::size_t kAhead = 3;
  // Built groups wait here while this thread writes the head, which takes
  // as long as building several: with room for two, the builder stood still
  // 4.6 ms a run on the 2 MB file (median of 25); with six, 1.3 ms. Six
  // groups of 4 KB are a small part of the peak memory.
  constexpr std::size_t kBuiltRoom = 6;
  GroupExchange exchange(kAhead, kBuiltRoom);
  Recycler<std::vector<Fact>> spent(4);  // fact lists going back to be filled again
  const UnitTable& units = options.units != nullptr ? *options.units : UnitTable::builtin();
  const auto find = [&](FactGroupLines lines) {
    return find_numbers(text.substr(lines.begin, lines.end - lines.begin), units);
  };
  std::vector<Diagnostic> diagnostics;
  std::optional<Worker> builder;
  try {
    builder.emplace([&] {
      try {
        std::size_t index = 0;
        diagnostics = extract_facts_in_groups(
            text, seg, options,
            [&](FactGroup& group) {
              on_built(group);
              GroupExchange::Built out{{}, group.first, group.begin, group.end};
              out.facts.swap(group.facts);
              // Strings keep their room in a list that comes back: most of
              // the next group's facts are then filled without an allocation.
              spent.try_take(group.facts);
              if (!exchange.put_built(std::move(out))) throw PipelineStopped{};
            },
            [&](FactGroupLines lines) {
              auto found = exchange.numbers_for(index++);
              if (!found) return find(lines);
              if (found->begin != lines.begin)
                throw std::logic_error("extract_pipelined: groups out of step");
              return std::move(found->matches);
            });
      } catch (const PipelineStopped&) {
        return;  // the calling thread gave up, and says why
      } catch (...) {
        exchange.cancel();
        throw;
      }
      exchange.close();
    });
  } catch (const std::system_error&) {
    // No thread to be had: one after the other on this one.
    before();
    return extract_facts_in_groups(text, seg, options, [&](FactGroup& group) {
      on_built(group);
      on_group(group);
    });
  }
  try {
    before();
    FactGroupLines ahead = first_fact_group(text, seg, options);
    std::size_t ahead_index = 0;
    // Past the groups the builder claimed while this thread was writing.
    const auto skip_to = [&](std::size_t index) {
      while (ahead_index < index && ahead.begin < text.size()) {
        ahead = next_fact_group(text, ahead, options);
        ++ahead_index;
      }
    };
    GroupExchange::Built group;
    std::size_t claim = 0;
    while (true) {
      skip_to(exchange.claimed());
      const bool more = ahead.begin < text.size();
      const GroupExchange::Task task = exchange.next(group, claim, more);
      if (task == GroupExchange::Task::done) break;
      if (task == GroupExchange::Task::write) {
        FactGroup facts{group.facts, group.first, group.begin, group.end};
        on_group(facts);
        spent.try_put(std::move(group.facts));
        continue;
      }
      skip_to(claim);
      // The builder may have claimed the last groups since `more` was told:
      // then there is no group `claim`, and the builder will not ask for it.
      if (ahead.begin < text.size()) exchange.put_found({claim, ahead.begin, find(ahead)});
    }
  } catch (...) {
    exchange.cancel();
    throw;
  }
  builder->join();  // rethrows why the builder failed, if it did
  return diagnostics;
}

/// parse_stream()'s last steps: the head, the facts a group at a time, the rest.
void stream(SourceInfo& source, const Decoded& decoded, const Normalized& normalized,
            const SpanLocator& locator, Segmentation& seg, const ParseOptions& options,
            DocumentReceiver& receiver) {
  Document& head = seg.document;
  head.source = std::move(source);
  std::vector<Diagnostic> diagnostics = std::move(head.diagnostics);
  head.diagnostics.clear();
  // The extractor reads no span of the head (seg.section_starts tells it
  // where sections start), nor any turn's text: the head is mapped and
  // written on this thread while the facts are being built. The turns'
  // texts, nearly all of a transcript, are copied only then, and let go once
  // written.
  std::vector<std::string_view> turn_texts;
  turn_texts.reserve(head.turns.size());
  for (std::size_t k = 0; k < head.turns.size(); ++k) {
    turn_texts.push_back(turn_text(normalized.text, seg, k));
  }
  // The head's spans are mapped there too, with a locator of their own: a
  // locator's cursors are its only state, and the builder moves the other's.
  const SpanLocator head_locator = locator;
  const auto begin = [&] {
    for (auto& t : head.turns) head_locator.map(t.span);
    for (auto& s : head.sections) head_locator.map(s.span);
    for (std::size_t k = 0; k < head.turns.size(); ++k) head.turns[k].text = turn_texts[k];
    receiver.begin(head);
    for (auto& t : head.turns) std::string().swap(t.text);
  };

  CheckOptions check_options;
  GroupChecker checker(normalized.text, check_options);
  // Checked and mapped where the facts are built; the receiver is called on
  // this thread alone. The checker and the locator are used by one thread
  // at a time: the builder's until it has stopped.
  const FactGroupHandler check_and_map = [&](FactGroup& group) {
    checker.add(group.facts, group.first, group.end);
    for (auto& f : group.facts) locator.map(f.span);
  };
  const FactGroupHandler write = [&](FactGroup& group) {
    receiver.facts(group.facts, group.first);
  };
  const ExtractOptions extract = extract_options(options);
  const FactGroupLines first = first_fact_group(normalized.text, seg, extract);
  std::vector<Diagnostic> extracted;
  if (options.threads >= 2 && normalized.text.size() - first.begin >= kWorthAThread) {
    extracted = extract_pipelined(normalized.text, seg, extract, begin, check_and_map, write);
  } else {
    begin();
    extracted = extract_facts_in_groups(normalized.text, seg, extract, [&](FactGroup& group) {
      check_and_map(group);
      write(group);
    });
  }
  for (auto& d : extracted) diagnostics.push_back(std::move(d));
  add_final_diagnostics(diagnostics, decoded, normalized);
  std::vector<Check> checks = checker.finish();
  map_findings(locator, normalized, checks, diagnostics);
  receiver.end(checks, diagnostics);
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
  auto done = prepare(bytes, owned, options, segment_options,
                      [&](SourceInfo& source, const Decoded& decoded, const Normalized& normalized,
                          const SpanLocator& locator, Segmentation& seg) -> Result<bool> {
                        stream(source, decoded, normalized, locator, seg, options, receiver);
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

const char* version() noexcept { return BULLETIN_VERSION; }

std::string icu_version() {
  UVersionInfo info;
  u_getVersion(info);
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(info, text);
  return text;
}

}  // namespace bulletin
