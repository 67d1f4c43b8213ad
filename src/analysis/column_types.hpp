// The column types a statement sets — the columns of CREATE TABLE, ADD COLUMN, the new
// type of ALTER COLUMN … TYPE — with what the type-* rules need to know about each:
// which builtin type it is, whether it is a key, what it references.
#pragma once

#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "model/migration.hpp"
#include "model/names.hpp"

namespace zd {

class RuleContext;

struct TypedColumn {
  QualifiedName table;
  std::string_view column;
  Node type_name;            // the TypeName node
  std::string_view type;     // builtin_type(type_name)
  bool alter_type = false;   // ALTER COLUMN … TYPE (an existing column)
  bool primary_key = false;  // the sole column of the table's PRIMARY KEY
  bool identity = false;     // GENERATED … AS IDENTITY
  // A FOREIGN KEY of this column alone (inline REFERENCES or a table constraint of the
  // same CREATE TABLE): the referenced table and column (empty: its primary key).
  QualifiedName referenced_table;
  std::string_view referenced_column;
  bool references = false;
};

// Every column type `s` sets, in statement order. Temporary tables are left out: their
// types do not outlive the session.
std::vector<TypedColumn> typed_columns(const Statement& s);

// The column types each statement of the file sets, for the statements that set any, in
// statement order. Every type-* rule reads them: they are read from the tree once per
// file (RuleMemo), not once per rule.
struct StatementColumns {
  const Statement& statement;
  std::vector<TypedColumn> columns;
};
const std::vector<StatementColumns>& typed_columns(const RuleContext& ctx);

// Does an ALTER COLUMN … TYPE leave the column with the type the catalog says it already had
// (Same::Type: the same type name, whatever its length or precision; Same::Modifiers: those
// too)? Then the statement did not choose that type: it was chosen, and reported, where the
// column got it. False for any other column, and when the catalog does not know the column.
enum class Same : uint8_t { Type, Modifiers };
bool keeps_type(const Catalog& catalog, uint32_t seq, const TypedColumn& c, Same same);

// The builtin type a TypeName names, by its catalog name ("int4", "timestamp", "varchar",
// "bpchar", "json", and the pseudo-types "serial", "bigserial" …), when the name is
// unqualified or qualified with pg_catalog; empty for a type of any other schema.
// `"char"` (the 1-byte internal type) stays "char", distinct from "bpchar".
std::string_view builtin_type(Node type_name);
bool has_typmods(Node type_name);

// The type's text: its name through typmods, array brackets and WITH/WITHOUT TIME ZONE.
ByteSpan type_span(const Migration& m, const Statement& s, Node type_name);

}  // namespace zd
