// Whether ALTER COLUMN … TYPE rewrites the table. PostgreSQL skips the rewrite when the
// old type converts to the new one without changing the stored bytes (binary-coercible,
// and a typmod that only widens): varchar(n) → varchar(m ≥ n) or text, text → varchar,
// numeric(p,s) → numeric(p' ≥ p, s), cidr → inet, a wider timestamp/time/interval
// precision; from 12, timestamp ↔ timestamptz when the session's TimeZone is UTC.
// Everything else — and any USING expression — rewrites.
#pragma once

#include <string>

#include "catalog/catalog.hpp"
#include "context/options.hpp"
#include "locks/facts.hpp"

namespace zd {

struct TypeChange {
  Tri rewrite = Tri::Unknown;
  std::string why;
};

// `utc_time_zone`: the session's TimeZone is known to be UTC (or another zone at offset 0).
TypeChange type_change_rewrites(const ColumnType& from, const ColumnType& to, PgVersion version,
                                bool utc_time_zone = false);

}  // namespace zd
