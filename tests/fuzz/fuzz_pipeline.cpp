// libFuzzer target over the whole pipeline: bytes → decode → prepare → split → parse →
// model → context and catalog → lock model → every rule → suppressions → every reporter,
// then each fix applied on its own and the fixed text through the pipeline again.
//
// The input is the migration itself, so fixtures/**/*.sql is a ready seed corpus and
// tests/fuzz/sql.dict steers the mutations towards valid SQL. What varies besides the bytes
// comes from the input's length, so a seed keeps its meaning: the PostgreSQL major (11–17)
// and the path, which decides the migration runner preset (and with it the sections and the
// transaction wrapping).
//
// Beyond "no crash, no sanitizer report", the target checks invariants every consumer of a
// report relies on: spans lie inside the text, positions are 1-based, and a fix's edits are
// in bounds and do not overlap; and that the tree read from libpg_query's parse nodes is the
// one its JSON gives.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

#include "lint/lint.hpp"
#include "parse/libpg_query.hpp"
#include "report/reporter.hpp"

namespace {

// An ostream that drops everything: the reporters' output is exercised, not kept.
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

// Paths that select different runner presets in `--runner auto` (src/runner/presets.cpp).
constexpr std::array<std::string_view, 6> kPaths = {
    "migrations/0001_fuzz.sql",
    "db/migrations/V1__fuzz.sql",
    "migrations/20240101000000_fuzz.up.sql",
    "migrations/20240101000000_fuzz.down.sql",
    "prisma/migrations/20240101000000_fuzz/migration.sql",
    "deploy/fuzz.sql",
};

void require(bool ok) {
  if (!ok) std::abort();
}

void check_invariants(const zd::FileReport& report) {
  if (!report.source) return;
  const size_t size = report.source->text().size();
  for (const zd::Finding& f : report.findings) {
    require(f.span.begin <= f.span.end && f.span.end <= size);
    require(f.start.line >= 1 && f.start.column >= 1);
    for (const zd::Fix& fix : f.fixes) {
      for (const zd::Edit& e : fix.edits) require(e.span.begin <= e.span.end && e.span.end <= size);
    }
  }
}

// The text with one fix applied, edits from the last to the first; two edits that overlap
// make a malformed fix, which aborts.
std::string apply_fix(std::string_view text, const zd::Fix& fix) {
  auto edits = fix.edits;
  std::sort(edits.begin(), edits.end(),
            [](const zd::Edit& a, const zd::Edit& b) { return a.span.begin > b.span.begin; });
  std::string fixed(text);
  uint32_t limit = static_cast<uint32_t>(text.size());
  for (const zd::Edit& e : edits) {
    require(e.span.end <= limit);
    fixed.replace(e.span.begin, e.span.end - e.span.begin, e.replacement);
    limit = e.span.begin;
  }
  return fixed;
}

zd::FileReport lint(std::string_view path, std::string bytes, const zd::LintOptions& options) {
  // The file twice: first replayed as history into the catalog, then checked against it, so
  // the replay of every statement kind runs too.
  zd::History history;
  const zd::runner::Options runner;
  zd::check_file(zd::parse_file(std::string(path), bytes, options, runner), history,
                 zd::Review::History);
  zd::FileReport report =
      zd::check_file(zd::parse_file(std::string(path), std::move(bytes), options, runner), history,
                     zd::Review::Alone);
  check_invariants(report);
  return report;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  zd::LintOptions options;
  options.pg_version.major = zd::PgVersion::kOldest + static_cast<int>(size % 7);
  options.selection.push_back(zd::RuleSelection{{"all"}, {}});
  const std::string_view path = kPaths[size % kPaths.size()];

  // Not past the tree's depth limit: there libpg_query's JSON writer, which recurses once a
  // level, can run out of stack (a chain of 100,000 `+`), where the raw tree stops.
  const std::string sql(reinterpret_cast<const char*>(data), size);
  const zd::pg::ParseResult raw = zd::pg::parse(sql);
  if (raw.tree_failure != zd::ParseTree::Failure::TooDeep)
    require(raw == zd::pg::parse_via_json(sql));

  const zd::FileReport report =
      lint(path, std::string(reinterpret_cast<const char*>(data), size), options);

  NullBuffer null_buffer;
  std::ostream null(&null_buffer);
  zd::ReportOptions report_options;
  report_options.lint = options;
  report_options.step_summary = &null;
  for (size_t i = 0; i < zd::format_names().size(); ++i) {
    const auto reporter = zd::make_reporter(static_cast<zd::Format>(i), null, report_options);
    zd::Totals totals;
    totals.add(report);
    reporter->file(report);
    reporter->finish(totals);
  }

  if (report.source) {
    for (const zd::Finding& f : report.findings) {
      for (const zd::Fix& fix : f.fixes) {
        lint(path, apply_fix(report.source->text(), fix), options);
      }
    }
  }
  return 0;
}
