#include "bulletin/decode.hpp"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unicode/uvernum.h>

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <system_error>
#include <type_traits>

#if defined(__ELF__)
#include <dlfcn.h>
#endif

#include "detail/decode_taking.hpp"
#include "detail/text.hpp"
#include "detail/utf8_scan.hpp"
#include "detail/utf8_validate.hpp"
#include "detail/worker.hpp"

namespace bulletin {

void OffsetMap::add_off_diagonal(std::size_t derived, std::size_t origin) {
  // Both steps wrap around to more than UINT32_MAX when a position went back.
  const std::uint64_t derived_step = derived - last_derived_;
  const std::uint64_t origin_step = origin - last_origin_;
  last_derived_ = derived;
  last_origin_ = origin;
  ++checkpoints_;
  if (!runs_.empty()) {
    Run& run = runs_.back();
    const bool forward = derived_step - 1 < UINT32_MAX && origin_step <= UINT32_MAX;
    if (forward && run.count == 1) {
      run.derived_step = static_cast<std::uint32_t>(derived_step);
      run.origin_step = static_cast<std::uint32_t>(origin_step);
      ++run.count;
      return;
    }
    if (forward && derived_step == run.derived_step && origin_step == run.origin_step) {
      ++run.count;
      return;
    }
  }
  runs_.push_back({derived, origin, 0, 0, 1});
}

void OffsetMap::add_steps(std::size_t derived, std::size_t origin, std::size_t derived_step,
                          std::size_t origin_step, std::size_t count) {
  if (count == 0) return;
  add(derived, origin);
  // The rest lie on the diagonal the first one is on.
  if (count == 1 || derived_step == origin_step) return;
  if (derived_step == 0 || derived_step > UINT32_MAX || origin_step > UINT32_MAX) {
    // Strides add_off_diagonal() does not gather into runs.
    for (std::size_t i = 1; i < count; ++i)
      add(derived + i * derived_step, origin + i * origin_step);
    return;
  }
  // The second is off the diagonal of the first, so it is recorded; from the
  // third on, each either gives the last run these steps, lengthens it or
  // starts the run the rest then lengthen: all of that at once.
  add(derived + derived_step, origin + origin_step);
  if (count == 2) return;
  const std::size_t rest = count - 2;
  const auto ds = static_cast<std::uint32_t>(derived_step);
  const auto os = static_cast<std::uint32_t>(origin_step);
  Run& run = runs_.back();
  if (run.count == 1) {
    run.derived_step = ds;
    run.origin_step = os;
    run.count += rest;
  } else if (run.derived_step == ds && run.origin_step == os) {
    run.count += rest;
  } else {
    runs_.push_back({derived + 2 * derived_step, origin + 2 * origin_step, rest == 1 ? 0 : ds,
                     rest == 1 ? 0 : os, rest});
  }
  checkpoints_ += rest;
  last_derived_ = derived + (count - 1) * derived_step;
  last_origin_ = origin + (count - 1) * origin_step;
}

void OffsetMap::add_piece(std::size_t derived, std::size_t origin, std::size_t derived_end,
                          std::size_t origin_end) {
  pieces_.push_back({derived, derived_end, origin, origin_end});
}

void OffsetMap::append(const OffsetMap& later, std::size_t derived_shift,
                       std::size_t origin_shift) {
  for (const Run& r : later.runs_) {
    add_steps(r.derived + derived_shift, r.origin + origin_shift, r.derived_step, r.origin_step,
              r.count);
  }
  for (const Piece& p : later.pieces_) {
    add_piece(p.derived + derived_shift, p.origin + origin_shift, p.derived_end + derived_shift,
              p.origin_end + origin_shift);
  }
}

namespace {

/// The index of the first of `items` (sorted by derived offset) that starts
/// after `derived`. A few steps on from `from`, where the last lookup ended,
/// when it is there; else by bisection. Leaves the answer in `from`.
template <typename Item>
std::size_t first_after(const std::vector<Item>& items, std::size_t derived, std::size_t& from) {
  constexpr int kSteps = 4;
  std::size_t i = std::min(from, items.size());
  if (i == 0 || items[i - 1].derived <= derived) {
    for (int step = 0; step < kSteps && i < items.size() && items[i].derived <= derived; ++step) {
      ++i;
    }
    if (i == items.size() || items[i].derived > derived) return from = i;
  }
  const auto it =
      std::upper_bound(items.begin(), items.end(), derived,
                       [](std::size_t value, const Item& item) { return value < item.derived; });
  return from = static_cast<std::size_t>(it - items.begin());
}

}  // namespace

const OffsetMap::Piece* OffsetMap::piece_around(std::size_t derived, Cursor& cursor) const {
  if (pieces_.empty()) return nullptr;  // most texts decode and normalize with none
  const std::size_t next = first_after(pieces_, derived, cursor.piece);
  if (next == 0) return nullptr;
  const Piece& p = pieces_[next - 1];
  return derived > p.derived && derived < p.derived_end ? &p : nullptr;
}

std::size_t OffsetMap::map(std::size_t derived) const {
  Cursor cursor;
  return map(derived, cursor);
}

std::size_t OffsetMap::map_end(std::size_t derived) const {
  Cursor cursor;
  return map_end(derived, cursor);
}

std::size_t OffsetMap::map(std::size_t derived, Cursor& cursor) const {
  if (const Piece* piece = piece_around(derived, cursor)) {
    return static_cast<std::size_t>(piece->origin);
  }
  return map_by_runs(derived, cursor);
}

std::size_t OffsetMap::map_end(std::size_t derived, Cursor& cursor) const {
  if (const Piece* piece = piece_around(derived, cursor)) {
    return static_cast<std::size_t>(piece->origin_end);
  }
  return map_by_runs(derived, cursor);
}

std::size_t OffsetMap::map_by_runs(std::size_t derived, Cursor& cursor) const {
  if (runs_.empty()) return derived;
  if (runs_.size() == 1 && runs_.front().count == 1) {
    // One checkpoint, as a UTF-8 input's map holds: the diagonal through it.
    const Run& only = runs_.front();
    return static_cast<std::size_t>(
        derived < only.derived ? only.origin : only.origin + (derived - only.derived));
  }
  const std::size_t next = first_after(runs_, derived, cursor.run);
  if (next == 0) return static_cast<std::size_t>(runs_.front().origin);
  auto it = runs_.begin() + static_cast<std::ptrdiff_t>(next);
  const auto next_run = it;
  --it;
  const std::uint64_t offset = derived - it->derived;
  const std::uint64_t i =
      it->count == 1 ? 0 : std::min<std::uint64_t>(offset / it->derived_step, it->count - 1);
  const std::uint64_t origin = it->origin + i * it->origin_step;
  std::uint64_t advance = offset - i * it->derived_step;
  // Where the derived text grew (a two-byte character became three bytes),
  // offsets past the origin's length would run into the next checkpoint's.
  const bool last_of_run = i + 1 == it->count;
  if (!last_of_run || next_run != runs_.end()) {
    const std::uint64_t next_origin = last_of_run ? next_run->origin : origin + it->origin_step;
    if (next_origin >= origin) advance = std::min(advance, next_origin - origin);
  }
  return static_cast<std::size_t>(origin + advance);
}

namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// ICU's charset detector is the only part of libicui18n that decoding uses,
// and only to word the error for input that is not text in a known encoding.
// Loading libicui18n costs a process more than parsing a small bulletin does
// (thousands of relocations), so on ELF systems it is opened when a hint is
// first wanted, and programs linked with --as-needed do not load it at start.
// Should it fail to open, errors are still reported, only without the hint.
struct CharsetDetector {
  decltype(&ucsdet_open) open = nullptr;
  decltype(&ucsdet_close) close = nullptr;
  decltype(&ucsdet_setText) set_text = nullptr;
  decltype(&ucsdet_detect) detect = nullptr;
  decltype(&ucsdet_getName) name = nullptr;
  decltype(&ucsdet_getConfidence) confidence = nullptr;
};

#if defined(__ELF__)

// ICU's exported names carry its version (ucsdet_open_72); the header's
// renaming macros spell them, so the names follow the ICU built against.
#define BULLETIN_ICU_SYMBOL_NAME(name) BULLETIN_ICU_SYMBOL_NAME_OF(name)
#define BULLETIN_ICU_SYMBOL_NAME_OF(renamed) #renamed

std::optional<CharsetDetector> load_charset_detector() {
  void* library = dlopen("libicui18n" U_LIB_SUFFIX_C_NAME_STRING ".so." U_ICU_VERSION_SHORT,
                         RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) return std::nullopt;
  CharsetDetector detector;
  bool complete = true;
  auto bind = [&](auto& function, const char* symbol) {
    function =
        reinterpret_cast<std::remove_reference_t<decltype(function)>>(dlsym(library, symbol));
    complete = complete && function != nullptr;
  };
  bind(detector.open, BULLETIN_ICU_SYMBOL_NAME(ucsdet_open));
  bind(detector.close, BULLETIN_ICU_SYMBOL_NAME(ucsdet_close));
  bind(detector.set_text, BULLETIN_ICU_SYMBOL_NAME(ucsdet_setText));
  bind(detector.detect, BULLETIN_ICU_SYMBOL_NAME(ucsdet_detect));
  bind(detector.name, BULLETIN_ICU_SYMBOL_NAME(ucsdet_getName));
  bind(detector.confidence, BULLETIN_ICU_SYMBOL_NAME(ucsdet_getConfidence));
  // The library stays loaded: the functions are kept for the life of the process.
  if (!complete) return std::nullopt;
  return detector;
}

#undef BULLETIN_ICU_SYMBOL_NAME_OF
#undef BULLETIN_ICU_SYMBOL_NAME

#else

std::optional<CharsetDetector> load_charset_detector() {
  return CharsetDetector{&ucsdet_open,   &ucsdet_close,   &ucsdet_setText,
                         &ucsdet_detect, &ucsdet_getName, &ucsdet_getConfidence};
}

#endif

/// The detector, loaded on first use; nullptr when it is not available.
const CharsetDetector* charset_detector() {
  static const std::optional<CharsetDetector> detector = load_charset_detector();
  return detector ? &*detector : nullptr;
}

struct Bom {
  const char* encoding;
  std::size_t length;
};

Bom sniff_bom(std::string_view b) {
  auto at = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
  if (b.size() >= 3 && at(0) == 0xEF && at(1) == 0xBB && at(2) == 0xBF) return {"UTF-8", 3};
  if (b.size() >= 4 && at(0) == 0xFF && at(1) == 0xFE && at(2) == 0 && at(3) == 0)
    return {"UTF-32LE", 4};
  if (b.size() >= 4 && at(0) == 0 && at(1) == 0 && at(2) == 0xFE && at(3) == 0xFF)
    return {"UTF-32BE", 4};
  if (b.size() >= 2 && at(0) == 0xFF && at(1) == 0xFE) return {"UTF-16LE", 2};
  if (b.size() >= 2 && at(0) == 0xFE && at(1) == 0xFF) return {"UTF-16BE", 2};
  return {nullptr, 0};
}

std::string canonical_name(std::string_view name) {
  std::string upper;
  for (char c : name) upper += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  if (upper == "UTF8") return "UTF-8";
  if (upper == "GB2312" || upper == "GBK" || upper == "CP936") return upper;
  return upper;
}

Location locate(std::string_view decoded_prefix, std::size_t offset) {
  const auto lc = detail::resolve_line_columns(decoded_prefix, {decoded_prefix.size()});
  return {offset, lc[0].line, lc[0].column};
}

/// Validates UTF-8; returns the offset of the first ill-formed sequence or npos.
std::string describe_bytes(std::string_view bytes, std::size_t offset) {
  std::string out;
  for (std::size_t i = offset; i < bytes.size() && i < offset + 4; ++i) {
    if (!out.empty()) out += ' ';
    out += fmt::format("0x{:02X}", static_cast<unsigned char>(bytes[i]));
  }
  return out;
}

/// UTF-8 input: copy, or copy with replacements when lenient.
/// `body_checked`: where the body's UTF-8 breaks, when the caller has looked
/// already (a whole document is not read twice for it). `owned`, when given,
/// holds `bytes`; it becomes the text when nothing is to be removed or
/// replaced, which saves a copy of the whole input.
Result<Decoded> decode_utf8(std::string_view bytes, std::size_t bom, const DecodeOptions& options,
                            std::optional<std::size_t> body_checked = std::nullopt,
                            std::string* owned = nullptr) {
  Decoded out;
  out.encoding = "UTF-8";
  std::string_view body = bytes.substr(bom);
  std::size_t bad = body_checked ? *body_checked : detail::first_ill_formed_utf8_in_blocks(body);
  out.to_source.add(0, bom);
  if (bad == std::string_view::npos) {
    if (owned != nullptr && bom == 0) {
      out.text = std::move(*owned);
      owned->clear();
    } else {
      out.text.assign(body);
    }
    return out;
  }
  if (!options.lenient) {
    Location where = locate(body.substr(0, bad), bom + bad);
    return Error{Errc::invalid_encoding,
                 fmt::format("invalid UTF-8 byte {} at offset {}",
                             describe_bytes(bytes.substr(0, bom + bad + 1), bom + bad), bom + bad),
                 where};
  }
  out.text.reserve(body.size());
  const auto* p = reinterpret_cast<const std::uint8_t*>(body.data());
  const auto n = static_cast<std::int32_t>(body.size());
  std::int32_t i = 0;
  while (i < n) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      if (out.replaced++ == 0) out.first_replaced_offset = bom + static_cast<std::size_t>(start);
      out.to_source.add(out.text.size(), bom + static_cast<std::size_t>(start));
      out.text += "\xEF\xBF\xBD";
      out.to_source.add(out.text.size(), bom + static_cast<std::size_t>(i));
    } else {
      out.text.append(
          body.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  return out;
}

/// Checkpoints offered one character at a time, gathered into runs of one
/// stride before they go to the map (a decoder's characters mostly come in
/// runs of one width).
class CheckpointRun {
 public:
  void add(std::size_t derived, std::size_t origin, OffsetMap& map) {
    if (count_ >= 2 && derived - last_derived_ == derived_step_ &&
        origin - last_origin_ == origin_step_ && origin >= last_origin_) {
      ++count_;
    } else if (count_ == 1 && derived > last_derived_ && origin >= last_origin_) {
      derived_step_ = derived - last_derived_;
      origin_step_ = origin - last_origin_;
      ++count_;
    } else {
      flush(map);
      first_derived_ = derived;
      first_origin_ = origin;
      count_ = 1;
    }
    last_derived_ = derived;
    last_origin_ = origin;
  }
  void flush(OffsetMap& map) {
    if (count_ > 0)
      map.add_steps(first_derived_, first_origin_, derived_step_, origin_step_, count_);
    count_ = 0;
  }

 private:
  std::size_t first_derived_ = 0;
  std::size_t first_origin_ = 0;
  std::size_t last_derived_ = 0;
  std::size_t last_origin_ = 0;
  std::size_t derived_step_ = 0;
  std::size_t origin_step_ = 0;
  std::size_t count_ = 0;
};

/// Why a stretch of input stopped decoding.
struct IcuFailure {
  std::size_t offset = 0;  // of the bad sequence in the input
  std::size_t length = 0;  // of the bad sequence, as ICU reports it
  bool truncated = false;  // cut short by the end of the input
};

/// What decode_stretch() makes of [begin, end) of the input: its text, with
/// checkpoints at input offsets, and where it failed, if it did (the text
/// then holds what came before).
struct IcuStretch {
  Decoded decoded;
  std::optional<IcuFailure> failure;
};

/// Opens `encoding` as the options want it: in stop mode unless lenient.
ConverterPtr open_converter(const std::string& encoding, const DecodeOptions& options) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(encoding.c_str(), &status));
  if (U_FAILURE(status)) return nullptr;
  if (!options.lenient) {
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                        &status);
  }
  return converter;
}

