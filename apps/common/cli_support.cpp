#include "common/cli_support.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <deque>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include "bulletin/document.hpp"
#include "bulletin/parse.hpp"
#include "bulletin/serialize.hpp"

namespace bulletin::cli {

namespace fs = std::filesystem;

namespace {

/// Reads standard input, at most max_bytes + 1 bytes, so that an endless
/// source stops at the limit.
Result<std::string> read_standard_input(std::size_t max_bytes) {
  std::string data;
  // Left uninitialised: zeroing it would write, and so fault in, all 64 KiB
  // of stack on every run, where a read touches only the pages it fills.
  std::array<char, 1 << 16> buffer;
  while (std::cin) {
    std::cin.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    data.append(buffer.data(), static_cast<std::size_t>(std::cin.gcount()));
    if (data.size() > max_bytes) {
      return Error{
          Errc::too_large, fmt::format("input is over the limit of {} bytes", max_bytes), {}};
    }
  }
  if (std::cin.bad()) return Error{Errc::io_error, "cannot read standard input", {}};
  return data;
}

/// Closes a descriptor however the reading ends.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() { ::close(fd_); }

 private:
  int fd_;
};

/// Faults in the pages of a large buffer about to be filled with one call
/// (Linux 5.14 and later), as the library does for its own: one at a time,
/// the 512 pages of the 2 MB file of bench/ took 1.1 ms, in one call half as
/// long. A failure leaves them to be faulted in as they are written.
void prefault([[maybe_unused]] char* data, [[maybe_unused]] std::size_t size) {
#if defined(MADV_POPULATE_WRITE)
  if (size < (std::size_t{1} << 18)) return;
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const std::uintptr_t first = (reinterpret_cast<std::uintptr_t>(data) + page - 1) / page * page;
  const std::uintptr_t last = (reinterpret_cast<std::uintptr_t>(data) + size) / page * page;
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
#endif
}

/// The error of a failed read, from errno.
Error read_failed() {
  return Error{Errc::io_error, fmt::format("cannot read: {}", std::strerror(errno)), {}};
}

/// Starts `work` on a thread of its own, or does it here when no thread can
/// be had (then the thread returned is not joinable).
template <typename Work>
std::thread elsewhere_or_here(Work&& work) {
  try {
    return std::thread(work);
  } catch (const std::system_error&) {
    work();
    return {};
  }
}

/// Below this many bytes, a file is read on one thread: a second, which
/// halved the time of the 210 MB file of bench/, saved nothing on its 2 MB one.
constexpr std::size_t kWorthReadingInHalves = std::size_t{1} << 24;

/// Fills data[from, to) with the file's bytes at the same offsets; returns how
/// many it read, fewer if the file ended first.
Result<std::size_t> read_range(int fd, std::string& data, std::size_t from, std::size_t to) {
  std::size_t at = from;
  while (at < to) {
    const ssize_t got = ::pread(fd, data.data() + at, to - at, static_cast<off_t>(at));
    if (got < 0) {
      if (errno == EINTR) continue;
      return read_failed();
    }
    if (got == 0) break;
    at += static_cast<std::size_t>(got);
  }
  return at - from;
}

/// The first `expected` bytes of a regular file into `data`, each half on a
/// thread of its own: copying from the page cache and faulting in the pages
/// it goes to is most of reading, and two cores do it in about half the time.
/// Returns the bytes read, fewer if the file shrank meanwhile.
Result<std::size_t> read_in_halves(int fd, std::string& data, std::size_t expected) {
  data.reserve(expected + 1);
  const std::size_t half = expected / 2;
  std::optional<Result<std::size_t>> later;
  std::thread other = elsewhere_or_here([&] { prefault(data.data() + half, expected + 1 - half); });
  prefault(data.data(), half);
  if (other.joinable()) other.join();
  data.resize(expected + 1);
  other = elsewhere_or_here([&] { later = read_range(fd, data, half, expected); });
  auto first = read_range(fd, data, 0, half);
  if (other.joinable()) other.join();
  if (!first) return first.error();
  if (!*later) return later->error();
  // A file cut short mid-read ends where its first half does, if it does.
  return *first < half ? *first : half + **later;
}

/// Reads what `fd` holds, at most max_bytes + 1 bytes, straight into the
/// string: through a stream's 64 KiB buffer, the 2 MB file of bench/ took
/// 1.6 ms to read. A regular file's size, `expected`, is its room at once;
/// one byte more lets the read that finds its end need no growth.
Result<std::string> read_descriptor(int fd, std::size_t max_bytes, std::size_t expected,
                                    unsigned threads) {
  std::string data;
  std::size_t size = 0;
  const std::size_t limit = max_bytes + 1;
  std::size_t room = expected > 0 && expected < limit ? expected + 1 : std::size_t{1} << 16;
  if (threads >= 2 && expected >= kWorthReadingInHalves && expected < limit) {
    auto got = read_in_halves(fd, data, expected);
    if (!got) return got.error();
    size = *got;
    // What follows the size the file had, if it grew, is read as a pipe is.
    if (::lseek(fd, static_cast<off_t>(size), SEEK_SET) < 0) {
      return read_failed();
    }
    room = 0;
  }
  while (true) {
    if (size == data.size()) {
      if (size >= limit) break;
      const std::size_t want = std::min(limit, std::max(room, size * 2));
      data.reserve(want);
      prefault(data.data(), want);
      data.resize(want);
    }
    const ssize_t got = ::read(fd, data.data() + size, data.size() - size);
    if (got < 0) {
      if (errno == EINTR) continue;
      return read_failed();
    }
    if (got == 0) break;
    size += static_cast<std::size_t>(got);
    room = 0;
  }
  data.resize(size);
  if (size > max_bytes) {
    if (expected > max_bytes) {
      return Error{
          Errc::too_large,
          fmt::format("input is {} bytes, over the limit of {} bytes", expected, max_bytes),
          {}};
    }
    return Error{
        Errc::too_large, fmt::format("input is over the limit of {} bytes", max_bytes), {}};
  }
  return data;
}

}  // namespace

