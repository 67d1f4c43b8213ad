#include "config/print.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "lint/lint.hpp"
#include "lint/rule.hpp"

namespace zd::config {
namespace {

// In the order of the text output, not sorted by key.
using json = nlohmann::ordered_json;

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out.empty() ? "(none)" : out;
}

std::string timeout_text(const Timeout& t) { return t.in_force ? t.text : t.text + " (none)"; }

// Each setting once, in the order docs/configuration.md lists them: name, value, origin.
struct Row {
  std::string name;
  std::string value;
  json json_value;
  const Origin* origin;
};

std::vector<Row> rows(const Settings& s) {
  std::vector<Row> out = {
      {"pg_version", std::to_string(s.pg_version.value.major), s.pg_version.value.major,
       &s.pg_version.origin},
      {"runner", s.runner.value, s.runner.value, &s.runner.origin},
      {"assume_in_transaction", s.assume_in_transaction.value ? "true" : "false",
       s.assume_in_transaction.value, &s.assume_in_transaction.origin},
      {"lint_down", s.lint_down.value ? "true" : "false", s.lint_down.value, &s.lint_down.origin},
      {"fail_on", std::string(fail_on_name(s.fail_on.value)), fail_on_name(s.fail_on.value),
       &s.fail_on.origin},
      {"require_suppression_reason", s.require_suppression_reason.value ? "true" : "false",
       s.require_suppression_reason.value, &s.require_suppression_reason.origin},
      {"lock_timeout", timeout_text(s.lock_timeout.value), s.lock_timeout.value.text,
       &s.lock_timeout.origin},
      {"statement_timeout", timeout_text(s.statement_timeout.value), s.statement_timeout.value.text,
       &s.statement_timeout.origin},
  };
  for (const SelectionLayer& layer : s.selection) {
    for (const auto& [name, list] :
         {std::pair{"select", &layer.select}, {"ignore", &layer.ignore}}) {
      if (*list) out.push_back({name, join((*list)->value), (*list)->value, &(*list)->origin});
    }
  }
  for (const auto& [id, setting] : s.severity) {
    out.push_back({"severity." + id, std::string(severity_name(setting.value)),
                   severity_name(setting.value), &setting.origin});
  }
  return out;
}

std::vector<std::string_view> enabled_rules(const Settings& s) {
  const LintOptions options = s.lint_options();
  std::vector<std::string_view> out;
  for (const RuleInfo* r : all_rules()) {
    if (rule_enabled(*r, options)) out.push_back(r->id);
  }
  return out;
}

}  // namespace

void print_settings(std::ostream& out, std::string_view path, const Settings& settings) {
  out << "Settings for " << path << "\n";
  out << "Configuration file: " << (settings.config_file.empty() ? "none" : settings.config_file)
      << "\n\n";
  const auto all = rows(settings);
  size_t name_width = 0, value_width = 0;
  for (const Row& r : all) {
    name_width = std::max(name_width, r.name.size());
    value_width = std::max(value_width, r.value.size());
  }
  for (const Row& r : all) {
    out << fmt::format("  {:<{}}  {:<{}}  {}\n", r.name, name_width, r.value, value_width,
                       r.origin->text);
  }
  // Which rules run follows from pg_version, select, ignore and require_suppression_reason.
  const auto enabled = enabled_rules(settings);
  out << fmt::format("\nRules that run ({} of {}):\n", enabled.size(), all_rules().size());
  std::string line = " ";
  for (const auto id : enabled) {
    if (line.size() + id.size() + 2 > 96) out << line << "\n", line = " ";
    line += " " + std::string(id);
  }
  if (line.size() > 1) out << line << "\n";
}

void print_settings_json(std::ostream& out, std::string_view path, const Settings& settings) {
  json values = json::object();
  json selection = json::array();
  json severity = json::object();
  for (const Row& r : rows(settings)) {
    const json entry = {{"value", r.json_value}, {"source", r.origin->text}};
    if (r.name.starts_with("severity.")) {
      severity[r.name.substr(9)] = entry;
    } else if (r.name == "select" || r.name == "ignore") {
      selection.push_back({{"key", r.name}, {"value", r.json_value}, {"source", r.origin->text}});
    } else {
      values[r.name] = entry;
    }
  }
  json enabled = json::array();
  for (const auto id : enabled_rules(settings)) enabled.push_back(id);
  const json doc = {
      {"path", path},
      {"config_file", settings.config_file.empty() ? json(nullptr) : json(settings.config_file)},
      {"settings", values},
      {"selection", selection},
      {"severity", severity},
      {"enabled_rules", enabled}};
  out << doc.dump(2) << "\n";
}

}  // namespace zd::config
