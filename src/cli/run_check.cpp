#include "cli/run_check.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include "cli/check_scheduler.hpp"
#include "cli/discover.hpp"
#include "cli/read_file.hpp"
#include "cli/report_outputs.hpp"

namespace zd {
namespace {

std::optional<std::string> read_all(std::istream& in) {
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(buffer).str();
}

ParsedFile parse_input(const Input& input, const std::string& stdin_bytes,
                       const config::Settings& settings, unsigned parse_threads) {
  if (!settings.error.empty()) {
    ParsedFile r;
    r.path = input.path;
    r.error = FileError{settings.error, {1, 1}};
    return r;
  }
  LintOptions options = settings.lint_options();
  options.parse_threads = parse_threads;
  const runner::Options runner = settings.runner_options();
  if (input.is_stdin) return parse_file(input.path, stdin_bytes, options, runner);
  ReadFile file = read_regular_file(input.path);
  if (!file.error.empty()) {
    ParsedFile r;
    r.path = input.path;
    r.error = FileError{std::move(file.error), {1, 1}};
    return r;
  }
  return parse_file(input.path, std::move(file.bytes), options, runner);
}

// File i's report; a file whose parse or check threw (a bug in zerodown, or memory
// exhausted) is reported as an error of its own, and the other files still are.
FileReport take_report(CheckScheduler& scheduler, size_t i, const std::string& path) {
  std::string what;
  try {
    return scheduler.take(i);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    what = "an unknown exception";
  }
  FileReport r;
  r.path = path;
  r.error = FileError{"zerodown failed on this file (" + what +
                          "); the other files were checked. This is a bug in zerodown: please "
                          "report it with the file",
                      {1, 1}};
  return r;
}

bool reaches(Severity s, FailOn fail_on) {
  switch (fail_on) {
    case FailOn::Never: return false;
    case FailOn::Info: return true;
    case FailOn::Warning: return s >= Severity::Warning;
    case FailOn::Error: return s == Severity::Error;
  }
  return false;
}

}  // namespace

CheckLeftovers::CheckLeftovers() = default;
CheckLeftovers::~CheckLeftovers() = default;

int run_check(const CheckOptions& options, CheckLeftovers& leftovers) {
  config::Configuration configuration(options.config);
  // Discovery found the files: only standard input's name (--stdin-filename) may be anything.
  const auto settings_of = [&](const Input& input) {
    return input.is_stdin ? configuration.resolve(input.path)
                          : configuration.resolve_file(input.path);
  };
  const RunnerFor runner_for = [&](const Input& input) {
    return settings_of(input)->runner_options();
  };
  Discovery discovery = discover_inputs(options.paths, options.stdin_filename, runner_for);
  if (options.verbose) {
    for (const auto& f : discovery.skipped_down) {
      std::cerr << "zerodown: " << f << ": skipped: a down migration (--lint-down lints it)\n";
    }
  }
  const ReviewPlan plan = plan_review(std::move(discovery), options.review, runner_for);
  for (const auto& e : plan.errors) std::cerr << "zerodown: error: " << e << '\n';

  std::string stdin_bytes;
  const auto& inputs = plan.files;
  const bool reads_stdin = std::any_of(inputs.begin(), inputs.end(),
                                       [](const PlannedInput& i) { return i.input.is_stdin; });
  if (reads_stdin) stdin_bytes = read_all(std::cin).value_or("");

  // The settings of each input, from its zerodown.toml and the command line (shared by the
  // files of a folder).
  std::vector<std::shared_ptr<const config::Settings>> settings;
  settings.reserve(inputs.size());
  for (const PlannedInput& f : inputs) settings.push_back(settings_of(f.input));
  const auto config_errors = configuration.errors();
  for (const auto& e : config_errors) std::cerr << "zerodown: error: " << e << '\n';

  // The JSON report's header names one set of settings: the first file's.
  config::Settings command_line;
  command_line.apply(options.config.command_line);
  auto opened = ReportOutputs::open(
      {options.format, options.output, options.quiet,
       {options.color, (settings.empty() ? command_line : *settings.front()).lint_options(),
        nullptr}});
  if (auto* error = std::get_if<std::string>(&opened)) {
    std::cerr << "zerodown: error: " << *error << '\n';
    return kExitUsage;
  }
  ReportOutputs& outputs = *std::get<std::unique_ptr<ReportOutputs>>(opened);

  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned allowed = options.jobs ? options.jobs : cores;
  const unsigned jobs = std::max(
      1u, std::min<unsigned>(allowed, static_cast<unsigned>(std::max<size_t>(1, inputs.size()))));
  // Fewer files than threads (one large file): the threads left parse parts of a file.
  const unsigned parse_threads = std::max(1u, allowed / jobs);
  std::vector<size_t> lane_of;
  lane_of.reserve(inputs.size());
  for (const PlannedInput& f : inputs) lane_of.push_back(f.folder);
  auto scheduler = std::make_unique<CheckScheduler>(
      lane_of, jobs, parse_threads > 1,
      [&](size_t i) {
        const auto started = std::chrono::steady_clock::now();
        ParsedFile parsed = parse_input(inputs[i].input, stdin_bytes, *settings[i], parse_threads);
        parsed.parse_time = std::chrono::steady_clock::now() - started;
        return parsed;
      },
      [&](size_t i, ParsedFile parsed, History& history) {
        return check_file(std::move(parsed), history, inputs[i].review,
                          std::chrono::duration<double>(options.file_timeout));
      });

  Totals totals;
  totals.input_errors = plan.errors;
  bool fails = false;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Review review = inputs[i].review;
    FileReport r = take_report(*scheduler, i, inputs[i].input.path);
    if (review == Review::History) {
      // History that cannot be read leaves the catalog short of its changes, which makes
      // the checks less sure but no less right: it is said, not failed.
      if (r.error) {
        std::cerr << "zerodown: warning: " << r.path << ": history not replayed: "
                  << r.error->message << '\n';
      } else if (options.verbose) {
        std::cerr << "zerodown: " << r.path << ": replayed as history (" << r.runner_note
                  << ")\n";
      }
    } else {
      if (options.verbose && !r.runner_note.empty()) {
        std::cerr << "zerodown: " << r.path << ": " << r.runner_note << '\n';
      }
      totals.add(r);
      outputs.reporter().file(r);
      for (const Finding& f : r.findings) {
        fails = fails || (!f.suppressed && reaches(f.severity, settings[i]->fail_on.value));
      }
    }
    if (i + 1 == inputs.size()) leftovers.last_report = std::move(r);
  }
  leftovers.scheduler = std::move(scheduler);
  const std::vector<std::string> output_errors = outputs.finish(totals);
  std::cout.flush();
  for (const auto& e : output_errors) std::cerr << "zerodown: error: " << e << '\n';

  if (!plan.errors.empty() || !config_errors.empty() || totals.unreadable_files > 0 ||
      !output_errors.empty()) {
    return kExitUsage;
  }
  return fails ? kExitFindings : kExitClean;
}

}  // namespace zd
