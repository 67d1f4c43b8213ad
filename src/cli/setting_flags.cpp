#include "cli/setting_flags.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "lint/lint.hpp"

namespace zd {

std::optional<PgVersion> parse_pg_version(const std::string& text) {
  auto version = PgVersion::parse(text);
  if (!version) {
    std::cerr << "zerodown: error: --pg-version: '" << text
              << "' is not a PostgreSQL version from 11 to 17 (e.g. 15 or 15.4)\n";
  }
  return version;
}

std::string runner_names() {
  std::string out;
  for (const auto& p : runner::presets()) out += (out.empty() ? "" : ", ") + std::string(p.name);
  return out + " (plain = psql)";
}

CLI::Validator runner_check() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (value == "auto" || runner::find_preset(value)) return {};
        return "unknown runner '" + value + "' (known: " + runner::preset_names() + ")";
      },
      "RUNNER");
}

void add_setting_flags(CLI::App& command, SettingFlags& flags) {
  command
      .add_option("--fail-on", flags.fail_on,
                  "Lowest severity that makes the exit code 1: error, warning, info, never")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}))
      ->default_str("warning");
  command
      .add_option("--pg-version", flags.pg_version,
                  "Target PostgreSQL version, 11 to 17 (\"15\" or \"15.4\"); default 15")
      ->default_str("15");
  command.add_flag("--assume-in-transaction", flags.assume_in_transaction,
                   "Wrap each file in a transaction whatever its runner (a file's own "
                   "opt-out still wins)");
  command
      .add_option("--runner", flags.runner,
                  "Migration runner: auto (recognise each file), " + runner_names())
      ->check(runner_check())
      ->default_str("auto");
  command.add_flag("--lint-down", flags.lint_down,
                   "Also lint down migrations: down sections and down files");
  // One value per --select/--ignore (repeat it, or separate with commas): a list option
  // that took every following word would swallow the paths after it.
  command
      .add_option("--select", flags.select,
                  "Also run these rules or categories (e.g. type, or all), whatever the "
                  "configuration says; repeatable, or a comma-separated list")
      ->delimiter(',')
      ->allow_extra_args(false);
  command
      .add_option("--ignore", flags.ignore,
                  "Skip these rules or categories, whatever the configuration says; "
                  "repeatable, or a comma-separated list")
      ->delimiter(',')
      ->allow_extra_args(false);
  auto* config = command.add_option(
      "--config", flags.config,
      "Use this zerodown.toml for every file instead of the nearest one above each file");
  command.add_flag("--no-config", flags.no_config, "Use no zerodown.toml, only the options given")
      ->excludes(config);
}

std::optional<config::Request> setting_request(const CLI::App& command, const SettingFlags& flags) {
  config::Request request{flags.config, flags.no_config, {}};
  config::Layer& layer = request.command_line;
  const auto given = [&](const std::string& option) -> std::optional<config::Origin> {
    if (command.count(option) == 0) return std::nullopt;
    return config::Origin{"command line (" + option + ")"};
  };
  if (const auto o = given("--pg-version")) {
    const auto version = parse_pg_version(flags.pg_version);
    if (!version) return std::nullopt;
    layer.pg_version = {{*version, *o}};
  }
  if (const auto o = given("--runner")) layer.runner = {{flags.runner, *o}};
  if (const auto o = given("--fail-on")) layer.fail_on = {{*parse_fail_on(flags.fail_on), *o}};
  if (const auto o = given("--assume-in-transaction")) {
    layer.assume_in_transaction = {{flags.assume_in_transaction, *o}};
  }
  if (const auto o = given("--lint-down")) layer.lint_down = {{flags.lint_down, *o}};
  for (const auto& [option, list, to] : {std::tuple{"--select", &flags.select, &layer.select},
                                         {"--ignore", &flags.ignore, &layer.ignore}}) {
    const auto o = given(option);
    if (!o) continue;
    for (const auto& selector : *list) {
      if (const auto error = check_rule_selector(selector); !error.empty()) {
        std::cerr << "zerodown: error: " << error << '\n';
        return std::nullopt;
      }
    }
    *to = {{*list, *o}};
  }
  return request;
}

}  // namespace zd
