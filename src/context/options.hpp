// What the user told zerodown about the environment a migration runs in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lint/severity.hpp"

namespace zd {

// The target PostgreSQL major version; lock levels and rewrites differ between majors.
struct PgVersion {
  int major = 15;
  static constexpr int kOldest = 11;
  static constexpr int kNewest = 17;
  // Accepts "15", "15.4", "11.22": only the major matters for locking.
  static std::optional<PgVersion> parse(std::string_view text);
};

// One layer of rule selection (the configuration file, one of its overrides, the command
// line): rule ids, categories ("lock" or "lock-*") or "all".
struct RuleSelection {
  std::vector<std::string> select;
  std::vector<std::string> ignore;
};

struct LintOptions {
  PgVersion pg_version;
  // The migration runner wraps each file in a transaction.
  bool assume_in_transaction = false;
  // The runner runs the file again whenever it changes (Flyway's R__ scripts), so what it
  // makes may exist from its previous run.
  bool reruns = false;
  // Per file, once its runner is known: who wraps it in a transaction, for messages
  // ("goose", or "--assume-in-transaction" when the user said so).
  std::string transaction_wrapper;
  // Layers in rising precedence. The last layer that names a rule decides whether it runs
  // (within a layer the most specific selector, and `ignore` over `select` when equally
  // specific); a rule that no layer names runs when it is on by default.
  std::vector<RuleSelection> selection;
  // Severities that replace rules' defaults, by rule id.
  std::vector<std::pair<std::string, Severity>> severity;
  // Timeouts already in force when the file starts (the runner's connection sets them):
  // RESET and SET … TO DEFAULT go back to these.
  bool lock_timeout = false;
  bool statement_timeout = false;
  // Threads that may parse the chunks of one large file at once (parse/chunks.hpp): the
  // cores of --jobs that checking other files leaves free.
  unsigned parse_threads = 1;
};

}  // namespace zd
