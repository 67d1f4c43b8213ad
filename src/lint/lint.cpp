#include "lint/lint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <iterator>
#include <map>
#include <numeric>
#include <tuple>

#include "analysis/nesting.hpp"
#include "context/context.hpp"
#include "lint/alter_table_walk.hpp"
#include "lint/did_you_mean.hpp"
#include "lint/suppressions.hpp"
#include "locks/predict.hpp"
#include "model/migration.hpp"
#include "parse/chunks.hpp"
#include "parse/prepare.hpp"

namespace zd::rules {
extern const RuleInfo syntax_error;
extern const RuleInfo unused_suppression;
extern const RuleInfo suppression_without_reason;
}  // namespace zd::rules

namespace zd {
namespace {

// A file of at least twice this many statements has its lock facts and rules shared out
// among idle threads, in blocks of this many statements: fewer would cost more in starting
// threads than they save.
constexpr size_t kStatementsPerThread = 256;

// How specifically a selector names the rule: 0 not at all, 1 "all", 2 its category
// ("lock" or "lock-*"), 3 its id.
int specificity(std::string_view selector, const RuleInfo& rule) {
  if (selector == rule.id) return 3;
  if (selector == "all") return 1;
  if (selector.ends_with("-*")) selector.remove_suffix(2);
  return selector == category_name(rule.category) ? 2 : 0;
}

int most_specific(const std::vector<std::string>& selectors, const RuleInfo& rule) {
  int best = 0;
  for (const auto& s : selectors) best = std::max(best, specificity(s, rule));
  return best;
}

void report_syntax_errors(const Migration& m, std::vector<Finding>& out) {
  for (const Statement& s : m.statements()) {
    if (!s.error) continue;
    Finding f;
    f.rule = &rules::syntax_error;
    f.severity = rules::syntax_error.severity;
    const uint32_t at = s.error->offset;
    // The token there: the statement's own (those of a statement in a body), or the file's.
    const auto end_of_token = [&](std::span<const pg::Token> tokens) -> std::optional<uint32_t> {
      const auto t = std::find_if(tokens.begin(), tokens.end(),
                                  [&](const pg::Token& token) { return token.begin == at; });
      if (t == tokens.end()) return std::nullopt;
      return t->end;
    };
    auto end = end_of_token(s.tokens);
    if (!end) end = end_of_token(m.tokens());
    f.span = {at, end.value_or(std::min<uint32_t>(at + 1, static_cast<uint32_t>(m.text().size())))};
    f.message = s.error->message;
    f.help = SharedText("This statement is not valid PostgreSQL 15 syntax, so it was not "
                        "analysed; every other statement of the file was.");
    f.statement = s.index;
    out.push_back(std::move(f));
  }
}

Finding engine_finding(const RuleInfo& rule, const Suppression& s, ByteSpan span) {
  Finding f;
  f.rule = &rule;
  f.severity = rule.severity;
  f.span = span;
  f.statement = s.statement ? s.statement->index : 0;
  return f;
}

void report_unused(const Suppression& s, const LintOptions& options, std::vector<Finding>& out) {
  Finding f = engine_finding(rules::unused_suppression, s, s.span);
  const RuleInfo* rule = find_rule(s.rule);
  if (!rule) {
    f.message = "unknown rule '" + s.rule + "' in a suppression";
    const auto guess = closest_rule_id(s.rule);
    f.help = SharedText(guess.empty() ? "`zerodown rules` lists every rule id."
                                      : "Did you mean '" + std::string(guess) + "'?");
  } else if (!rule_enabled(*rule, options)) {
    f.message = "suppression of '" + s.rule + "', which is not enabled, matched nothing";
    f.help = SharedText("Remove the suppression, or enable the rule.");
  } else {
    f.message = std::string("suppression of '") + s.rule + "' matched no finding" +
                (s.whole_file ? " in this file" : " on its statement");
    f.help = SharedText("Remove it: the statement it covers no longer raises this finding.");
  }
  out.push_back(std::move(f));
}

// A file-level suppression of a rule about suppressions silences its findings too. Moves
// `meta` into `findings`. `whole_file`: the file-level suppressions.
void suppress_by_file(std::vector<Finding>& meta, const std::vector<Suppression*>& whole_file,
                      std::vector<Finding>& findings) {
  for (Finding& f : meta) {
    for (Suppression* s : whole_file) {
      if (s->rule == f.rule->id) {
        f.suppressed = true;
        f.suppression_reason = SharedText(s->reason);
        s->used = true;
      }
    }
    findings.push_back(std::move(f));
  }
  meta.clear();
}

// A finding inside a function body shows where the body runs; a body that several
// statements call is reported at the first call, with how many more run it. Fixes must not
// edit a body: the body is a string, and the statement inside runs in a function, where a
// fix meant for a top-level statement (CONCURRENTLY, a transaction of its own) fails.
void place_in_bodies(const Migration& m, std::vector<Finding>& findings) {
  std::map<std::tuple<std::string_view, uint32_t, uint32_t>, size_t> first;  // rule, span
  std::vector<size_t> more(findings.size(), 0);
  std::vector<bool> repeated(findings.size(), false);
  const auto nested = [&](const Finding& f) -> const Statement* {
    if (f.statement >= m.statements().size()) return nullptr;
    const Statement& s = m.statements()[f.statement];
    return s.nested ? &s : nullptr;
  };
  for (size_t i = 0; i < findings.size(); ++i) {
    Finding& f = findings[i];
    const Statement* s = nested(f);
    if (!s) continue;
    const ByteSpan body = m.statements()[s->nested->body_of].span;
    std::erase_if(f.fixes, [&](const Fix& fix) {
      return std::any_of(fix.edits.begin(), fix.edits.end(), [&](const Edit& e) {
        return e.span.end > body.begin && e.span.begin < body.end;
      });
    });
    if (m.statements()[s->nested->body_of].is("DoStmt")) continue;
    const auto [it, added] = first.try_emplace({f.rule->id, f.span.begin, f.span.end}, i);
    if (!added) ++more[it->second], repeated[i] = true;
  }
  for (size_t i = 0; i < findings.size(); ++i) {
    Finding& f = findings[i];
    const Statement* s = nested(f);
    if (!s || repeated[i] || m.statements()[s->nested->body_of].is("DoStmt")) continue;
    const std::string where = describe_body(m, *s);
    const std::string calls =
        more[i] == 0 ? "" : fmt::format(" and {} more call{}", more[i], more[i] > 1 ? "s" : "");
    if (const size_t at = f.message.find(where); at != std::string::npos) {
      f.message.insert(at + where.size(), calls);
    } else {
      f.message += " (in " + where + calls + ")";
    }
  }
  // In place: a second array of the file's findings would add to the peak.
  size_t kept = 0;
  for (size_t i = 0; i < findings.size(); ++i) {
    if (repeated[i]) continue;
    if (kept != i) findings[kept] = std::move(findings[i]);
    ++kept;
  }
  findings.erase(findings.begin() + static_cast<std::ptrdiff_t>(kept), findings.end());
}

// By position, then rule, then in the order found. The findings are sorted through their
// indexes and then moved along the permutation's cycles: std::stable_sort takes a buffer of
// half the findings, and on a large file that buffer was the peak.
void sort_findings(std::vector<Finding>& findings) {
  std::vector<uint32_t> order(findings.size());  // order[i]: the finding that goes to i
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const Finding& x = findings[a];
    const Finding& y = findings[b];
    if (x.span.begin != y.span.begin) return x.span.begin < y.span.begin;
    if (x.rule->id != y.rule->id) return x.rule->id < y.rule->id;
    return a < b;
  });
  for (uint32_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;  // in place, or moved there along an earlier cycle
    Finding first = std::move(findings[start]);
    uint32_t to = start;
    while (order[to] != start) {
      const uint32_t from = order[to];
      findings[to] = std::move(findings[from]);
      order[to] = to;
      to = from;
    }
    findings[to] = std::move(first);
    order[to] = to;
  }
}