Result<std::string> read_input(const std::string& path, std::size_t max_bytes, unsigned threads) {
  if (path == "-") return read_standard_input(max_bytes);
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    return Error{Errc::io_error, "is a directory (use -r to read the files in it)", {}};
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return Error{Errc::io_error, fmt::format("cannot open: {}", std::strerror(errno)), {}};
  const FileDescriptor closer{fd};
  std::size_t expected = 0;
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) {
    expected = static_cast<std::size_t>(info.st_size);
  }
  return read_descriptor(fd, max_bytes, expected, threads);
}

Result<std::vector<Document>> load_documents(const std::string& path, const ParseOptions& options) {
  auto bytes = read_input(path, options.max_input_bytes);
  if (!bytes) return bytes.error();
  const std::string& data = *bytes;
  const std::size_t first = data.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || data[first] != '{') {
    ParseOptions with_path = options;
    with_path.path = path;
    auto doc = parse(data, with_path);
    if (!doc) return doc.error();
    return std::vector<Document>{std::move(doc).value()};
  }
  // One pretty document, or JSON Lines: try the whole first, then line by line.
  auto whole = from_json(data);
  if (whole) return std::vector<Document>{std::move(whole).value()};
  std::vector<Document> docs;
  std::size_t line_no = 0;
  std::size_t begin = 0;
  while (begin < data.size()) {
    std::size_t end = data.find('\n', begin);
    if (end == std::string::npos) end = data.size();
    ++line_no;
    const std::string_view line(data.data() + begin, end - begin);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
      auto doc = from_json(line);
      if (!doc) {
        if (line_no == 1)
          return whole.error();  // not JSON Lines either: report the whole-document error
        Error error = doc.error();
        if (error.where) error.where->line += line_no - 1;
        return error;
      }
      docs.push_back(std::move(doc).value());
    }
    begin = end + 1;
  }
  return docs;
}

namespace {

bool has_extension(const fs::path& p, const std::vector<std::string>& extensions) {
  std::string ext = p.extension().string();
  if (!ext.empty()) ext.erase(0, 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return std::find(extensions.begin(), extensions.end(), ext) != extensions.end();
}

}  // namespace

InputList expand_inputs(const std::vector<std::string>& args, bool recursive,
                        const std::vector<std::string>& extensions) {
  InputList list;
  for (const auto& arg : args) {
    std::error_code ec;
    if (arg == "-" || !fs::is_directory(arg, ec)) {
      list.files.push_back(arg);
      continue;
    }
    if (!recursive) {
      list.files.push_back(arg);  // read_input reports it
      continue;
    }
    std::vector<std::string> found;
    // Links to directories are not followed, so a symlink loop cannot recurse.
    fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec),
        end;
    if (ec) {
      list.errors.push_back(fmt::format("{}: cannot read directory: {}", arg, ec.message()));
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        list.errors.push_back(fmt::format("{}: {}", it->path().string(), ec.message()));
        break;
      }
      std::error_code type_ec;
      if (it->is_regular_file(type_ec) && has_extension(it->path(), extensions)) {
        found.push_back(it->path().string());
      }
    }
    std::sort(found.begin(), found.end());
    list.files.insert(list.files.end(), found.begin(), found.end());
  }
  return list;
}

void report(const std::string& tool, const std::string& path, const std::optional<Location>& where,
            const std::string& message) {
  std::string line = tool + ": " + path;
  if (where && where->line > 0) line += fmt::format(":{}:{}", where->line, where->column);
  line += ": " + message + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
}

