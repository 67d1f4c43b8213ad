// What holds when each statement runs: the transaction it is in, the timeouts in force
// and the objects the file created before it. Computed once per file, in statement order.
#pragma once

#include <map>
#include <string>
#include <vector>

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

  bool in_transaction() const { return transaction != 0; }
};

enum class ObjectKind { Relation, Index, Constraint };

class FileContext {
 public:
  FileContext(const Migration& m, const LintOptions& options);

  const StatementContext& at(const Statement& s) const { return contexts_[s.index]; }
  const LintOptions& options() const { return options_; }

  // Was this relation (table, view, materialized view) created by an earlier statement of
  // the file and is it still there? Such a table is new and empty, invisible to the
  // running application: locking it blocks no one.
  bool created_before(const QualifiedName& relation, const Statement& s) const;
  bool index_created_before(const QualifiedName& index, const Statement& s) const;

 private:
  struct Event {
    uint32_t statement;
    bool exists;
  };
  using Timeline = std::map<QualifiedName, std::vector<Event>>;
  static bool exists_before(const Timeline& t, const QualifiedName& n, uint32_t statement);
  void record(Timeline& t, QualifiedName n, uint32_t statement, bool exists);
  void track_objects(const Statement& s);
  void track_settings(const Statement& s, StatementContext& state);
  void end_transaction(StatementContext& state, bool committed);

  LintOptions options_;
  std::vector<StatementContext> contexts_;
  Timeline relations_;
  Timeline indexes_;
  // Timeouts set at session level: SET LOCAL values end with their transaction, and a
  // ROLLBACK undoes session-level SETs made inside it.
  struct Timeouts {
    bool lock = false;
    bool statement = false;
  };
  Timeouts session_;
  Timeouts session_at_begin_;
};

}  // namespace zd
