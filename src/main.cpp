// zerodown's command line: wiring only; the work happens in src/cli and the pipeline.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdlib>
#include <iostream>

#include "cli/config_command.hpp"
#include "cli/explain_sql.hpp"
#include "cli/rules_command.hpp"
#include "cli/run_check.hpp"
#include "cli/setting_flags.hpp"
#include "lint/lint.hpp"

namespace {

constexpr const char* kExitCodes =
    "\nExit codes:\n"
    "  0  no finding reaches --fail-on\n"
    "  1  at least one finding reaches --fail-on\n"
    "  2  usage, configuration or input error: bad option, invalid zerodown.toml, missing\n"
    "     path, unreadable or non-UTF-8 file (every other file is still checked and reported)\n";

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return isatty(STDOUT_FILENO) != 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"zerodown: a static analyzer for PostgreSQL schema migrations"};
  app.set_version_flag("--version", std::string(zd::kZerodownVersion));
  app.require_subcommand(1);
  app.footer(kExitCodes);

  zd::CheckOptions check;
  zd::SettingFlags check_settings;
  std::string format = "text";
  std::string color = "auto";
  auto* check_cmd = app.add_subcommand("check", "Check migration files for unsafe operations");
  check_cmd->add_option("paths", check.paths,
                        "Files, directories (searched for *.sql), glob patterns, or - for stdin")
      ->required();
  check_cmd->add_option("--format", format, "Output format: text, gcc, json, sarif, github, gitlab")
      ->check(CLI::IsMember(zd::format_names()))
      ->default_str("text");
  auto* output_opt = check_cmd->add_option(
      "-o,--output", check.output,
      "Write the --format report to this file (atomically) and the text report to stdout");
  check_cmd->add_flag("-q,--quiet", check.quiet, "With --output: print nothing on stdout")
      ->needs(output_opt);
  zd::add_setting_flags(*check_cmd, check_settings);
  check_cmd->add_flag("-v,--verbose", check.verbose,
                      "Say on stderr which runner each file got and why");
  check_cmd
      ->add_option("--changed-since", check.review.changed_since,
                   "Review only the files changed since this git ref (e.g. origin/main): "
                   "committed, staged, unstaged or new; the other files are history, replayed "
                   "into the catalog but not reported")
      ->type_name("REF");
  check_cmd
      ->add_option("--history", check.review.history_paths,
                   "Migrations applied before the files checked (file, directory or glob; "
                   "repeatable): replayed into the catalog, not reported")
      ->type_name("PATH")
      ->allow_extra_args(false);
  check_cmd->add_option("--stdin-filename", check.stdin_filename,
                        "The path to report for input read from stdin (-)");
  check_cmd->add_option("-j,--jobs", check.jobs, "Files checked in parallel (default: all cores)");
  check_cmd
      ->add_option("--file-timeout", check.file_timeout,
                   "Seconds one file may take to parse and check (0: no limit); a file that "
                   "takes longer is reported as an error and the others go on")
      ->check(CLI::Validator(
          [](const std::string& value) -> std::string {
            try {
              const double seconds = std::stod(value);
              if (std::isfinite(seconds) && seconds >= 0) return {};
            } catch (const std::exception&) {
            }
            return "expected a number of seconds, 0 or more, not '" + value + "'";
          },
          "SECONDS"))
      ->default_val(60)
      ->type_name("SECONDS");
  check_cmd->add_option("--color", color, "Colour the text output: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_str("auto");

  std::vector<std::string> explain_paths;
  std::string explain_format = "text";
  std::string explain_stdin_name;
  std::string explain_pg_version = "15";
  zd::LintOptions explain_options;
  auto* explain_sql_cmd = app.add_subcommand(
      "explain-sql", "Print the locks, rewrite and scan predicted for each statement");
  explain_sql_cmd->add_option("paths", explain_paths, "Files, directories, globs, or - for stdin")
      ->required();
  explain_sql_cmd->add_option("--format", explain_format, "Output format: text, json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  explain_sql_cmd->add_option("--pg-version", explain_pg_version,
                              "Target PostgreSQL version, 11 to 17; default 15");
  explain_sql_cmd->add_flag("--assume-in-transaction", explain_options.assume_in_transaction,
                            "Wrap each file in a transaction whatever its runner");
  zd::runner::Options explain_runner;
  explain_sql_cmd
      ->add_option("--runner", explain_runner.runner,
                   "Migration runner: auto (recognise each file), " + zd::runner_names())
      ->check(zd::runner_check())
      ->default_str("auto");
  explain_sql_cmd->add_flag("--lint-down", explain_runner.lint_down,
                            "Also explain down migrations: down sections and down files");
  explain_sql_cmd->add_option("--stdin-filename", explain_stdin_name,
                              "The path to report for input read from stdin (-)");

  std::string config_path = ".";
  std::string config_format = "text";
  zd::SettingFlags config_settings;
  auto* config_cmd = app.add_subcommand(
      "config", "Print the settings that apply to a file or directory, and where each came from");
  config_cmd->add_option("path", config_path, "A file or directory; default: the current one");
  config_cmd->add_option("--format", config_format, "Output format: text, json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  zd::add_setting_flags(*config_cmd, config_settings);

  bool markdown = false;
  auto* rules_cmd = app.add_subcommand("rules", "List every rule");
  rules_cmd->add_flag("--markdown", markdown, "Print the rule index as Markdown");

  std::string rule_id;
  auto* explain_cmd = app.add_subcommand("explain", "Print a rule's documentation");
  explain_cmd->add_option("rule", rule_id, "Rule id, e.g. lock-create-index")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return zd::kExitUsage;
  }

  if (*rules_cmd) {
    if (markdown) {
      zd::print_rules_markdown(std::cout);
    } else {
      zd::print_rule_table(std::cout);
    }
    return 0;
  }
  if (*explain_cmd) return zd::explain_rule(std::cout, std::cerr, rule_id);
  if (*explain_sql_cmd) {
    const auto version = zd::parse_pg_version(explain_pg_version);
    if (!version) return zd::kExitUsage;
    explain_options.pg_version = *version;
    return zd::explain_sql(explain_paths, explain_stdin_name, explain_format == "json",
                           explain_options, explain_runner);
  }

  if (*config_cmd) {
    const auto request = zd::setting_request(*config_cmd, config_settings);
    if (!request) return zd::kExitUsage;
    return zd::show_config(config_path, *request, config_format == "json");
  }

  const auto request = zd::setting_request(*check_cmd, check_settings);
  if (!request) return zd::kExitUsage;
  check.config = *request;
  check.format = *zd::parse_format(format);
  check.color = use_color(color);
  // What the run built (the last file's findings and catalog, the scheduler's threads) is
  // not freed: the process ends here, and the system takes that memory back at once. On the
  // 20,000-statement file, freeing it block by block took some 3 % of the run's time
  // (docs/performance.md). std::exit leaves main's locals alone; static objects and the
  // output streams are still closed.
  zd::CheckLeftovers leftovers;
  std::exit(zd::run_check(check, leftovers));
}
