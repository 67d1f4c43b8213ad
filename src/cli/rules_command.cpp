#include "cli/rules_command.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <ostream>
#include <string>

#include "lint/rule.hpp"

namespace zd {

namespace {
std::string_view trim_newlines(std::string_view s) {
  while (!s.empty() && s.front() == '\n') s.remove_prefix(1);
  while (!s.empty() && s.back() == '\n') s.remove_suffix(1);
  return s;
}

std::string versions(const RuleInfo& r) {
  if (r.min_pg_version <= 11 && r.max_pg_version >= 17) return "all (11–17)";
  return fmt::format("{}–{}", r.min_pg_version, r.max_pg_version);
}
}  // namespace

void print_rule_table(std::ostream& out) {
  size_t width = 0;
  for (const RuleInfo* r : all_rules()) width = std::max(width, r->id.size());
  for (const RuleInfo* r : all_rules()) {
    fmt::print(out, "{:<{}}  {:<7}  {:<3}  {}{}\n", r->id, width, severity_name(r->severity),
               r->fixable ? "fix" : "", r->summary, r->enabled_by_default ? "" : " (off by default)");
  }
}

std::string rule_markdown(std::string_view id) {
  const RuleInfo* r = find_rule(id);
  if (!r) return {};
  return fmt::format(
      "# {}\n\n{}\n\n| category | default severity | enabled by default | fix | PostgreSQL |\n"
      "|---|---|---|---|---|\n| {} | {} | {} | {} | {} |\n\n{}\n",
      r->id, r->summary, category_name(r->category), severity_name(r->severity),
      r->enabled_by_default ? "yes" : "no", r->fixable ? "yes" : "no", versions(*r),
      trim_newlines(r->docs));
}

void print_rules_markdown(std::ostream& out) {
  out << "# Rules\n\n| rule | category | severity | fix | summary |\n|---|---|---|---|---|\n";
  for (const RuleInfo* r : all_rules()) {
    fmt::print(out, "| [{}]({}.md) | {} | {} | {} | {} |\n", r->id, r->id,
               category_name(r->category), severity_name(r->severity), r->fixable ? "yes" : "",
               r->summary);
  }
}

int explain_rule(std::ostream& out, std::ostream& err, std::string_view id) {
  if (!find_rule(id)) {
    err << "zerodown: error: unknown rule '" << id << "'";
    if (const auto guess = closest_rule_id(id); !guess.empty()) {
      err << " (did you mean '" << guess << "'?)";
    }
    err << "; `zerodown rules` lists them\n";
    return 2;
  }
  out << rule_markdown(id);
  return 0;
}

}  // namespace zd
