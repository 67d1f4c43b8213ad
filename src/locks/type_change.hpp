// Whether ALTER COLUMN … TYPE rewrites the table. PostgreSQL skips the rewrite when the
// old type converts to the new one without changing the stored bytes (binary-coercible,
// and a typmod that only widens): varchar(n) → varchar(m ≥ n) or text, text → varchar,
// numeric(p,s) → numeric(p' ≥ p, s), cidr → inet, a wider timestamp/time/interval
// precision. Everything else — and any USING expression — rewrites.
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

TypeChange type_change_rewrites(const ColumnType& from, const ColumnType& to, PgVersion version);

}  // namespace zd
