#include "cli/explain_sql.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/discover.hpp"
#include "cli/read_file.hpp"
#include "cli/review_plan.hpp"
#include "cli/run_check.hpp"
#include "context/context.hpp"
#include "lint/lint.hpp"
#include "locks/predict.hpp"

namespace zd {
namespace {

using nlohmann::json;

std::string_view tri_text(Tri t) {
  return t == Tri::Yes ? "yes" : t == Tri::No ? "no" : "unknown";
}

std::string_view transaction_text(TransactionRule r) {
  switch (r) {
    case TransactionRule::Allowed: return "allowed";
    case TransactionRule::NotAllowed: return "not allowed (cannot run inside a transaction block)";
    case TransactionRule::OnlyInside: return "required (only inside a transaction block)";
  }
  return "";
}

// The statement's text on one line, shortened for the listing.
std::string headline(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (count_characters(out) > 100) out = out.substr(0, byte_offset_of_character(out, 97)) + "...";
  return out;
}

void explain_text(const Source& source, const Migration& m, const FileContext& context,
                  const LintOptions& options) {
  for (const Statement& s : m.statements()) {
    const Position p = source.position(s.span.begin);
    fmt::print("{}:{}:{}: {}\n", source.path(), p.line, p.column, headline(m.text(s.span)));
    if (s.error) {
      fmt::print("    not analysed: {}\n\n", s.error->message);
      continue;
    }
    const LockFacts f =
        predict_locks(s, options.pg_version, &context.catalog(), context.sequence(s),
                      context.at(s).utc_time_zone);
    if (!f.modelled) fmt::print("    locks: not modelled by zerodown\n");
    for (const auto& l : f.locks) {
      fmt::print("    {:<22} on {} {}{} — blocks {}\n", lock_mode_name(l.mode), role_name(l.role),
                 l.what(), l.created ? " (created here)" : "",
                 blocks_short(blocks(l.mode)));
    }
    if (f.locks.empty() && f.modelled) fmt::print("    no lock on existing tables\n");
    fmt::print("    rewrite: {} · scan: {} · in a transaction block: {}\n",
               tri_text(f.rewrite()), tri_text(f.scan()), transaction_text(f.transaction));
    for (const Action& a : f.actions) {
      if (!a.why.empty()) fmt::print("    why: {}\n", a.why);
    }
    fmt::print("\n");
  }
}

json explain_json(const Source& source, const Migration& m, const FileContext& context,
                  const LintOptions& options) {
  json statements = json::array();
  for (const Statement& s : m.statements()) {
    const Position p = source.position(s.span.begin);
    json entry = {{"line", p.line}, {"column", p.column}, {"kind", s.kind()}};
    if (s.error) {
      entry["error"] = s.error->message;
      statements.push_back(std::move(entry));
      continue;
    }
    const LockFacts f =
        predict_locks(s, options.pg_version, &context.catalog(), context.sequence(s),
                      context.at(s).utc_time_zone);
    json locks = json::array();
    for (const auto& l : f.locks) {
      locks.push_back({{"relation", l.what()},
                       {"role", role_name(l.role)},
                       {"mode", lock_mode_name(l.mode)},
                       {"pg_locks_mode", lock_mode_identifier(l.mode)},
                       {"blocks", blocks_short(blocks(l.mode))},
                       {"created", l.created}});
    }
    entry["modelled"] = f.modelled;
    entry["locks"] = std::move(locks);
    entry["rewrite"] = tri_text(f.rewrite());
    entry["scan"] = tri_text(f.scan());
    entry["transaction"] = f.transaction == TransactionRule::Allowed      ? "allowed"
                           : f.transaction == TransactionRule::NotAllowed ? "not-allowed"
                                                                          : "only-inside";
    statements.push_back(std::move(entry));
  }
  return {{"file", source.path()}, {"statements", std::move(statements)}};
}

}  // namespace

int explain_sql(const std::vector<std::string>& paths, const std::string& stdin_filename,
                bool json_output, const LintOptions& global_options,
                const runner::Options& runner) {
  const Discovery discovery = discover_inputs(paths, stdin_filename, runner);
  const LintOptions& options = global_options;
  int status = discovery.errors.empty() ? kExitClean : kExitUsage;
  for (const auto& e : discovery.errors) std::cerr << "zerodown: error: " << e << '\n';
  json files = json::array();
  Histories histories;  // each file is explained against the files before it
  for (const Input& input : discovery.inputs) {
    std::ostringstream bytes;
    if (input.is_stdin) {
      bytes << std::cin.rdbuf();
    } else {
      const ReadFile file = read_regular_file(input.path);
      if (!file.error.empty()) {
        std::cerr << "zerodown: error: " << input.path << ": " << file.error << '\n';
        status = kExitUsage;
        continue;
      }
      bytes << file.bytes;
    }
    auto decoded = decode_source(input.path, std::move(bytes).str());
    if (decoded.error) {
      std::cerr << fmt::format("zerodown: error: {}:{}:{}: {}\n", input.path,
                               decoded.error->position.line, decoded.error->position.column,
                               decoded.error->message);
      status = kExitUsage;
      continue;
    }
    const RunnerFile file = apply_runner(*decoded.source, global_options, runner);
    const FileContext context(*file.migration, file.options, histories.of(input));
    if (json_output) {
      files.push_back(explain_json(*decoded.source, *file.migration, context, file.options));
    } else {
      explain_text(*decoded.source, *file.migration, context, file.options);
    }
  }
  if (json_output) {
    std::cout << json{{"version", 1}, {"pg_version", options.pg_version.major}, {"files", files}}
                     .dump(2)
              << '\n';
  }
  return status;
}

}  // namespace zd