/// Input bytes per run of checkpoints that a map has room made for at once.
/// A Chinese text in a two-byte encoding changes stride at nearly every
/// figure: the 1.5 MB GB18030 file of bench/ made a run every 22 bytes, and
/// grown by doubling its map was copied again and again into fresh pages.
constexpr std::size_t kInputBytesPerRun = 11;

/// Decodes input [begin, end), keeping for each UTF-16 unit the input offset
/// ICU reports. The text has room made for `room` bytes of input.
IcuStretch decode_stretch(std::string_view bytes, std::size_t begin, std::size_t end,
                          std::size_t room, UConverter* converter, const DecodeOptions& options) {
  IcuStretch stretch;
  Decoded& out = stretch.decoded;
  const std::string_view body = bytes.substr(begin, end - begin);
  const char* source = body.data();
  const char* source_limit = body.data() + body.size();
  constexpr std::size_t kChunk = 1 << 16;
  std::vector<UChar> units(kChunk);
  std::vector<std::int32_t> offsets(kChunk);
  std::size_t consumed_before = 0;  // body offset where the current call began
  char32_t pending_lead = 0;
  std::size_t pending_lead_offset = 0;
  out.text.reserve(room + room / 2);
  out.to_source.reserve(room / kInputBytesPerRun);
  CheckpointRun checkpoints;

  for (;;) {
    UChar* target = units.data();
    const char* call_start = source;
    UErrorCode status = U_ZERO_ERROR;
    ucnv_toUnicode(converter, &target, units.data() + units.size(), &source, source_limit,
                   offsets.data(), true, &status);
    const std::size_t produced = static_cast<std::size_t>(target - units.data());
    // Written through a pointer into room made for the longest case (three
    // bytes per UTF-16 unit), then cut to what was written.
    std::size_t size = out.text.size();
    out.text.resize(size + 3 * produced);
    char* const text = out.text.data();
    for (std::size_t k = 0; k < produced; ++k) {
      const UChar u = units[k];
      const std::size_t src =
          begin + consumed_before + static_cast<std::size_t>(std::max(offsets[k], 0));
      char32_t c = u;
      std::size_t c_src = src;
      if (U16_IS_LEAD(u)) {
        pending_lead = u;
        pending_lead_offset = src;
        continue;
      }
      if (U16_IS_TRAIL(u) && pending_lead != 0) {
        c = static_cast<char32_t>(U16_GET_SUPPLEMENTARY(pending_lead, u));
        c_src = pending_lead_offset;
      }
      pending_lead = 0;
      if (c == 0xFFFD && options.lenient) {
        if (out.replaced++ == 0) out.first_replaced_offset = c_src;
      }
      checkpoints.add(size, c_src, out.to_source);
      if (U16_IS_SURROGATE(c)) c = 0xFFFD;  // a trail without its lead
      std::int32_t length = 0;
      U8_APPEND_UNSAFE(text + size, length, static_cast<UChar32>(c));
      size += static_cast<std::size_t>(length);
    }
    out.text.resize(size);
    consumed_before += static_cast<std::size_t>(source - call_start);
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) {
      char invalid[32];
      std::int8_t invalid_length = sizeof invalid;
      UErrorCode ignored = U_ZERO_ERROR;
      ucnv_getInvalidChars(converter, invalid, &invalid_length, &ignored);
      const auto length = static_cast<std::size_t>(std::max<std::int8_t>(invalid_length, 0));
      stretch.failure = IcuFailure{begin + static_cast<std::size_t>(source - body.data()) - length,
                                   length, status == U_TRUNCATED_CHAR_FOUND};
    }
    break;
  }
  checkpoints.flush(out.to_source);
  return stretch;
}

