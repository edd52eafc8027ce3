// Micro-benchmark: find_numbers over the project's samples.
//
// Reads samples/*.txt (UTF-8 ones; the GB18030 sample is skipped, the pipeline
// decodes it first), or the files given on the command line; falls back to
// the shared corpus, then to generated text. The text is repeated to a few
// megabytes and scanned 15 times; the median throughput is printed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "bulletin/numbers.hpp"

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string load_corpus(int argc, char** argv, std::string& source) {
  namespace fs = std::filesystem;
  std::string text;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) files.emplace_back(argv[i]);
  if (files.empty()) {
    const fs::path samples = fs::path(BULLETIN_SOURCE_DIR) / "samples";
    if (fs::is_directory(samples)) {
      for (const auto& entry : fs::directory_iterator(samples)) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() == ".txt" && name.find("gb18030") == std::string::npos) {
          files.push_back(entry.path());
        }
      }
      std::sort(files.begin(), files.end());
      source = "samples/*.txt";
    }
  }
  if (files.empty()) {
    const fs::path corpus = fs::path(BULLETIN_SHARED_DIR) / "corpus";
    if (fs::is_directory(corpus)) {
      for (const auto& entry : fs::directory_iterator(corpus)) files.push_back(entry.path());
      source = corpus.string();
    }
  }
  for (const auto& f : files) text += read_file(f) + "\n";
  if (text.empty()) {
    source = "generated text";
    for (int i = 0; i < 2000; ++i) {
      text +=
          "今年实施6个片区13个老旧小区改造，建筑面积150余万平方米，总投资额超3.1亿元，"
          "化解率达99.8%，比上年提高0.3个百分点；接种" +
          std::to_string(i * 37 % 100000) + "剂次，覆盖率达到三成以上。\n";
    }
  }
  if (argc > 1) source = "command-line files";
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  std::string source;
  const std::string one = load_corpus(argc, argv, source);
  std::string text;
  while (text.size() < 4u * 1024 * 1024) text += one;
  const auto& units = bulletin::UnitTable::builtin();
  (void)bulletin::find_numbers(one, units);  // warm up: unit table, lexicon

  constexpr int kRuns = 15;
  std::vector<double> rates;
  std::vector<double> cpu_rates;  // CPU time: meaningful on a loaded machine too
  std::size_t matches = 0;
  const double mib = static_cast<double>(text.size()) / (1024.0 * 1024.0);
  for (int run = 0; run < kRuns; ++run) {
    const std::clock_t cpu_start = std::clock();
    const auto start = std::chrono::steady_clock::now();
    const auto found = bulletin::find_numbers(text, units);
    const auto stop = std::chrono::steady_clock::now();
    const std::clock_t cpu_stop = std::clock();
    matches = found.size();
    rates.push_back(mib / std::chrono::duration<double>(stop - start).count());
    cpu_rates.push_back(mib / (static_cast<double>(cpu_stop - cpu_start) / CLOCKS_PER_SEC));
  }
  std::sort(rates.begin(), rates.end());
  std::sort(cpu_rates.begin(), cpu_rates.end());
  std::printf("input: %s (%zu bytes, repeated to %.1f MiB)\n", source.c_str(), one.size(),
              static_cast<double>(text.size()) / (1024.0 * 1024.0));
  std::printf("matches per run: %zu\n", matches);
  std::printf("find_numbers: median %.1f MiB/s (min %.1f, max %.1f, %d runs)\n", rates[kRuns / 2],
              rates.front(), rates.back(), kRuns);
  std::printf("find_numbers: median %.1f MiB/s of CPU time (min %.1f, max %.1f)\n",
              cpu_rates[kRuns / 2], cpu_rates.front(), cpu_rates.back());
  return 0;
}