// The end of a file's time limit (--file-timeout), counted from when it started parsing.
// A limit beyond a billion seconds (31 years) is no limit: the clock could not hold its end.
class Deadline {
 public:
  using Clock = std::chrono::steady_clock;
  Deadline(std::chrono::duration<double> limit, Clock::duration spent)
      : limit_(limit),
        at_(limit.count() > 0 && limit.count() < 1e9
                ? Clock::now() - spent + std::chrono::duration_cast<Clock::duration>(limit)
                : Clock::time_point::max()) {}
  bool passed() const { return Clock::now() > at_; }
  // The file, stopped: an error instead of its findings.
  FileReport report(FileReport file) const {
    file.error = FileError{fmt::format("checking the file took longer than its time limit of {} "
                                       "s (--file-timeout), so it was stopped; none of its "
                                       "findings are reported",
                                       limit_.count()),
                           {1, 1}};
    return file;
  }

 private:
  std::chrono::duration<double> limit_;
  Clock::time_point at_;
};

void apply_suppressions(const Migration& m, const LintOptions& options,
                        std::vector<Finding>& findings) {
  auto suppressions = read_suppressions(m);
  if (suppressions.empty()) return;
  // A suppression covers its statement; one on a DO or CREATE FUNCTION statement covers its
  // body too, and one on a statement that calls a function covers that function's body as
  // it runs there. A file may hold a suppression for each of thousands of statements: a
  // finding looks at the file-level ones and at those on the statements that cover it, not
  // at every suppression.
  std::vector<Suppression*> whole_file;
  std::vector<Suppression*> on_statement;
  for (Suppression& s : suppressions) {
    if (s.whole_file) whole_file.push_back(&s);
    if (s.statement) on_statement.push_back(&s);
  }
  const auto index = [](const Suppression* s) { return s->statement->index; };
  std::stable_sort(on_statement.begin(), on_statement.end(),
                   [&](const Suppression* a, const Suppression* b) { return index(a) < index(b); });
  const auto on = [&](uint32_t statement) {
    return std::pair{
        std::partition_point(on_statement.begin(), on_statement.end(),
                             [&](const Suppression* s) { return index(s) < statement; }),
        std::partition_point(on_statement.begin(), on_statement.end(),
                             [&](const Suppression* s) { return index(s) <= statement; })};
  };
  std::vector<Suppression*> matching;
  for (Finding& f : findings) {
    matching.clear();
    const auto add = [&](auto range) {
      for (auto it = range.first; it != range.second; ++it) {
        if ((*it)->rule == f.rule->id) matching.push_back(*it);
      }
    };
    add(std::pair{whole_file.begin(), whole_file.end()});
    add(on(f.statement));
    if (const Nesting* nested = m.statements()[f.statement].nested) {
      add(on(nested->parent));
      if (nested->body_of != nested->parent) add(on(nested->body_of));
    }
    if (matching.empty()) continue;
    // The last in the file gives the reason, as when each suppression was tried in turn.
    std::sort(matching.begin(), matching.end());
    for (Suppression* s : matching) s->used = true;
    f.suppressed = true;
    f.suppression_reason = SharedText(matching.back()->reason);
  }
  // Findings about the suppressions themselves. A reason is asked for first: a file-level
  // suppression of suppression-without-reason that silences one is not unused.
  std::vector<Finding> meta;
  if (rule_enabled(rules::suppression_without_reason, options)) {
    const Suppression* previous = nullptr;
    for (const Suppression& s : suppressions) {
      // Once per comment, however many rules it names.
      const bool same_comment = previous && previous->comment.begin == s.comment.begin;
      previous = &s;
      if (!s.reason.empty() || same_comment) continue;
      Finding f = engine_finding(rules::suppression_without_reason, s, s.comment);
      f.message = "suppression of '" + s.rule + "' gives no reason";
      f.help = SharedText(
          std::string("Say why the finding is acceptable after a second `--`: `-- ") +
          (s.whole_file ? "zerodown-ignore-file: " : "zerodown-ignore: ") + s.rule +
          " -- <reason>`.");
      meta.push_back(std::move(f));
    }
    suppress_by_file(meta, whole_file, findings);
  }
  if (rule_enabled(rules::unused_suppression, options)) {
    for (const Suppression& s : suppressions) {
      if (!s.used) report_unused(s, options, meta);
    }
    suppress_by_file(meta, whole_file, findings);
  }
}

}  // namespace