/// Below this many bytes, decoding in two halves saves less than starting a
/// thread costs.
constexpr std::size_t kDecodingWorthAThread = std::size_t{1} << 18;

/// Where a large input may be cut in two for decoding on two threads: after
/// the first line break past its middle, in an encoding whose every byte 0x0A is
/// a line break and leaves the decoder in its starting state (GB18030: its
/// trailing bytes are 0x30–0x39 and 0x40–0xFE). `end` when it may not be.
std::size_t decoding_cut(std::string_view bytes, std::size_t begin, const std::string& encoding,
                         const DecodeOptions& options) {
  const std::size_t end = bytes.size();
  if (options.threads < 2 || encoding != "GB18030" || end - begin < kDecodingWorthAThread) {
    return end;
  }
  const std::size_t at = bytes.find('\n', begin + (end - begin) / 2);
  return at == std::string_view::npos || at + 1 >= end ? end : at + 1;
}

/// Any other encoding through an ICU converter in stop mode. A large input
/// in GB18030 is decoded in two halves, the second on another thread (its
/// decoding was the longest step of a GB18030 file that a thread could not
/// share: 13 ms of the 1.5 MB file of bench/).
Result<Decoded> decode_icu(std::string_view bytes, std::size_t bom, const std::string& encoding,
                           const DecodeOptions& options) {
  ConverterPtr converter = open_converter(encoding, options);
  if (!converter) {
    return Error{Errc::invalid_argument, fmt::format("unknown encoding '{}'", encoding), {}};
  }
  const std::size_t cut = decoding_cut(bytes, bom, encoding, options);
  IcuStretch later;
  std::optional<detail::Worker> worker;
  if (cut < bytes.size()) {
    try {
      worker.emplace([&] {
        const ConverterPtr second = open_converter(encoding, options);
        if (!second) throw std::bad_alloc();
        later = decode_stretch(bytes, cut, bytes.size(), bytes.size() - cut, second.get(), options);
      });
    } catch (const std::system_error&) {
      // No thread to be had: the second half is decoded below, on this one.
    }
  }
  // The first half's text has room for the second's, which is appended.
  IcuStretch whole = decode_stretch(bytes, bom, cut, bytes.size() - bom, converter.get(), options);
  if (cut < bytes.size()) {
    if (worker) {
      worker->join();
    } else if (!whole.failure) {
      ucnv_reset(converter.get());
      later =
          decode_stretch(bytes, cut, bytes.size(), bytes.size() - cut, converter.get(), options);
    }
    // The second half matters only when the first decoded whole.
    if (!whole.failure) {
      Decoded& out = whole.decoded;
      const std::size_t shift = out.text.size();
      out.text += later.decoded.text;
      out.to_source.append(later.decoded.to_source, shift, 0);
      if (out.replaced == 0) out.first_replaced_offset = later.decoded.first_replaced_offset;
      out.replaced += later.decoded.replaced;
      whole.failure = later.failure;
    }
  }
  Decoded& out = whole.decoded;
  if (whole.failure) {
    const IcuFailure& bad = *whole.failure;
    return Error{
        Errc::invalid_encoding,
        fmt::format(
            "{} {} sequence {} at offset {}", bad.truncated ? "truncated" : "invalid", encoding,
            describe_bytes(bytes.substr(0, bad.offset + std::max<std::size_t>(bad.length, 1)),
                           bad.offset),
            bad.offset),
        locate(out.text, bad.offset)};
  }
  out.encoding = encoding;
  out.to_source.add(out.text.size(), bytes.size());
  // Not shrunk to fit: the room never written was never faulted in, and
  // copying the text and the map would fault in their size again.
  return std::move(out);
}

