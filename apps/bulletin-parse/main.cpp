// bulletin-parse: bulletin text files (or stdin) → JSON, JSON Lines, CSV, TSV or a summary.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bulletin/parse.hpp"
#include "bulletin/record.hpp"
#include "bulletin/serialize.hpp"
#include "common/cli_support.hpp"

namespace {

using namespace bulletin;

struct ParseArgs {
  std::vector<std::string> inputs;
  std::string format = "json";
  std::string input_format = "text";
  bool facts = false;
  std::string output;
  bool recursive = false;
  unsigned jobs = 0;  // 0: one per core
  std::string encoding;
  bool lenient = false;
  std::string units_file;
  bool no_header = false;
  bool quiet = false;
  ParseOptions limits;
};

void add_flags(CLI::App& app, ParseArgs& args) {
  app.add_option("files", args.inputs, "Bulletin text files or directories; - for standard input");
  app.add_option("-f,--format", args.format, "Output format")
      ->check(CLI::IsMember({"json", "jsonl", "csv", "tsv", "text"}))
      ->capture_default_str();
  app.add_option("--input-format", args.input_format,
                 "text: each file is one bulletin; jsonl: one {\"id\", \"text\"} record a line, "
                 "one result a line with the same id (GNU parallel --pipe, Hadoop Streaming, "
                 "Spark RDD.pipe)")
      ->check(CLI::IsMember({"text", "jsonl"}))
      ->capture_default_str();
  app.add_flag("--facts", args.facts,
               "One fact per record (json, jsonl); csv and tsv are always facts");
  app.add_option("-o,--output", args.output, "Write to FILE atomically instead of standard output");
  app.add_flag("-r,--recursive", args.recursive,
               "Read the .txt/.htm/.html files under directories");
  app.add_option("-j,--jobs", args.jobs,
                 "Threads: files parsed at a time; a lone large file builds its facts on a "
                 "second one (default 0: one per core)")
      ->check(CLI::Range(0u, 256u));
  app.add_option("--encoding", args.encoding,
                 "Input encoding (default: detect UTF-8/UTF-16/GB18030)");
  app.add_flag("--lenient", args.lenient, "Replace invalid bytes with U+FFFD instead of failing");
  app.add_option("--units", args.units_file,
                 "Extra units and measure words (YAML, as data/units.yaml)");
  app.add_flag("--no-header", args.no_header, "Omit the header line of csv and tsv");
  app.add_flag("-q,--quiet", args.quiet, "Do not print warnings or progress");
  app.add_option("--max-input-bytes", args.limits.max_input_bytes,
                 "Larger inputs are refused as unreadable")
      ->capture_default_str();
  app.add_option("--max-line-bytes", args.limits.max_line_bytes,
                 "Inputs with a longer line are refused as unreadable")
      ->capture_default_str();
  app.add_option("--max-facts", args.limits.max_facts,
                 "Facts kept per document; the rest is dropped with a warning")
      ->capture_default_str();
  app.set_version_flag("--version", cli::version_string("bulletin-parse"));
  app.footer(
      "Examples:\n"
      "  bulletin-parse samples/qingyu-2023-press-conference.txt | jq '.facts[] | {subject, value, "
      "unit}'\n"
      "  bulletin-parse --format jsonl --facts -r bulletins/ > facts.jsonl\n"
      "  bulletin-parse --format csv -j 2 a.txt b.txt -o facts.csv\n"
      "  iconv -f UTF-8 -t GB18030 a.txt | bulletin-parse --format text -\n"
      "  parallel --pipe -j 4 bulletin-parse --input-format jsonl < records.jsonl > results.jsonl\n"
      "Exit status: 0 ok; 2 usage error, or some input could not be read (the rest are still "
      "written).");
}

struct FileResult {
  std::string output;
  std::string messages;  // stderr lines, printed in input order
  bool failed = false;
  bool write_failed = false;  // writing straight to the output failed
};

OutputFormat output_format(const ParseArgs& args) {
  if (args.format == "csv") return OutputFormat::csv;
  if (args.format == "tsv") return OutputFormat::tsv;
  if (args.format == "jsonl") return args.facts ? OutputFormat::facts_jsonl : OutputFormat::jsonl;
  return args.facts ? OutputFormat::facts_json : OutputFormat::json;
}

/// Writes the document as it is found and keeps its diagnostics for stderr.
class StreamingRender final : public DocumentReceiver {
 public:
  StreamingRender(OutputFormat format, OutputSink sink) : writer_(format, std::move(sink)) {}
  void begin(const Document& head) override { writer_.begin(head); }
  void begin_with_turn_texts(Document& head,
                             const std::vector<std::string_view>& turn_texts) override {
    writer_.begin_with_turn_texts(head, turn_texts);
  }
  void facts(const std::vector<Fact>& facts, std::size_t first) override {
    writer_.facts(facts, first);
  }
  std::unique_ptr<FactRenderer> fact_renderer(const Document& head) override {
    return writer_.fact_renderer(head);
  }
  void rendered_facts(std::string_view bytes, std::size_t count, std::size_t first) override {
    writer_.rendered_facts(bytes, count, first);
  }
  void end(const std::vector<Check>& checks, const std::vector<Diagnostic>& diagnostics) override {
    writer_.end(checks, diagnostics);
    diagnostics_ = diagnostics;
  }
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  DocumentWriter writer_;
  std::vector<Diagnostic> diagnostics_;
};

/// Parses one file. Its output goes to `direct` when given, as it is found, so
/// that a large document is never held whole; otherwise to the result.
FileResult parse_one(const std::string& path, const ParseArgs& args, const ParseOptions& base,
                     cli::Output* direct) {
  FileResult r;
  auto bytes = cli::read_input(path, base.max_input_bytes, base.threads);
  auto note = [&](const std::optional<Location>& where, const std::string& message) {
    r.messages += "bulletin-parse: " + path;
    if (where && where->line > 0)
      r.messages += ":" + std::to_string(where->line) + ":" + std::to_string(where->column);
    r.messages += ": " + message + "\n";
  };
  auto note_diagnostics = [&](const std::vector<Diagnostic>& diagnostics) {
    if (args.quiet) return;
    for (const auto& d : diagnostics) {
      if (d.severity != Severity::note) {
        note(Location{d.offset, d.line, d.column},
             std::string(to_string(d.severity)) + ": " + d.message);
      }
    }
  };
  if (!bytes) {
    note(std::nullopt, bytes.error().message);
    r.failed = true;
    return r;
  }
  if (direct == nullptr) {
    // JSON Lines run to about 15 times the input. Grown by doubling, the
    // result was copied as it grew and touched twice its pages: reserved,
    // a 400-file batch at -j 2 took 7 % less time, and faulted in 60 % fewer
    // pages. Only the pages written count towards memory.
    constexpr std::size_t kOutputPerInputByte = 16;
    constexpr std::size_t kMostReserved = std::size_t{64} << 20;
    r.output.reserve(std::min(bytes->size(), kMostReserved / kOutputPerInputByte) *
                     kOutputPerInputByte);
  }
  const OutputSink sink = direct != nullptr
                              ? OutputSink([&r, direct](std::string_view piece) {
                                  r.write_failed = r.write_failed || !direct->write(piece);
                                })
                              : OutputSink([&r](std::string_view piece) { r.output += piece; });
  ParseOptions options = base;
  options.path = path;
  if (args.format == "text") {
    auto doc = parse(*bytes, options);
    if (!doc) {
      note(doc.error().where, doc.error().message);
      r.failed = true;
      return r;
    }
    note_diagnostics(doc->diagnostics);
    sink(to_text_summary(*doc));
    return r;
  }
  StreamingRender receiver(output_format(args), sink);
  if (const auto error = parse_stream(std::move(*bytes), options, receiver)) {
    note(error->where, error->message);
    r.failed = true;
    return r;
  }
  note_diagnostics(receiver.diagnostics());
  return r;
}

// Record mode: stream lines in, one result line out per record, flushed at
// once. A bad record becomes an "error" object on its line; only unreadable
// inputs and write failures end the run.
int run_records(const ParseArgs& args, const ParseOptions& base) {
  RecordOptions options;
  options.parse = base;
  options.facts = args.facts;
  cli::Output out(args.output);
  if (!out.error().empty()) {
    cli::report("bulletin-parse", args.output, std::nullopt, out.error());
    return cli::kFailure;
  }
  cli::Progress progress("bulletin-parse", 0, "records", cli::progress_wanted(args.quiet));
  bool failed = false;
  std::size_t records = 0;
  std::size_t bad = 0;
  char* line = nullptr;
  std::size_t capacity = 0;
  for (const auto& path : args.inputs) {
    std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (in == nullptr) {
      progress.message("bulletin-parse: " + path + ": cannot open: " + std::strerror(errno) + "\n");
      failed = true;
      continue;
    }
    ssize_t length;
    while ((length = getline(&line, &capacity, in)) >= 0) {
      std::string_view text(line, static_cast<std::size_t>(length));
      if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
      const RecordResult result = process_record(text, options);
      if (result.line.empty()) continue;
      ++records;
      if (!result.ok) ++bad;
      if (!out.write(result.line) || !out.flush()) break;
      progress.advance();
    }
    if (std::ferror(in) != 0) {
      progress.message("bulletin-parse: " + path + ": cannot read: " + std::strerror(errno) + "\n");
      failed = true;
    }
    if (in != stdin) std::fclose(in);
    if (!out.error().empty()) break;
  }
  std::free(line);
  progress.finish();
  if (const int code = cli::commit_output("bulletin-parse", out, args.output, failed);
      code != cli::kOk) {
    return code;
  }
  if (bad > 0 && !args.quiet) {
    cli::report("bulletin-parse", "records", std::nullopt,
                std::to_string(bad) + " of " + std::to_string(records) +
                    " records failed (see their \"error\" objects)");
  }
  return failed ? cli::kFailure : cli::kOk;
}

int run(ParseArgs& args) {
  if (args.inputs.empty()) {
    if (isatty(STDIN_FILENO)) {
      cli::report("bulletin-parse", "usage", std::nullopt,
                  "no input files (use - to read standard input)");
      return cli::kFailure;
    }
    args.inputs.push_back("-");
  }
  ParseOptions base = args.limits;
  base.decode.encoding = args.encoding;
  base.decode.lenient = args.lenient;
  UnitTable units;
  if (!args.units_file.empty()) {
    auto text = cli::read_input(args.units_file);
    if (!text) {
      cli::report("bulletin-parse", args.units_file, std::nullopt, text.error().message);
      return cli::kFailure;
    }
    auto extra = UnitTable::from_yaml(*text, args.units_file);
    if (!extra) {
      cli::report("bulletin-parse", args.units_file, extra.error().where, extra.error().message);
      return cli::kFailure;
    }
    units = UnitTable::builtin().merged(*extra);
    base.units = &units;
  }
  if (args.input_format == "jsonl") {
    // Engines parallelise by running processes; one stream stays in order here.
    if (args.jobs > 1 || args.recursive || (args.format != "json" && args.format != "jsonl")) {
      cli::report("bulletin-parse", "usage", std::nullopt,
                  "--input-format jsonl writes JSON Lines and reads streams: it takes no -j, -r "
                  "or --format " +
                      args.format);
      return cli::kFailure;
    }
    return run_records(args, base);
  }
  const auto inputs =
      cli::expand_inputs(args.inputs, args.recursive, {"txt", "htm", "html", "text"});
  bool failed = !inputs.errors.empty();
  for (const auto& e : inputs.errors) cli::report("bulletin-parse", e, std::nullopt, "");
  cli::Output out(args.output);
  if (!out.error().empty()) {
    cli::report("bulletin-parse", args.output, std::nullopt, out.error());
    return cli::kFailure;
  }
  if ((args.format == "csv" || args.format == "tsv") && !args.no_header) {
    out.write(fact_table_header(args.format == "csv" ? ',' : '\t'));
  }
  cli::Progress progress("bulletin-parse", inputs.files.size(), "files",
                         inputs.files.size() > 1 && cli::progress_wanted(args.quiet));
  // Workers render in parallel, each into its result; a single worker writes
  // each document out as it is found instead of holding its text.
  const unsigned jobs = args.jobs > 0 ? args.jobs : cli::default_jobs();
  const bool parallel = jobs > 1 && inputs.files.size() > 1;
  // Threads a file may use: those left when files are parsed one at a time.
  base.threads = parallel ? 1 : jobs;
  // A lone document's threads keep a malloc arena each (glibc's default):
  // each finds its own parts, and its facts' strings stay with it. Held to
  // one arena, the 2 MB file took 3 % longer, for 0.2 bytes less memory per
  // input byte.
  cli::run_ordered<FileResult>(
      inputs.files.size(), jobs,
      [&](std::size_t i) {
        return parse_one(inputs.files[i], args, base, parallel ? nullptr : &out);
      },
      [&](FileResult&& r) {
        if (!r.messages.empty()) progress.message(r.messages);
        failed = failed || r.failed;
        progress.advance();
        return !r.write_failed && out.write(r.output);
      });
  progress.finish();
  if (const int code = cli::commit_output("bulletin-parse", out, args.output, failed);
      code != cli::kOk) {
    return code;
  }
  return failed ? cli::kFailure : cli::kOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Parse Chinese government bulletins into structured data (bulletin/1)",
               "bulletin-parse"};
  ParseArgs args;
  add_flags(app, args);
  if (auto code = cli::parse_arguments(app, argc, argv)) return *code;
  return run(args);
}