Output::Output(std::string path) : path_(std::move(path)) {
  std::signal(SIGPIPE, SIG_IGN);
  if (path_.empty() || path_ == "-") {
    file_ = stdout;
    return;
  }
  to_stdout_ = false;
  // A device or a pipe (/dev/stdout, /dev/full, a FIFO) is written in place:
  // renaming a temporary file over it would replace the device node itself.
  struct stat st {};
  if (stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    file_ = std::fopen(path_.c_str(), "wb");
    if (file_ == nullptr) {
      failed_ = true;
      error_ = fmt::format("cannot open {}: {}", path_, std::strerror(errno));
    }
    return;
  }
  const fs::path target(path_);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string pattern = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = mkstemp(pattern.data());
  if (fd < 0) {
    failed_ = true;
    error_ =
        fmt::format("cannot create a temporary file beside {}: {}", path_, std::strerror(errno));
    return;
  }
  temp_path_ = pattern;
  file_ = fdopen(fd, "wb");
  if (file_ == nullptr) {
    close(fd);
    failed_ = true;
    error_ = fmt::format("cannot write {}: {}", path_, std::strerror(errno));
  }
}

Output::~Output() {
  if (!to_stdout_ && temp_path_.empty() && file_ != nullptr) std::fclose(file_);
  if (!to_stdout_ && !temp_path_.empty()) {
    if (file_ != nullptr) std::fclose(file_);
    std::remove(temp_path_.c_str());
  }
}

bool Output::fail_writing() {
  failed_ = true;
  broken_pipe_ = errno == EPIPE;
  error_ = fmt::format("cannot write {}: {}", to_stdout_ ? "standard output" : path_,
                       std::strerror(errno));
  return false;
}

bool Output::write(std::string_view data) {
  if (failed_) return false;
  if (data.empty()) return true;
  if (std::fwrite(data.data(), 1, data.size(), file_) != data.size()) {
    return fail_writing();
  }
  return true;
}

bool Output::flush() {
  if (failed_) return false;
  if (std::fflush(file_) != 0) {
    return fail_writing();
  }
  return true;
}

bool Output::commit() {
  if (failed_) return false;
  if (std::fflush(file_) != 0) {
    return fail_writing();
  }
  if (to_stdout_) return true;
  if (temp_path_.empty()) {  // a device or pipe, written in place
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!closed) {
      failed_ = true;
      error_ = fmt::format("cannot write {}: {}", path_, std::strerror(errno));
    }
    return closed;
  }
  const bool synced = fsync(fileno(file_)) == 0;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!synced || !closed) {
    failed_ = true;
    error_ = fmt::format("cannot write {}: {}", path_, std::strerror(errno));
    return false;
  }
  // mkstemp creates 0600; give the result the permissions a new file would get.
  const mode_t mask = umask(0);
  umask(mask);
  chmod(temp_path_.c_str(), 0666 & ~mask);
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    failed_ = true;
    error_ = fmt::format("cannot replace {}: {}", path_, std::strerror(errno));
    return false;
  }
  temp_path_.clear();
  return true;
}

namespace {

double seconds_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

unsigned default_jobs() {
  // The CPUs this process may run on, as nproc counts them: a container or
  // taskset limited to two of the machine's cores gets two.
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  unsigned count = 0;
  if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) {
    count = static_cast<unsigned>(CPU_COUNT(&allowed));
  }
  if (count == 0) count = std::thread::hardware_concurrency();  // 0 when unknown
  return std::clamp(count, 1u, 256u);
}

bool progress_wanted(bool quiet) { return !quiet && isatty(STDERR_FILENO) != 0; }

Progress::Progress(std::string tool, std::size_t total, std::string unit, bool enabled)
    : tool_(std::move(tool)),
      unit_(std::move(unit)),
      total_(total),
      enabled_(enabled),
      start_(seconds_now()),
      last_draw_(start_) {}

Progress::~Progress() { finish(); }

void Progress::advance(std::size_t count) {
  done_ += count;
  if (enabled_) draw(false);
}

void Progress::draw(bool force) {
  const double now = seconds_now();
  // Half a second before the first line, then ten redraws a second at most:
  // the terminal must not become the bottleneck of a fast batch.
  if (!force && (now - start_ < 0.5 || (shown_ && now - last_draw_ < 0.1))) return;
  last_draw_ = now;
  const double elapsed = now - start_;
  const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0.0;
  std::string line =
      total_ > 0 ? fmt::format("\r\033[K{}: {}/{} {}, {:.1f}/s", tool_, done_, total_, unit_, rate)
                 : fmt::format("\r\033[K{}: {} {}, {:.1f}/s", tool_, done_, unit_, rate);
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  shown_ = true;
}

void Progress::message(const std::string& text) {
  if (shown_) std::fputs("\r\033[K", stderr);
  std::fputs(text.c_str(), stderr);
  if (shown_) draw(true);
}

void Progress::finish() {
  if (!shown_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  shown_ = false;
  enabled_ = false;
}

int commit_output(const std::string& tool, Output& out, const std::string& path, bool failed) {
  if (out.commit()) return kOk;
  if (out.broken_pipe()) return failed ? kFailure : kOk;
  report(tool, path.empty() ? "-" : path, std::nullopt, out.error());
  return kFailure;
}

std::optional<int> parse_arguments(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kFailure;
  }
  return std::nullopt;
}

std::string version_string(const std::string& tool) {
  return fmt::format("{} {} (output contract {}, ICU {})", tool, bulletin::version(),
                     bulletin::kSchemaVersion, bulletin::icu_version());
}

}  // namespace bulletin::cli
