#include "cli/run_check.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <condition_variable>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "cli/discover.hpp"

namespace zd {
namespace {

std::optional<std::string> read_all(std::istream& in) {
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(buffer).str();
}

FileReport lint_input(const Input& input, const std::string& stdin_bytes,
                      const LintOptions& options, const runner::Options& runner) {
  if (input.is_stdin) return lint_bytes(input.path, stdin_bytes, options, runner);
  std::ifstream file(input.path, std::ios::binary);
  std::optional<std::string> bytes;
  if (file) bytes = read_all(file);
  if (!bytes) {
    FileReport r;
    r.path = input.path;
    r.error = FileError{"cannot read the file: " + std::string(std::strerror(errno)), {1, 1}};
    return r;
  }
  return lint_bytes(input.path, std::move(*bytes), options, runner);
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

// Results handed from the workers to the reporting thread, in input order. Workers start
// file i only once file i - window has been reported, so a ring of `window` slots holds
// every result in flight: memory does not grow with the number of files.
class OrderedResults {
 public:
  explicit OrderedResults(size_t window) : slots_(window) {}
  void put(size_t i, FileReport r) {
    {
      const std::lock_guard lock(mutex_);
      slots_[i % slots_.size()] = std::move(r);
    }
    ready_.notify_all();
  }
  FileReport take(size_t i) {
    auto& slot = slots_[i % slots_.size()];
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return slot.has_value(); });
    FileReport r = std::move(*slot);
    slot.reset();
    return r;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<std::optional<FileReport>> slots_;
};

}  // namespace

int run_check(const CheckOptions& options) {
  const Discovery discovery = discover_inputs(options.paths, options.stdin_filename, options.runner);
  for (const auto& e : discovery.errors) std::cerr << "zerodown: error: " << e << '\n';
  if (options.verbose) {
    for (const auto& f : discovery.skipped_down) {
      std::cerr << "zerodown: " << f << ": skipped: a down migration (--lint-down lints it)\n";
    }
  }

  std::string stdin_bytes;
  const auto& inputs = discovery.inputs;
  const bool reads_stdin =
      std::any_of(inputs.begin(), inputs.end(), [](const Input& i) { return i.is_stdin; });
  if (reads_stdin) stdin_bytes = read_all(std::cin).value_or("");

  ReportOptions report_options{options.color, options.lint};
  auto reporter = make_reporter(options.format, std::cout, report_options);

  // Bounded queue depth: workers run ahead of the reporter by at most a few files per
  // thread, so memory does not grow with the number of files.
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned jobs = std::max(
      1u, std::min<unsigned>(options.jobs ? options.jobs : cores,
                             static_cast<unsigned>(std::max<size_t>(1, inputs.size()))));
  std::atomic<size_t> next{0};
  std::atomic<size_t> reported{0};
  std::mutex window_mutex;
  std::condition_variable window_open;
  const size_t window = static_cast<size_t>(jobs) * 4;
  OrderedResults results(window);

  const auto worker = [&] {
    for (;;) {
      const size_t i = next.fetch_add(1);
      if (i >= inputs.size()) break;
      {
        std::unique_lock lock(window_mutex);
        window_open.wait(lock, [&] { return i < reported.load() + window; });
      }
      results.put(i, lint_input(inputs[i], stdin_bytes, options.lint, options.runner));
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);

  Totals totals;
  totals.input_errors = discovery.errors.size();
  bool fails = false;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const FileReport r = results.take(i);
    if (options.verbose && !r.runner_note.empty()) {
      std::cerr << "zerodown: " << r.path << ": " << r.runner_note << '\n';
    }
    totals.add(r);
    reporter->file(r);
    for (const Finding& f : r.findings) {
      fails = fails || (!f.suppressed && reaches(f.severity, options.fail_on));
    }
    {
      const std::lock_guard lock(window_mutex);
      reported.store(i + 1);
    }
    window_open.notify_all();
  }
  for (auto& t : threads) t.join();
  reporter->finish(totals);
  std::cout.flush();

  if (!discovery.errors.empty() || totals.unreadable_files > 0) return kExitUsage;
  return fails ? kExitFindings : kExitClean;
}

}  // namespace zd
