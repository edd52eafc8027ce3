// What the command-line tools share: reading inputs ("-" is stdin), walking
// directories, writing output atomically, reporting errors and exit codes.
#pragma once

#include <CLI/CLI.hpp>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bulletin/document.hpp"
#include "bulletin/parse.hpp"
#include "bulletin/result.hpp"

namespace bulletin::cli {

/// Exit status shared by the tools (README "Exit status").
enum ExitCode : int { kOk = 0, kFindings = 1, kFailure = 2 };

/// The input size limit of every tool, as ParseOptions has it.
inline constexpr std::size_t kDefaultMaxInputBytes = ParseOptions{}.max_input_bytes;

/// Reads a whole file, or standard input for "-". Errors name the cause;
/// more than `max_bytes` is Errc::too_large, found without reading past the
/// limit (an endless pipe or /dev/zero must not exhaust memory). With
/// `threads` of two or more, a large regular file is read in two halves at once.
[[nodiscard]] Result<std::string> read_input(const std::string& path,
                                             std::size_t max_bytes = kDefaultMaxInputBytes,
                                             unsigned threads = 1);

/// The documents in one input: bulletin text (parsed with `options`), or
/// bulletin-parse output — one JSON document, or JSON Lines with one per line.
/// JSON is recognised by its first non-blank byte being '{'. Errors carry the
/// line and column of the offending text.
[[nodiscard]] Result<std::vector<Document>> load_documents(const std::string& path,
                                                           const ParseOptions& options);

/// Expands the arguments: files stay as given; directories are walked when
/// `recursive` (regular files with the given extensions, sorted by path, links
/// to directories not followed), and are an error otherwise.
struct InputList {
  std::vector<std::string> files;
  std::vector<std::string> errors;  // messages for arguments that could not be expanded
};
[[nodiscard]] InputList expand_inputs(const std::vector<std::string>& args, bool recursive,
                                      const std::vector<std::string>& extensions);

/// Prints `tool: path[:line:col]: message` on stderr.
void report(const std::string& tool, const std::string& path, const std::optional<Location>& where,
            const std::string& message);

/// Output that is either stdout or a file replaced atomically on commit():
/// written to a temporary file beside it, flushed, synced and renamed; on any
/// failure the temporary file is removed and the target left untouched.
class Output {
 public:
  /// Empty path or "-" means standard output.
  explicit Output(std::string path);
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  /// False once writing failed (disk full, closed pipe); see error().
  bool write(std::string_view data);
  /// Hands what was written so far to the reader (record mode: one record
  /// at a time, so a streaming engine never waits on a full buffer).
  bool flush();
  /// Finishes the output; false on failure.
  bool commit();
  [[nodiscard]] const std::string& error() const { return error_; }
  /// True when the reader went away (EPIPE): stop quietly.
  [[nodiscard]] bool broken_pipe() const { return broken_pipe_; }

 private:
  /// Records the errno of a failed write or flush; returns false.
  bool fail_writing();

  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
  bool to_stdout_ = true;
  bool failed_ = false;
  bool broken_pipe_ = false;
  std::string error_;
};

/// Progress of a long batch on stderr ("tool: 12/300 files, 45.1/s"), drawn
/// only when `enabled` (see progress_wanted) and only once the batch has run
/// for half a second, so short runs and pipelines see nothing. `total` 0 means
/// unknown (streams of records). Not thread-safe: call from the writer.
class Progress {
 public:
  Progress(std::string tool, std::size_t total, std::string unit, bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void advance(std::size_t count = 1);
  /// Writes `text` to stderr without mixing it into the progress line.
  void message(const std::string& text);
  /// Erases the progress line.
  void finish();

 private:
  void draw(bool force);
  std::string tool_;
  std::string unit_;
  std::size_t total_ = 0;
  std::size_t done_ = 0;
  bool enabled_ = false;
  bool shown_ = false;
  double start_ = 0;
  double last_draw_ = 0;
};

/// True when progress should be drawn: stderr is a terminal and not --quiet.
[[nodiscard]] bool progress_wanted(bool quiet);

/// Commits `out`: kOk, or kFailure after reporting a write error; a closed
/// pipe is a quiet end whose status is that of the inputs (`failed`).
[[nodiscard]] int commit_output(const std::string& tool, Output& out, const std::string& path,
                                bool failed);

/// The -j a tool takes when none is given: one per core, at most 256.
[[nodiscard]] unsigned default_jobs();

/// Runs `work(i)` for i in [0, count) on `jobs` threads and hands each result
/// to `emit` in index order; `emit` returns false to stop early.
template <typename T>
void run_ordered(std::size_t count, unsigned jobs, const std::function<T(std::size_t)>& work,
                 const std::function<bool(T&&)>& emit) {
  if (jobs <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      if (!emit(work(i))) return;
    }
    return;
  }
  // Workers take indexes in order; the window bounds how far they run ahead of
  // the writer, so memory is bounded by a few documents, not the batch.
  const std::size_t window = static_cast<std::size_t>(jobs) * 2;
  std::mutex mutex;
  std::condition_variable ready;
  std::condition_variable room;
  std::deque<std::optional<T>> pending;  // results for [emitted, emitted + size)
  std::size_t next = 0;
  std::size_t emitted = 0;
  bool stop = false;
  auto worker = [&] {
    for (;;) {
      std::size_t index;
      {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return stop || next >= count || next < emitted + window; });
        if (stop || next >= count) return;
        index = next++;
        if (pending.size() < next - emitted) pending.resize(next - emitted);
      }
      T result = work(index);
      {
        std::lock_guard lock(mutex);
        if (index >= emitted) pending[index - emitted] = std::move(result);
      }
      ready.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
  while (emitted < count) {
    T result;
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return !pending.empty() && pending.front().has_value(); });
      result = std::move(*pending.front());
      pending.pop_front();
      ++emitted;
    }
    room.notify_all();
    if (!emit(std::move(result))) {
      std::lock_guard lock(mutex);
      stop = true;
      break;
    }
  }
  room.notify_all();
  for (auto& t : threads) t.join();
}

/// Parses arguments the CLI11 way, mapping CLI11's own exit codes to 2
/// (usage) except --help and --version, which exit 0. Returns the exit code
/// to stop with, or nullopt to carry on.
[[nodiscard]] std::optional<int> parse_arguments(CLI::App& app, int argc, char** argv);

/// "bulletin-parse 0.1.0 (bulletin/1, ICU 72.1)".
[[nodiscard]] std::string version_string(const std::string& tool);

}  // namespace bulletin::cli
