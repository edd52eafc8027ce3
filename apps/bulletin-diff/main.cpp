// bulletin-diff: line up the facts of two or more editions of a bulletin series.
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "bulletin/diff.hpp"
#include "common/cli_support.hpp"

namespace {

using namespace bulletin;

constexpr const char* kTool = "bulletin-diff";

struct DiffArgs {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string order = "year";
  std::string aliases;
  std::vector<std::string> only;
  std::vector<std::string> fail_on;
  std::string color = "auto";
  std::string output;
  DiffOptions options;
  RenderOptions view;
  FailPolicy policy;
};

void add_flags(CLI::App& app, DiffArgs& args) {
  app.add_option("files", args.inputs,
                 "Editions: bulletin text or bulletin-parse JSON/JSONL; - for stdin")
      ->required();
  app.add_option("-f,--format", args.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "csv", "markdown"}))
      ->capture_default_str();
  app.add_option("--order", args.order, "Order editions by document year or as given")
      ->check(CLI::IsMember({"year", "args"}))
      ->capture_default_str();
  app.add_option("--min-similarity", args.options.min_similarity,
                 "Lowest similarity for reworded subjects")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--aliases", args.aliases, "YAML file: canonical subject -> list of variants");
  app.add_option("--only", args.only, "Show only these statuses")
      ->allow_extra_args(false)  // one value per flag: --fail-on added a.txt b.txt
      ->delimiter(',')
      ->check(CLI::IsMember({"changed", "added", "removed", "unchanged", "unit-changed"}));
  app.add_option("--threshold", args.view.threshold, "Hide changes smaller than PCT percent")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--abs-tol", args.options.abs_tol, "Absolute difference still counted unchanged")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--rel-tol", args.options.rel_tol,
                 "Relative difference (percent) still counted unchanged")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--fail-on", args.fail_on, "Exit 1 when an indicator is added, removed or changed")
      ->allow_extra_args(false)  // one value per flag: --fail-on added a.txt b.txt
      ->delimiter(',')
      ->check(CLI::IsMember({"added", "removed", "changed"}));
  app.add_option("--fail-on-drop", args.policy.drop_percent,
                 "Exit 1 when an indicator falls by more than PCT")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--color", args.color, "Colour the text view (never with NO_COLOR)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_option("-o,--output", args.output, "Write to FILE atomically instead of standard output");
  app.set_version_flag("--version", cli::version_string(kTool));
  app.footer(
      "Examples:\n"
      "  bulletin-diff samples/series/qingyu-minsheng-2022.txt "
      "samples/series/qingyu-minsheng-2023.txt\n"
      "  bulletin-diff samples/series/*.txt --only changed --threshold 10\n"
      "  bulletin-diff old.json new.json --format json | jq 'select(.type==\"indicator\")'\n"
      "  bulletin-diff --aliases aliases.yaml --fail-on removed --fail-on-drop 20 a.txt b.txt\n"
      "Exit status: 0 ok; 1 a --fail-on condition holds; 2 usage error or unreadable input.");
}

bool use_colour(const DiffArgs& args) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  if (args.color == "always") return true;
  return args.color == "auto" && (args.output.empty() || args.output == "-") &&
         isatty(STDOUT_FILENO);
}

int run(DiffArgs& args) {
  std::vector<Document> editions;
  bool unreadable = false;
  for (const auto& path : args.inputs) {
    auto docs = cli::load_documents(path, ParseOptions{});
    if (!docs) {
      cli::report(kTool, path, docs.error().where, docs.error().message);
      unreadable = true;
      continue;
    }
    for (auto& d : *docs) editions.push_back(std::move(d));
  }
  // A series with an edition missing would report false additions and removals.
  if (unreadable) return cli::kFailure;
  AliasTable aliases;
  DiffOptions& options = args.options;
  if (!args.aliases.empty()) {
    auto text = cli::read_input(args.aliases);
    auto table = text ? parse_aliases(*text) : Result<AliasTable>(text.error());
    if (!table) {
      cli::report(kTool, args.aliases, table.error().where, table.error().message);
      return cli::kFailure;
    }
    aliases = std::move(table).value();
    options.aliases = &aliases;
  }
  if (args.order == "year") {
    auto ordered = order_editions(std::move(editions));
    if (!ordered) {
      cli::report(kTool, "usage", std::nullopt, ordered.error().message);
      return cli::kFailure;
    }
    editions = std::move(ordered).value();
  }
  auto diff = diff_editions(editions, options);
  if (!diff) {
    cli::report(kTool, "usage", std::nullopt, diff.error().message);
    return cli::kFailure;
  }
  RenderOptions& view = args.view;
  view.format = format_from_string(args.format).value_or(DiffFormat::text);
  view.color = use_colour(args);
  for (const auto& s : args.only)
    view.only.push_back(status_from_string(s).value_or(DiffStatus::changed));
  cli::Output out(args.output);
  if (!out.error().empty() || !out.write(render_diff(*diff, view)) || !out.commit()) {
    if (out.broken_pipe()) return cli::kOk;
    cli::report(kTool, args.output.empty() ? "-" : args.output, std::nullopt, out.error());
    return cli::kFailure;
  }
  FailPolicy& policy = args.policy;
  for (const auto& f : args.fail_on) {
    policy.on_added = policy.on_added || f == "added";
    policy.on_removed = policy.on_removed || f == "removed";
    policy.on_changed = policy.on_changed || f == "changed";
  }
  const auto failed = failed_conditions(*diff, policy);
  for (const auto& reason : failed)
    std::fprintf(stderr, "%s: fail-on: %s\n", kTool, reason.c_str());
  return failed.empty() ? cli::kOk : cli::kFindings;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Compare the editions of a bulletin series indicator by indicator", kTool};
  DiffArgs args;
  add_flags(app, args);
  if (auto code = cli::parse_arguments(app, argc, argv)) return *code;
  return run(args);
}
