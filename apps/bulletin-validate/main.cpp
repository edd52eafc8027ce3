// bulletin-validate: bulletins (text or bulletin-parse JSON) against a YAML schema.
#include <string>
#include <vector>

#include "bulletin/schema.hpp"
#include "common/cli_support.hpp"
#include "report.hpp"

namespace {

using namespace bulletin;
using validate_cli::FileReport;

struct ValidateArgs {
  std::vector<std::string> inputs;
  std::string schema;
  std::string format = "text";
  bool recursive = false;
  unsigned jobs = 0;  // 0: one per core
  bool strict = false;
  bool quiet = false;
  std::string encoding;
};

void add_flags(CLI::App& app, ValidateArgs& args) {
  app.add_option("files", args.inputs,
                 "Bulletin text, bulletin-parse JSON/JSONL, or directories; - for standard input")
      ->required();
  app.add_option("-s,--schema", args.schema, "YAML schema (see schemas/README.md)")->required();
  app.add_option("-f,--format", args.format, "Report format")
      ->check(CLI::IsMember({"text", "json", "github", "junit"}))
      ->capture_default_str();
  app.add_flag("-r,--recursive", args.recursive, "Read the bulletin files under directories");
  app.add_option("-j,--jobs", args.jobs, "Files validated in parallel (default 0: one per core)")
      ->check(CLI::Range(0u, 256u));
  app.add_flag("--strict", args.strict, "Warnings fail too");
  app.add_flag("-q,--quiet", args.quiet, "Print nothing; only the exit status tells");
  app.add_option("--encoding", args.encoding, "Encoding of text inputs (default: detect)");
  app.set_version_flag("--version", cli::version_string("bulletin-validate"));
  app.footer(
      "Examples:\n"
      "  bulletin-validate -s schemas/press-conference.yaml bulletin.txt\n"
      "  bulletin-parse -r site/ --format jsonl | bulletin-validate -s schemas/work-report.yaml -\n"
      "  bulletin-validate -s schemas/statistical-communique.yaml -r site/ -f github -j 2\n"
      "Exit status: 0 valid; 1 findings (errors, or warnings with --strict); 2 usage error, bad "
      "schema or unreadable input.");
}

FileReport validate_file(const std::string& path, const Schema& schema, const ParseOptions& base,
                         bool strict) {
  FileReport r{path, std::nullopt, {}, false};
  auto docs = cli::load_documents(path, base);
  if (!docs) {
    r.error = docs.error();
    return r;
  }
  for (const auto& doc : *docs) {
    const std::string file = doc.source.path.empty() ? path : doc.source.path;
    for (auto& f : validate(doc, schema)) {
      r.invalid = r.invalid || fails(f, strict);
      r.items.push_back({file, std::move(f)});
    }
  }
  return r;
}

int run(ValidateArgs& args) {
  const char* tool = "bulletin-validate";
  auto text = cli::read_input(args.schema);
  if (!text) {
    cli::report(tool, args.schema, std::nullopt, text.error().message);
    return cli::kFailure;
  }
  auto schema = Schema::from_yaml(*text, args.schema);
  if (!schema) {
    cli::report(tool, args.schema, schema.error().where, schema.error().message);
    return cli::kFailure;
  }
  ParseOptions base;
  base.decode.encoding = args.encoding;
  const auto inputs = cli::expand_inputs(args.inputs, args.recursive,
                                         {"txt", "htm", "html", "text", "json", "jsonl"});
  for (const auto& e : inputs.errors) cli::report(tool, e, std::nullopt, "");
  const validate_cli::ReportOptions options{args.schema, schema->name(), args.strict};
  validate_cli::Totals totals;
  totals.files = inputs.files.size() + inputs.errors.size();
  totals.unreadable = inputs.errors.size();
  std::vector<FileReport> all;  // junit needs every file before it can write
  cli::Output out("");
  cli::run_ordered<FileReport>(
      inputs.files.size(), args.jobs > 0 ? args.jobs : cli::default_jobs(),
      [&](std::size_t i) { return validate_file(inputs.files[i], *schema, base, args.strict); },
      [&](FileReport&& r) {
        if (r.error) {
          ++totals.unreadable;
          if (!args.quiet) cli::report(tool, r.path, r.error->where, r.error->message);
        } else {
          ++(r.invalid ? totals.invalid : totals.valid);
        }
        if (args.quiet) return true;
        if (args.format == "junit") {
          all.push_back(std::move(r));
          return true;
        }
        if (args.format == "json") return out.write(validate_cli::render_json(r, options));
        if (args.format == "github") return out.write(validate_cli::render_github(r, options));
        return out.write(validate_cli::render_text(r, options));
      });
  if (!args.quiet) {
    if (args.format == "junit") out.write(validate_cli::render_junit(all, totals, options));
    if (args.format == "text") out.write(validate_cli::render_summary(totals));
  }
  if (!out.commit() && !out.broken_pipe()) {
    cli::report(tool, "-", std::nullopt, out.error());
    return cli::kFailure;
  }
  if (totals.unreadable > 0) return cli::kFailure;
  return totals.invalid > 0 ? cli::kFindings : cli::kOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Validate Chinese government bulletins against a YAML schema", "bulletin-validate"};
  ValidateArgs args;
  add_flags(app, args);
  if (auto code = cli::parse_arguments(app, argc, argv)) return *code;
  return run(args);
}
