// The lock model's entry point: for a statement and a target PostgreSQL major, which
// relations it locks and how, whether it rewrites or scans, and whether it may run
// inside a transaction block. Facts: docs/lock-model.md and the PostgreSQL documentation.
#pragma once

#include "context/options.hpp"
#include "locks/facts.hpp"
#include "model/migration.hpp"

namespace zd {

LockFacts predict_locks(const Statement& statement, PgVersion version);

namespace locks_detail {
void predict_alter_table(Node stmt, PgVersion version, LockFacts& facts);
void add_lock(LockFacts& f, QualifiedName relation, RelationRole role, LockMode mode,
              std::string description = {});
}  // namespace locks_detail

}  // namespace zd
