// Does a DML statement touch a bounded batch of rows, or everything its WHERE matches in
// one go? A bounded batch: a key equality (with a constant or a scalar subquery) or
// IN-list, a range with both ends on one column, or IN (SELECT … LIMIT n). Anything else
// can match millions of rows, holding their row locks until commit and producing bloat,
// WAL and replica lag in one burst.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "model/node.hpp"

namespace zd {

// Columns of the table known to be unique on their own (Catalog::unique_columns), keys
// besides those named like one (id, *_id …).
using Keys = std::span<const std::string>;

bool where_bounds_a_batch(Node where, Keys unique = {});
// The same for a whole UPDATE or DELETE: its WHERE bounds a batch, or joins the table to
// a LIMITed set of rows (`WITH batch AS (SELECT … LIMIT n) … WHERE id IN (SELECT id FROM
// batch)`, `FROM (SELECT … LIMIT n) b WHERE t.id = b.id`, DELETE … USING the same).
bool dml_bounds_a_batch(Node stmt, Keys unique = {});

// Tables the migration runners keep their own bookkeeping in (alembic_version,
// schema_migrations …): updating them is part of running a migration, not a backfill.
bool is_runner_bookkeeping_table(std::string_view table);

}  // namespace zd
