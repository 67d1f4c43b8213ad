#include "config/settings.hpp"

#include <cctype>

namespace zd {

std::optional<FailOn> parse_fail_on(std::string_view name) {
  if (name == "error") return FailOn::Error;
  if (name == "warning") return FailOn::Warning;
  if (name == "info") return FailOn::Info;
  if (name == "never") return FailOn::Never;
  return std::nullopt;
}

std::string_view fail_on_name(FailOn f) {
  switch (f) {
    case FailOn::Error: return "error";
    case FailOn::Warning: return "warning";
    case FailOn::Info: return "info";
    case FailOn::Never: return "never";
  }
  return "warning";
}

namespace config {

std::optional<Timeout> Timeout::parse(std::string_view text) {
  // Digits with at most one decimal point (PostgreSQL 12+ rounds a fraction), then blanks,
  // then a unit; the GUC takes milliseconds when there is none.
  size_t i = 0;
  bool digits = false, point = false, nonzero = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits = true;
      nonzero = nonzero || c != '0';
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (!digits) return std::nullopt;
  while (i < text.size() && text[i] == ' ') ++i;
  const std::string_view unit = text.substr(i);
  if (!unit.empty() && unit != "us" && unit != "ms" && unit != "s" && unit != "min" &&
      unit != "h" && unit != "d") {
    return std::nullopt;
  }
  return Timeout{std::string(text), nonzero};
}

void Settings::apply(const Layer& layer) {
  const auto take = [](auto& to, const auto& from) {
    if (from) to = *from;
  };
  take(pg_version, layer.pg_version);
  take(runner, layer.runner);
  take(assume_in_transaction, layer.assume_in_transaction);
  take(lint_down, layer.lint_down);
  take(fail_on, layer.fail_on);
  take(require_suppression_reason, layer.require_suppression_reason);
  take(lock_timeout, layer.lock_timeout);
  take(statement_timeout, layer.statement_timeout);
  if (layer.select || layer.ignore || layer.require_suppression_reason) {
    std::optional<bool> require;
    if (layer.require_suppression_reason) require = layer.require_suppression_reason->value;
    selection.push_back({layer.select, layer.ignore, require});
  }
  for (const auto& [rule, setting] : layer.severity) {
    bool replaced = false;
    for (auto& [id, current] : severity) {
      if (id == rule) current = setting, replaced = true;
    }
    if (!replaced) severity.emplace_back(rule, setting);
  }
}

LintOptions Settings::lint_options() const {
  LintOptions o;
  o.pg_version = pg_version.value;
  o.assume_in_transaction = assume_in_transaction.value;
  o.lock_timeout = lock_timeout.value.in_force;
  o.statement_timeout = statement_timeout.value.in_force;
  for (const SelectionLayer& layer : selection) {
    RuleSelection s;
    if (layer.select) s.select = layer.select->value;
    if (layer.ignore) s.ignore = layer.ignore->value;
    if (layer.require_suppression_reason) {
      // The rule the key stands for, named by id: it wins over categories in the same layer.
      (*layer.require_suppression_reason ? s.select : s.ignore)
          .emplace_back("suppression-without-reason");
    }
    o.selection.push_back(std::move(s));
  }
  for (const auto& [id, setting] : severity) o.severity.emplace_back(id, setting.value);
  return o;
}

}  // namespace config
}  // namespace zd
