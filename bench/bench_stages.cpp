// bench_stages: times each pipeline stage alone on one (large) file.
//
//   bench_stages [--repeat N] [--stage NAME] FILE
//
// Prints one tab-separated line per stage: name, median seconds over N runs,
// MB/s relative to the INPUT size (so stages are comparable with the whole
// pipeline), and the size of what the stage produced. Each stage is fed the
// output of the previous one computed once beforehand, so a stage's time is
// its own. `--stage` runs only one stage (plus what it needs), for profiling
// with callgrind or perf without the noise of the others.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "bulletin/check.hpp"
#include "bulletin/decode.hpp"
#include "bulletin/extract.hpp"
#include "bulletin/normalize.hpp"
#include "bulletin/parse.hpp"
#include "bulletin/segment.hpp"
#include "bulletin/serialize.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// Keeps the optimizer from discarding a result whose only use is its size.
volatile std::size_t g_sink = 0;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void report(const char* name, const std::vector<double>& seconds, std::size_t input_bytes,
            std::size_t produced) {
  const double m = median(seconds);
  std::printf("%s\t%.6f\t%.2f\t%zu\n", name, m, static_cast<double>(input_bytes) / 1e6 / m,
              produced);
  std::fflush(stdout);
}

// Runs `work` `repeat` times; `work` returns a size so its result is used.
void time_stage(const char* name, int repeat, std::size_t input_bytes,
                const std::function<std::size_t()>& work) {
  std::vector<double> seconds;
  std::size_t produced = 0;
  for (int i = 0; i < repeat; ++i) {
    const auto t0 = Clock::now();
    produced = work();
    seconds.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
  }
  g_sink = g_sink + produced;
  report(name, seconds, input_bytes, produced);
}

int usage() {
  std::fputs(
      "usage: bench_stages [--repeat N] [--stage decode|normalize|segment|extract|check|"
      "serialize|parse] FILE\n",
      stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 5;
  std::string only;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--stage" && i + 1 < argc) {
      only = argv[++i];
    } else if (!a.empty() && a[0] != '-' && path.empty()) {
      path = argv[i];
    } else {
      return usage();
    }
  }
  if (path.empty()) return usage();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "bench_stages: %s: cannot open\n", path.c_str());
    return 2;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t n = bytes.size();
  auto want = [&](const char* stage) { return only.empty() || only == stage; };
  std::printf("stage\tseconds\tMB/s\toutput\n");

  // Each stage's input is computed once, outside its timing.
  auto decoded = bulletin::decode(bytes);
  if (!decoded) {
    std::fprintf(stderr, "bench_stages: %s: %s\n", path.c_str(), decoded.error().message.c_str());
    return 2;
  }
  if (want("decode")) {
    time_stage("decode", repeat, n, [&] {
      auto d = bulletin::decode(bytes);
      return d ? d->text.size() : 0;
    });
  }
  if (only == "decode") return 0;
  const bulletin::Normalized normalized = bulletin::normalize(decoded->text);
  if (want("normalize")) {
    time_stage("normalize", repeat, n,
               [&] { return bulletin::normalize(decoded->text).text.size(); });
  }
  if (only == "normalize") return 0;
  bulletin::Segmentation seg = bulletin::segment(normalized.text);
  if (want("segment")) {
    time_stage("segment", repeat, n,
               [&] { return bulletin::segment(normalized.text).document.turns.size(); });
  }
  if (only == "segment") return 0;
  // A benchmark measures the whole document: no cap on its facts (the
  // library's default stops at a million, which a 200 MB file passes).
  bulletin::ExtractOptions all_facts;
  all_facts.max_facts = std::numeric_limits<std::size_t>::max();
  bulletin::Extraction extraction = bulletin::extract_facts(normalized.text, seg, all_facts);
  if (want("extract")) {
    time_stage("extract", repeat, n, [&] {
      return bulletin::extract_facts(normalized.text, seg, all_facts).facts.size();
    });
  }
  if (only == "extract") return 0;
  bulletin::Document doc = seg.document;
  doc.facts = std::move(extraction.facts);
  if (want("check")) {
    bulletin::CheckOptions options;
    options.text = normalized.text;
    time_stage("check", repeat, n,
               [&] { return bulletin::check_consistency(doc, options).size(); });
  }
  if (only == "check") return 0;
  if (want("serialize")) {
    time_stage("serialize", repeat, n, [&] { return bulletin::to_json(doc, -1).size(); });
  }
  if (only == "serialize") return 0;
  if (want("parse")) {
    // The whole library pipeline without the CLI: decode to mapped spans, plus JSON.
    time_stage("parse+json", repeat, n, [&] {
      bulletin::ParseOptions options;
      options.max_facts = std::numeric_limits<std::size_t>::max();
      auto d = bulletin::parse(bytes, options);
      return d ? bulletin::to_json(*d, -1).size() : 0;
    });
  }
  return 0;
}
