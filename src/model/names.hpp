// Schema-qualified object names as PostgreSQL resolves them in a migration: an
// unqualified name means `public` (the default search_path), identifiers are already
// case-folded by the parser.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "model/node.hpp"
#include "source/name_hash.hpp"

namespace zd {

struct QualifiedName {
  std::string schema = "public";
  std::string name;

  // For prose (messages): readable, not SQL.
  std::string display() const { return schema + "." + name; }
  // As SQL to paste into a migration (parse/quote.hpp): "Event_createdAt_idx" keeps its case
  // and its quotes; the schema is quoted when it is a keyword PostgreSQL refuses as a name,
  // the name after `schema.` never for being a keyword (any keyword is valid there).
  std::string sql() const;
  friend bool operator==(const QualifiedName&, const QualifiedName&) = default;
  friend auto operator<=>(const QualifiedName&, const QualifiedName&) = default;
};

// From a RangeVar ({schemaname, relname}).
QualifiedName name_of_range_var(Node range_var);
// From a list of String nodes (["s", "t"] or ["t"]), as DROP and ALTER TYPE give them.
QualifiedName name_of_list(NodeList names);
// An index's name in the schema of its table (CREATE INDEX puts it there).
QualifiedName index_name(std::string_view name, const QualifiedName& table);

// The last element of a qualified type or function name ("pg_catalog.int4" → "int4").
std::string_view last_name(NodeList names);

}  // namespace zd

// For hashed lookups (the catalog's): a name is looked up for nearly every statement, and
// hashing it once costs less than comparing it with a dozen others in a tree.
template <>
struct std::hash<zd::QualifiedName> {
  size_t operator()(const zd::QualifiedName& q) const noexcept {
    const uint64_t schema = zd::name_hash(q.schema);
    return zd::name_hash(q.name) ^ (schema + 0x9e3779b97f4a7c15ull + (schema << 6));
  }
};
