// The settings a check runs with, each with where it came from: built-in defaults, then a
// zerodown.toml (its top level, then each matching [[overrides]] table in file order), then
// the command line. Later layers win key by key; rule selection stacks (see
// LintOptions::selection) and severities merge rule by rule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "context/options.hpp"
#include "lint/severity.hpp"
#include "runner/presets.hpp"

namespace zd {

// The lowest severity that makes `check` exit with 1.
enum class FailOn : uint8_t { Error, Warning, Info, Never };
std::optional<FailOn> parse_fail_on(std::string_view name);
std::string_view fail_on_name(FailOn f);

namespace config {

// "default", "db/zerodown.toml:3", "db/zerodown.toml:12 (override legacy/**)",
// "command line (--pg-version)".
struct Origin {
  std::string text = "default";
  bool is_default() const { return text == "default"; }
};

template <typename T>
struct Setting {
  T value{};
  Origin origin;
};

// A timeout as written (`"5s"`, `1500` for milliseconds, `0` for none): a non-zero one is
// in force from each file's first statement on.
struct Timeout {
  std::string text = "0";
  bool in_force = false;
  // PostgreSQL's syntax: a number with an optional unit (us, ms, s, min, h, d; none: ms).
  static std::optional<Timeout> parse(std::string_view text);
};

// The values one layer sets: the top level of a config file, one [[overrides]] table, or
// the command line.
struct Layer {
  std::optional<Setting<PgVersion>> pg_version;
  std::optional<Setting<std::string>> runner;
  std::optional<Setting<bool>> assume_in_transaction;
  std::optional<Setting<bool>> lint_down;
  std::optional<Setting<FailOn>> fail_on;
  std::optional<Setting<bool>> require_suppression_reason;
  std::optional<Setting<Timeout>> lock_timeout;
  std::optional<Setting<Timeout>> statement_timeout;
  std::optional<Setting<std::vector<std::string>>> select;
  std::optional<Setting<std::vector<std::string>>> ignore;
  std::vector<std::pair<std::string, Setting<Severity>>> severity;  // by rule id
};

// One layer's rule selection, kept apart for `zerodown config`.
struct SelectionLayer {
  std::optional<Setting<std::vector<std::string>>> select;
  std::optional<Setting<std::vector<std::string>>> ignore;
  std::optional<bool> require_suppression_reason;
};

// What applies to one file.
struct Settings {
  Setting<PgVersion> pg_version;
  Setting<std::string> runner{"auto", {}};
  Setting<bool> assume_in_transaction;
  Setting<bool> lint_down;
  Setting<FailOn> fail_on{FailOn::Warning, {}};
  Setting<bool> require_suppression_reason;
  Setting<Timeout> lock_timeout;
  Setting<Timeout> statement_timeout;
  std::vector<SelectionLayer> selection;
  std::vector<std::pair<std::string, Setting<Severity>>> severity;
  std::string config_file;  // the zerodown.toml that governs the file, as displayed; or empty
  std::string error;        // that file has errors: the file is not checked

  void apply(const Layer& layer);
  LintOptions lint_options() const;
  runner::Options runner_options() const { return {runner.value, lint_down.value}; }
};

}  // namespace config
}  // namespace zd
