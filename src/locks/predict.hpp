// The lock model's entry point: for a statement and a target PostgreSQL major, which
// relations it locks and how, whether it rewrites or scans, and whether it may run
// inside a transaction block. Facts: docs/lock-model.md and the PostgreSQL documentation.
#pragma once

#include "catalog/catalog.hpp"
#include "context/options.hpp"
#include "locks/facts.hpp"
#include "model/migration.hpp"

namespace zd {

// `catalog` (optional) is the schema as it stood just before the statement, at sequence
// number `seq`: it turns unknowns (the old type of a column, a validated NOT NULL check)
// into facts. `utc_time_zone`: the session's TimeZone is known to be UTC there.
LockFacts predict_locks(const Statement& statement, PgVersion version,
                        const Catalog* catalog = nullptr, uint32_t seq = 0,
                        bool utc_time_zone = false);

namespace locks_detail {
void predict_alter_table(Node stmt, PgVersion version, const Catalog* catalog, uint32_t seq,
                         bool utc_time_zone, LockFacts& facts);
void add_lock(LockFacts& f, QualifiedName relation, RelationRole role, LockMode mode,
              std::string description = {});
// The lock on an object the statement itself creates (the index of CREATE INDEX).
void add_created(LockFacts& f, QualifiedName relation, RelationRole role, LockMode mode);
// `mode` on every partition of `table`, when the catalog knows it is partitioned (a
// statement on a partitioned table that recurses locks each partition the same way).
void add_partition_locks(LockFacts& f, const Catalog* catalog, uint32_t seq,
                         const QualifiedName& table, LockMode mode);
// ACCESS EXCLUSIVE on the DEFAULT partition of `parent` (ATTACH, DETACH, PARTITION OF
// change its implicit bounds): named when the catalog knows it, described when the
// catalog does not know the parent. Returns whether there is (or may be) one.
bool add_default_partition_lock(LockFacts& f, const Catalog* catalog, uint32_t seq,
                                const QualifiedName& parent,
                                const QualifiedName& except = {"", ""});
}  // namespace locks_detail

}  // namespace zd