std::string detector_hint(std::string_view bytes) {
  const CharsetDetector* api = charset_detector();
  if (api == nullptr) return {};
  UErrorCode status = U_ZERO_ERROR;
  const auto close = [api](UCharsetDetector* d) { api->close(d); };
  std::unique_ptr<UCharsetDetector, decltype(close)> detector(api->open(&status), close);
  if (U_FAILURE(status)) return {};
  const auto length = static_cast<std::int32_t>(std::min<std::size_t>(bytes.size(), 1 << 16));
  api->set_text(detector.get(), bytes.data(), length, &status);
  const UCharsetMatch* match = api->detect(detector.get(), &status);
  if (U_FAILURE(status) || match == nullptr) return {};
  const char* name = api->name(match, &status);
  const std::int32_t confidence = api->confidence(match, &status);
  if (U_FAILURE(status) || name == nullptr) return {};
  return fmt::format("{} (confidence {}%)", name, confidence);
}

}  // namespace

namespace {

Result<Decoded> decode(std::string_view bytes, std::string* owned, const DecodeOptions& options) {
  const Bom bom = sniff_bom(bytes);
  const bool is_utf16_or_32 = bom.encoding != nullptr && std::string_view(bom.encoding) != "UTF-8";

  if (!options.encoding.empty()) {
    std::string name = canonical_name(options.encoding);
    const std::size_t skip = (bom.encoding != nullptr && name == bom.encoding) ? bom.length : 0;
    if (name == "UTF-8") return decode_utf8(bytes, skip, options, std::nullopt, owned);
    return decode_icu(bytes, skip, name, options);
  }
  if (is_utf16_or_32) return decode_icu(bytes, bom.length, bom.encoding, options);

  const std::size_t nul = bytes.find('\0');
  if (nul != std::string_view::npos) {
    std::string hint = detector_hint(bytes);
    return Error{
        Errc::binary_input,
        fmt::format("binary input: NUL byte at offset {}{}", nul,
                    hint.empty() ? ""
                                 : fmt::format("; looks like {} without a byte-order mark, "
                                               "pass --encoding if it is text",
                                               hint)),
        locate(detail::first_ill_formed_utf8(bytes.substr(0, nul)) == std::string_view::npos
                   ? bytes.substr(0, nul)
                   : std::string_view{},
               nul)};
  }
  // Without a byte-order mark the body is the whole input.
  const std::optional<std::size_t> ill_formed =
      bom.encoding == nullptr ? std::optional(detail::first_ill_formed_utf8_in_blocks(bytes))
                              : std::nullopt;
  if (!ill_formed || *ill_formed == std::string_view::npos || options.lenient) {
    if (ill_formed && *ill_formed != std::string_view::npos) {
      // Lenient and not UTF-8: GB18030 is still the better guess when it decodes cleanly.
      DecodeOptions strict = options;
      strict.lenient = false;
      auto gb = decode_icu(bytes, 0, "GB18030", strict);
      if (gb) return gb;
    }
    return decode_utf8(bytes, bom.length, options, ill_formed, owned);
  }
  auto gb = decode_icu(bytes, 0, "GB18030", options);
  if (gb) return gb;
  // Neither: report where UTF-8 broke, the likelier intent, plus the detector's
  // guess; unless GB18030 read further, as with a GB18030 file cut short in the
  // middle of a character, which UTF-8 rejects at its first Chinese character.
  auto utf8 = decode_utf8(bytes, 0, options);
  Error error = utf8.error();
  const bool gb_further =
      error.where && gb.error().where && gb.error().where->offset > error.where->offset;
  if (gb_further) error = gb.error();
  std::string hint = detector_hint(bytes);
  error.message += gb_further ? " (not UTF-8 either" : " (not GB18030 either";
  if (!hint.empty()) error.message += "; detector suggests " + hint;
  error.message += ")";
  return error;
}

}  // namespace