bool rule_enabled(const RuleInfo& rule, const LintOptions& options) {
  const int major = options.pg_version.major;
  if (major < rule.min_pg_version || major > rule.max_pg_version) return false;
  for (auto layer = options.selection.rbegin(); layer != options.selection.rend(); ++layer) {
    const int selected = most_specific(layer->select, rule);
    const int ignored = most_specific(layer->ignore, rule);
    if (selected != 0 || ignored != 0) return selected > ignored;
  }
  return rule.enabled_by_default;
}

std::string check_rule_selector(std::string_view selector) {
  std::vector<std::string_view> names{"all"};
  for (const RuleInfo* r : all_rules()) {
    if (specificity(selector, *r) != 0) return {};
    names.push_back(r->id);
    if (std::find(names.begin(), names.end(), category_name(r->category)) == names.end()) {
      names.push_back(category_name(r->category));
    }
  }
  std::string message = "unknown rule or category '" + std::string(selector) + "'";
  if (const auto guess = closest_match(selector, names); !guess.empty()) {
    message += " (did you mean '" + std::string(guess) + "'?)";
  }
  return message;
}

RunnerFile apply_runner(const Source& source, const LintOptions& global_options,
                       const runner::Options& runner) {
  RunnerFile file;
  const runner::Decision decision = runner::decide(source.path(), source.text(), runner.runner,
                                                   global_options.assume_in_transaction);
  file.migration =
      parse_migration(source, PrepareOptions{decision.preset->sections, runner.lint_down},
                      ParseOptions{global_options.parse_threads});
  // The file's own transaction wrapping, as its runner does it: decided by the statements
  // written at the top level (a DO block's statements run inside the DO).
  std::vector<const Statement*> statements;
  for (const uint32_t i : file.migration->top_level()) {
    statements.push_back(&file.migration->statements()[i]);
  }
  file.options = global_options;
  file.options.assume_in_transaction = decision.in_transaction;
  file.options.reruns = decision.reruns;
  std::string why = decision.transaction_why;
  if (decision.alone_if_all_nontransactional && !statements.empty() &&
      std::all_of(statements.begin(), statements.end(), [&](const Statement* s) {
        return !s->error && predict_locks(*s, global_options.pg_version).transaction ==
                               TransactionRule::NotAllowed;
      })) {
    file.options.assume_in_transaction = false;
    why = "every statement is one that cannot run in a transaction, so " +
          std::string(decision.preset->name) + " runs the file without one";
  } else if (decision.in_transaction && decision.preset->wrap == runner::Wrap::Implicit &&
             statements.size() == 1) {
    // PostgreSQL opens an implicit transaction block only for a query string holding
    // several statements: a lone statement runs on its own.
    file.options.assume_in_transaction = false;
    why = "a lone statement sent as one query runs on its own";
  } else if (decision.in_transaction && decision.preset->wrap == runner::Wrap::Implicit &&
             std::any_of(statements.begin(), statements.end(),
                         [](const Statement* s) { return s->is("TransactionStmt"); })) {
    // A BEGIN in the query string turns the implicit block into a regular one, without
    // the "already in progress" warning: the file's own BEGIN … COMMIT governs. (The
    // statements outside it are then taken as autocommit, a slight under-statement.)
    file.options.assume_in_transaction = false;
    why = "the file's own BEGIN … COMMIT takes over the implicit transaction";
  }
  if (file.options.assume_in_transaction) {
    file.options.transaction_wrapper = decision.transaction_why == "--assume-in-transaction"
                                           ? decision.transaction_why
                                           : std::string(decision.preset->name);
  }
  file.note = "runner " + std::string(decision.preset->name) + " (" + decision.why + "); " +
              (file.options.assume_in_transaction ? "in a transaction: " : "no transaction: ") +
              why;
  return file;
}

