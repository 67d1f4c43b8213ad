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
  bool utc_time_zone = false;         // the TimeZone is set to UTC (or another zone at offset 0)
  // On a BEGIN / START TRANSACTION: a transaction was already open (the runner's or an
  // earlier BEGIN's), so PostgreSQL ignores it with a warning.
  bool nested_begin = false;

  bool in_transaction() const { return transaction != 0; }
};

// Statements `first` up to, not including, `end`, by their index in the file.
struct StatementRange {
  uint32_t first = 0;
  uint32_t end = 0;
};

enum class ObjectKind { Relation, Index, Constraint };

// The migrations a file is checked against: the catalog that the files before it in its
// migration folder built, and the numbering of statements and transactions they used up
// (so that a constraint added by another file is never "in the same transaction").
struct History {
  Catalog catalog;
  uint32_t next_sequence = 1;
  uint32_t next_transaction = 1;
};

// What a file is to the files under review.
enum class Review : uint8_t {
  History,    // an earlier migration: replayed into the catalog, not checked
  Alone,      // checked on its own: only the tables it creates itself are new
  Changeset,  // checked as part of a changeset: tables any file of it created are new
};

class FileContext {
 public:
  // Replays the file into `history` (which must outlive the context).
  FileContext(const Migration& m, const LintOptions& options, History& history,
              Review review = Review::Alone);

  const StatementContext& at(const Statement& s) const { return contexts_[s.index]; }
  const LintOptions& options() const { return options_; }
  // The state after the file's last statement: a transaction still open there has a
  // non-zero `transaction` (explicit_transaction: opened by a BEGIN of the file).
  const StatementContext& at_end() const { return end_; }
  // The statements that run in the transaction of `s`, `s` alone when it runs on its own.
  // A transaction's statements follow one another in the file: a BEGIN, COMMIT or the
  // runner opens and ends it, and the statements of a DO block's body follow the DO.
  StatementRange transaction_of(const Statement& s) const;
  // Does the migration runner wrap this file in a transaction (--assume-in-transaction,
  // unless a runner directive such as `-- +goose NO TRANSACTION` switches it off)?
  bool runner_transaction() const { return runner_transaction_; }

  // Was this relation (table, view, materialized view) created by an earlier statement of
  // the file and is it still there? Such a table is new and empty, invisible to the
  // running application: locking it blocks no one. Dynamic SQL run since does not make
  // it old.
  bool created_before(const QualifiedName& relation, const Statement& s) const;
  bool index_created_before(const QualifiedName& index, const Statement& s) const;

  // The schema as built by the statements before `s` (in this file and its history).
  const Catalog& catalog() const { return catalog_; }
  uint32_t sequence(const Statement& s) const { return first_sequence_ + s.index; }
  // The index of this file's statement numbered `seq`.
  size_t statement_index(uint32_t seq) const { return seq - first_sequence_; }

 private:
  void track_settings(const Statement& s, StatementContext& state);
  void end_transaction(StatementContext& state, bool committed);

  LintOptions options_;
  std::vector<StatementContext> contexts_;
  StatementContext end_;
  bool runner_transaction_ = false;
  const Catalog& catalog_;
  uint32_t first_sequence_ = 1;
  // Each transaction's statements, by its number minus first_transaction_: every
  // transaction of the file is numbered from the History's next_transaction on.
  uint32_t first_transaction_ = 1;
  std::vector<StatementRange> transactions_;
  // Settings made at session level: SET LOCAL values end with their transaction, and a
  // ROLLBACK undoes session-level SETs made inside it.
  struct Settings {
    bool lock = false;
    bool statement = false;
    bool utc = false;
  };
  Settings defaults_;  // in force when the file starts (LintOptions)
  Settings session_;
  Settings session_at_begin_;
};

}  // namespace zd
