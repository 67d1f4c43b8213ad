#include "report/reporter.hpp"

#include <fmt/format.h>

#include "report/gcc_reporter.hpp"
#include "report/github_reporter.hpp"
#include "report/gitlab_reporter.hpp"
#include "report/json_reporter.hpp"
#include "report/sarif_reporter.hpp"
#include "report/text_reporter.hpp"

namespace zd {

const std::vector<std::string>& format_names() {
  static const std::vector<std::string> names = {"text",  "gcc",    "json",
                                                 "sarif", "github", "gitlab"};
  return names;
}

std::optional<Format> parse_format(std::string_view name) {
  const auto& names = format_names();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<Format>(i);
  }
  return std::nullopt;
}

std::string rule_help_uri(std::string_view rule_id) {
  return fmt::format("{}/blob/main/docs/rules/{}.md", kProjectUrl, rule_id);
}

void Totals::add(const FileReport& r) {
  ++files;
  if (r.error) ++unreadable_files;
  statements += r.statements;
  for (const Finding& f : r.findings) {
    if (f.suppressed) {
      ++suppressed;
      continue;
    }
    switch (f.severity) {
      case Severity::Error: ++errors; break;
      case Severity::Warning: ++warnings; break;
      case Severity::Info: ++infos; break;
    }
  }
}

std::unique_ptr<Reporter> make_reporter(Format format, std::ostream& out,
                                        const ReportOptions& options) {
  switch (format) {
    case Format::Gcc: return std::make_unique<GccReporter>(out);
    case Format::Json: return std::make_unique<JsonReporter>(out, options.lint);
    case Format::Sarif: return std::make_unique<SarifReporter>(out);
    case Format::Github: return std::make_unique<GithubReporter>(out, options.step_summary);
    case Format::Gitlab: return std::make_unique<GitlabReporter>(out);
    case Format::Text: break;
  }
  return std::make_unique<TextReporter>(out, options.color);
}

}  // namespace zd
