// What holds when each statement runs: the transaction it is in, the timeouts in force
// and the objects the file created before it. Computed once per file, in statement order.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "context/options.hpp"
#include "model/migration.hpp"
#include "model/names.hpp"

namespace zd {

struct StatementContext {
  // 0 when the statement runs on its own (autocommit); otherwise the same number for
  // every statement of one transaction.
  uint32_t transaction = 0;
  bool explicit_transaction = false;  // inside BEGIN … COMMIT written in the file
  bool lock_timeout = false;          // a non-zero lock_timeout is in force
  bool statement_timeout = false;     // a non-zero statement_timeout is in force
  // On a BEGIN / START TRANSACTION: a transaction was already open (the runner's or an
  // earlier BEGIN's), so PostgreSQL ignores it with a warning.
  bool nested_begin = false;

  bool in_transaction() const { return transaction != 0; }
};

enum class ObjectKind { Relation, Index, Constraint };

class FileContext {
 public:
  FileContext(const Migration& m, const LintOptions& options);

  const StatementContext& at(const Statement& s) const { return contexts_[s.index]; }
  const LintOptions& options() const { return options_; }
  // The state after the file's last statement: a transaction still open there has a
  // non-zero `transaction` (explicit_transaction: opened by a BEGIN of the file).
  const StatementContext& at_end() const { return end_; }
  // Does the migration runner wrap this file in a transaction (--assume-in-transaction,
  // unless a runner directive such as `-- +goose NO TRANSACTION` switches it off)?
  bool runner_transaction() const { return runner_transaction_; }

  // Was this relation (table, view, materialized view) created by an earlier statement of
  // the file and is it still there? Such a table is new and empty, invisible to the
  // running application: locking it blocks no one.
  bool created_before(const QualifiedName& relation, const Statement& s) const;
  bool index_created_before(const QualifiedName& index, const Statement& s) const;

  // The schema as built by the statements before `s`.
  const Catalog& catalog() const { return catalog_; }
  uint32_t sequence(const Statement& s) const { return s.index + 1; }

 private:
  void track_settings(const Statement& s, StatementContext& state);
  void end_transaction(StatementContext& state, bool committed);

  LintOptions options_;
  std::vector<StatementContext> contexts_;
  StatementContext end_;
  bool runner_transaction_ = false;
  Catalog catalog_;
  // Timeouts set at session level: SET LOCAL values end with their transaction, and a
  // ROLLBACK undoes session-level SETs made inside it.
  struct Timeouts {
    bool lock = false;
    bool statement = false;
  };
  Timeouts defaults_;  // in force when the file starts (LintOptions)
  Timeouts session_;
  Timeouts session_at_begin_;
};

}  // namespace zd
