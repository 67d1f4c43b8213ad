// What a statement does to the relations it touches, as the lock model predicts it:
// which lock on which relation, rewrite, scan, index build, and whether it may run inside
// a transaction block. Rules, `explain-sql` and the reporters read these; nobody else
// keeps lock facts.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "locks/lock_mode.hpp"
#include "model/names.hpp"

namespace zd {

enum class Tri : uint8_t { No, Yes, Unknown };

enum class RelationRole : uint8_t {
  Table,             // the table the statement names
  Index,             // an index the statement names or builds
  Referenced,        // the table a foreign key points at
  Parent,            // the partitioned parent of ATTACH/DETACH/PARTITION OF
  Partition,         // the partition being attached or detached
  MaterializedView,
  View,
  Unresolved,        // a relation known only through the catalog (the table of an index …)
};
std::string_view role_name(RelationRole r);

// Kept per statement for the whole file, and handed to findings: the small fields sit
// together, after the strings, and the description that only an Unresolved lock has is a
// pointer (88 bytes; 104 with a string of its own, 112 with the small fields in between).
struct RelationLock {
  QualifiedName relation;
  // For Unresolved: what it is ("the table of index public.i"); null for the others.
  std::shared_ptr<const std::string> description;
  RelationRole role = RelationRole::Table;
  LockMode mode = LockMode::AccessShare;
  bool created = false;     // the statement creates it (a new index): invisible to others

  // What it locks, as messages name it: the relation, or what an Unresolved one is.
  std::string what() const;
};

enum class TransactionRule : uint8_t {
  Allowed,
  NotAllowed,    // "cannot run inside a transaction block"
  OnlyInside,    // LOCK TABLE outside a transaction block is an error
};

// The effect of one part of a statement (an ALTER TABLE subcommand, or the statement).
struct Action {
  uint32_t subcommand = 0;  // index into AlterTableStmt.cmds; 0 for other statements
  LockMode mode = LockMode::AccessShare;
  Tri rewrite = Tri::No;   // table (and its indexes) rewritten into new files
  Tri scan = Tri::No;      // the whole table read while the lock is held
  bool builds_index = false;
  std::string why;         // what makes it rewrite or scan, in words ("volatile default random()")

  static Action of(LockMode mode, Tri rewrite = Tri::No, Tri scan = Tri::No,
                   bool builds_index = false, std::string why = {}) {
    Action a;
    a.mode = mode, a.rewrite = rewrite, a.scan = scan, a.builds_index = builds_index;
    a.why = std::move(why);
    return a;
  }
};

// One per statement, kept for the whole file: the flags after the vectors (56 bytes, not 64).
struct LockFacts {
  std::vector<RelationLock> locks;
  std::vector<Action> actions;
  bool modelled = true;    // false: zerodown does not know this statement's locks
  TransactionRule transaction = TransactionRule::Allowed;

  Tri rewrite() const;
  Tri scan() const;
  bool builds_index() const;
  // The strongest lock on a relation with this role, if any.
  std::optional<LockMode> strongest(RelationRole role) const;
  // The strongest lock of the statement on any relation.
  std::optional<LockMode> strongest() const;
  const RelationLock* strongest_lock() const;
};

}  // namespace zd