ParsedFile parse_file(std::string path, std::string bytes, const LintOptions& options,
                      const runner::Options& runner) {
  auto decoded = decode_source(path, std::move(bytes));
  if (decoded.error) {
    ParsedFile file;
    file.path = std::move(path);
    file.error = FileError{decoded.error->message, decoded.error->position};
    return file;
  }
  return parse_file(std::make_shared<const Source>(std::move(*decoded.source)), options, runner);
}

ParsedFile parse_file(std::shared_ptr<const Source> source, const LintOptions& options,
                      const runner::Options& runner) {
  ParsedFile file;
  file.path = source->path();
  file.runner = apply_runner(*source, options, runner);
  file.source = std::move(source);
  return file;
}

FileReport lint_bytes(std::string path, std::string bytes, const LintOptions& options,
                      const runner::Options& runner) {
  History history;
  return check_file(parse_file(std::move(path), std::move(bytes), options, runner), history,
                    Review::Alone);
}

FileReport lint_source(std::shared_ptr<const Source> source, const LintOptions& options,
                       const runner::Options& runner) {
  History history;
  return check_file(parse_file(std::move(source), options, runner), history, Review::Alone);
}

FileReport check_file(ParsedFile file, History& history, Review review,
                      std::chrono::duration<double> time_limit) {
  FileReport report;
  report.path = std::move(file.path);
  report.error = std::move(file.error);
  if (report.error) return report;
  const Deadline deadline(time_limit, file.parse_time);
  if (deadline.passed()) return deadline.report(std::move(report));
  const auto& migration = file.runner.migration;
  const LintOptions& options = file.runner.options;
  report.runner_note = std::move(file.runner.note);
  const FileContext context(*migration, options, history, review);
  if (review == Review::History) return report;
  // Once the catalog is replayed, every statement's lock facts and every rule read only what
  // is built: on a large file they run on the threads the scheduler left idle (the chunks'
  // parse threads).
  const std::vector<Statement>& statements = migration->statements();
  const unsigned threads =
      statements.size() >= 2 * kStatementsPerThread ? options.parse_threads : 1;
  std::atomic<bool> late = false;
  const auto stopped = [&] {
    if (!late && deadline.passed()) late = true;
    return late.load();
  };
  std::vector<LockFacts> facts(statements.size());
  const size_t blocks = (statements.size() + kStatementsPerThread - 1) / kStatementsPerThread;
  run_in_parallel(blocks, threads, [&](size_t block) {
    if (stopped()) return;
    const size_t end = std::min(statements.size(), (block + 1) * kStatementsPerThread);
    for (size_t i = block * kStatementsPerThread; i < end; ++i) {
      const Statement& s = statements[i];
      facts[i] = s.error ? LockFacts{{}, {}, false, TransactionRule::Allowed}
                         : predict_locks(s, options.pg_version, &context.catalog(),
                                         context.sequence(s), context.at(s).utc_time_zone);
    }
  });
  if (late) return deadline.report(std::move(report));

  std::vector<const RuleInfo*> enabled;
  for (const RuleInfo* rule : all_rules()) {
    if (rule->check && rule_enabled(*rule, options)) enabled.push_back(rule);
  }
  // Each rule is a task of its own, taken in list order by whichever thread is free: the
  // rules' costs differ a hundredfold, and fixed groups of them left one thread waiting for
  // the other. A rule's findings go, in the order found, to the list of the thread that ran
  // it (a list per rule, joined into one, cost a second copy of every finding: 2.4 MiB more
  // at the peak on the 5 MB file). Which list they are in does not show: the findings are
  // sorted by position, then rule, then the order found (sort_findings), and the other
  // steps before it treat a rule's findings together.
  RuleMemo memo(facts);
  std::vector<std::vector<Finding>> found(threads);
  run_in_parallel(enabled.size(), threads, [&](size_t r, unsigned worker) {
    if (stopped()) return;
    TextPool helps;
    enabled[r]->check(
        RuleContext(*enabled[r], *migration, context, facts, memo, helps, found[worker]));
  });
  if (late) return deadline.report(std::move(report));
  std::vector<Finding> findings = std::move(found.front());
  for (size_t worker = 1; worker < found.size(); ++worker) {
    std::move(found[worker].begin(), found[worker].end(), std::back_inserter(findings));
    found[worker] = {};
  }
  share_attached_locks(facts, findings);
  if (deadline.passed()) return deadline.report(std::move(report));
  if (rule_enabled(rules::syntax_error, options)) report_syntax_errors(*migration, findings);
  place_in_bodies(*migration, findings);
  apply_suppressions(*migration, options, findings);
  for (Finding& f : findings) {
    for (const auto& [id, severity] : options.severity) {
      if (id == f.rule->id) f.severity = severity;
    }
  }

  sort_findings(findings);
  // In file order: each line is found from the one before it.
  const std::shared_ptr<const Source>& source = file.source;
  uint32_t begin_line = 0;
  uint32_t end_line = 0;
  for (Finding& f : findings) {
    f.start = source->position(f.span.begin, begin_line);
    f.end = source->position(f.span.end, end_line);
  }
  report.findings = std::move(findings);
  report.statements = migration->top_level().size();
  report.source = std::move(file.source);
  return report;
}

}  // namespace zd
