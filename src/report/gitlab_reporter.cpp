#include "report/gitlab_reporter.hpp"

#include <nlohmann/json.hpp>

#include "report/file_uri.hpp"
#include "report/fingerprint.hpp"

namespace zd {
namespace {

using nlohmann::json;

// Code Quality's five severities (info, minor, major, critical, blocker): an error would
// block or break production, a warning may; info is advice. An unreadable file is a
// blocker: nothing in it was checked.
std::string_view severity(Severity s) {
  switch (s) {
    case Severity::Error: return "critical";
    case Severity::Warning: return "major";
    case Severity::Info: return "info";
  }
  return "major";
}

// GitLab shows issues by line only (it reads location.lines.begin, or
// location.positions.begin.line), so no columns, and with them no question of their unit.
// Paths must be relative to the repository root: run zerodown from there.
json location(const std::string& path, uint32_t begin, uint32_t end) {
  return {{"path", without_dot_slash(path)}, {"lines", {{"begin", begin}, {"end", end}}}};
}

}  // namespace

void GitlabReporter::file(const FileReport& r) {
  std::vector<json> issues;
  if (r.error) {
    const uint32_t line = r.error->position.line;
    issues.push_back({{"type", "issue"},
                      {"check_name", "file-error"},
                      {"description", r.error->message},
                      {"severity", "blocker"},
                      {"fingerprint", file_error_fingerprint(r)},
                      {"location", location(r.path, line, line)}});
  }
  const std::vector<std::string> fingerprints = finding_fingerprints(r);
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const Finding& f = r.findings[i];
    // Code Quality has no notion of a dismissed issue: suppressed findings are left out.
    if (f.suppressed) continue;
    issues.push_back({{"type", "issue"},
                      {"check_name", f.rule->id},
                      {"description", f.message},
                      {"content", {{"body", f.help.str()}}},
                      {"severity", severity(f.severity)},
                      {"fingerprint", fingerprints[i]},
                      {"location", location(r.path, f.start.line, f.end.line)}});
  }
  for (const json& issue : issues) {
    out_ << (first_ ? "\n" : ",\n") << issue.dump(-1, ' ', false, json::error_handler_t::replace);
    first_ = false;
  }
}

void GitlabReporter::finish(const Totals&) { out_ << (first_ ? "]\n" : "\n]\n"); }

}  // namespace zd