Result<Decoded> decode(std::string_view bytes, const DecodeOptions& options) {
  return decode(bytes, nullptr, options);
}

namespace detail {

Result<Decoded> decode_taking(std::string& bytes, const DecodeOptions& options) {
  return decode(bytes, &bytes, options);
}

}  // namespace detail

Result<std::string> encode(std::string_view utf8, std::string_view encoding) {
  UErrorCode status = U_ZERO_ERROR;
  const std::string name(encoding);
  ConverterPtr to(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status))
    return Error{Errc::invalid_argument, fmt::format("unknown encoding '{}'", name), {}};
  ConverterPtr from(ucnv_open("UTF-8", &status));
  ucnv_setFromUCallBack(to.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::string out(utf8.size() * 4 + 16, '\0');
  char* target = out.data();
  const char* source = utf8.data();
  status = U_ZERO_ERROR;
  ucnv_convertEx(to.get(), from.get(), &target, out.data() + out.size(), &source,
                 utf8.data() + utf8.size(), nullptr, nullptr, nullptr, nullptr, true, true,
                 &status);
  if (U_FAILURE(status)) {
    return Error{Errc::invalid_encoding,
                 fmt::format("cannot encode text as {}: {}", name, u_errorName(status)),
                 {}};
  }
  out.resize(static_cast<std::size_t>(target - out.data()));
  return out;
}

}  // namespace bulletin
