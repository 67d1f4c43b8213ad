#include "report/github_reporter.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "report/utf16_column.hpp"

namespace zd {
namespace {

// A job summary may hold 1 MiB; beyond this many rows the table says how many it left out.
constexpr size_t kMaxSummaryRows = 500;

std::string_view command(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "notice";
  }
  return "warning";
}

// A table cell: `|` would end the cell and a line end the row; `<` and `&` would start
// HTML (a path like `<stdin>` would vanish).
std::string markdown_cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '|': out += "\\|"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\r': break;
      case '\n': out += "<br>"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string github_escape_data(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string github_escape_property(std::string_view text) {
  std::string out;
  for (const char c : github_escape_data(text)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

void GithubReporter::summary_row(std::string_view severity, const std::string& path, Position at,
                                 std::string_view rule, std::string_view message) {
  if (!step_summary_) return;
  if (row_count_ == kMaxSummaryRows) {
    ++rows_left_out_;
    return;
  }
  ++row_count_;
  const std::string rule_cell =
      rule == "file-error" ? std::string(rule) : fmt::format("[{}]({})", rule, rule_help_uri(rule));
  rows_ += fmt::format("| {} | {} | {}:{} | {} | {} |\n", severity, markdown_cell(path), at.line,
                       at.column, rule_cell, markdown_cell(message));
}

void GithubReporter::file(const FileReport& r) {
  const std::string file = github_escape_property(r.path);
  if (r.error) {
    const Position at = r.error->position;
    fmt::print(out_, "::error file={},line={},col={},title={}::{}\n", file, at.line, at.column,
               github_escape_property("zerodown: file-error"),
               github_escape_data(r.error->message));
    summary_row("error", r.path, at, "file-error", r.error->message);
  }
  for (const Finding& f : r.findings) {
    if (f.suppressed) continue;
    // The runner drops col and endColumn unless line == endLine (a check run annotation has
    // columns on one line only), and its endColumn is inclusive: it defaults to col.
    std::string where = fmt::format("line={}", f.start.line);
    if (f.end.line == f.start.line) {
      // GitHub's web UI places columns in a JavaScript string: UTF-16 code units.
      const uint32_t col = utf16_column(*r.source, f.start);
      const uint32_t end = std::max(col, utf16_column(*r.source, f.end) - 1);
      where += fmt::format(",col={},endLine={},endColumn={}", col, f.end.line, end);
    } else {
      where += fmt::format(",endLine={}", f.end.line);
    }
    std::string message = f.message;
    if (!f.help.empty()) message += "\nhelp: " + f.help.str();
    fmt::print(out_, "::{} file={},{},title={}::{}\n", command(f.severity), file, where,
               github_escape_property(fmt::format("zerodown: {}", f.rule->id)),
               github_escape_data(message));
    summary_row(command(f.severity), r.path, f.start, f.rule->id, f.message);
  }
}

void GithubReporter::finish(const Totals& t) {
  for (const std::string& e : t.input_errors) {
    fmt::print(out_, "::error title={}::{}\n", github_escape_property("zerodown: input-error"),
               github_escape_data(e));
  }
  if (!step_summary_) return;
  std::ostream& md = *step_summary_;
  md << "### zerodown\n\n"
     << "| errors | warnings | notices | suppressed | files | unreadable files | statements |\n"
     << "|---:|---:|---:|---:|---:|---:|---:|\n";
  fmt::print(md, "| {} | {} | {} | {} | {} | {} | {} |\n\n", t.errors, t.warnings, t.infos,
             t.suppressed, t.files, t.unreadable_files, t.statements);
  if (rows_.empty()) {
    md << "No findings.\n\n";
    return;
  }
  md << "| severity | file | line:column | rule | message |\n|---|---|---|---|---|\n" << rows_;
  if (rows_left_out_ > 0) fmt::print(md, "\n… and {} more, left out here.\n", rows_left_out_);
  md << '\n';
}

}  // namespace zd
