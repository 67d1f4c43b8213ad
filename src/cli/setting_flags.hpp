// The options of `check` and `config` that are also keys of zerodown.toml. Given on the
// command line they win over every config file; not given, they leave the files' values
// (or the defaults) alone.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/resolve.hpp"

namespace CLI {
class App;
class Validator;
}  // namespace CLI

namespace zd {

struct SettingFlags {
  std::string pg_version;
  std::string runner;
  std::string fail_on;
  bool assume_in_transaction = false;
  bool lint_down = false;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::string config;
  bool no_config = false;
};

void add_setting_flags(CLI::App& command, SettingFlags& flags);
// The configuration request after parsing: the layer of the options given. nullopt, with
// the reason on stderr, when a value is invalid.
std::optional<config::Request> setting_request(const CLI::App& command, const SettingFlags& flags);

// Shared with explain-sql's own options.
std::optional<PgVersion> parse_pg_version(const std::string& text);
std::string runner_names();
CLI::Validator runner_check();

}  // namespace zd
