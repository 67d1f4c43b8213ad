// The column types a statement sets — the columns of CREATE TABLE, ADD COLUMN, the new
// type of ALTER COLUMN … TYPE — with what the type-* rules need to know about each:
// which builtin type it is, whether it is a key, what it references.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "model/migration.hpp"
#include "model/names.hpp"

namespace zd {

class RuleContext;

// One column a statement types. A large file sets tens of thousands of them and the list
// is kept for the whole file (RuleMemo), so an entry copies no names and keeps only what a
// rule reads for every column (the type); the rest is read from the tree when a rule
// reports: 56 bytes an entry.
struct TypedColumn {
  std::string_view type;  // builtin_type(type_name())
  // The ColumnDef, or for ALTER COLUMN … TYPE the AlterTableCmd (its ColumnDef has no name).
  Node definition;
  // A FOREIGN KEY of this column alone (inline REFERENCES or a table constraint of the same
  // CREATE TABLE): its Constraint; invalid when there is none.
  Node foreign_key;
  bool alter_type = false;   // ALTER COLUMN … TYPE (an existing column)
  bool primary_key = false;  // the sole column of the table's PRIMARY KEY
  bool identity = false;     // GENERATED … AS IDENTITY

  std::string_view column() const;
  Node type_name() const;  // the TypeName
  bool references() const { return foreign_key.valid(); }
  QualifiedName referenced_table() const;
  // The referenced column when the key names one; empty: the referenced table's primary key.
  std::string_view referenced_column() const;
};

// The table whose columns a CREATE TABLE or ALTER TABLE types.
QualifiedName table_of(const Statement& s);

// The column types each statement of the file sets, for the statements that set any, in
// statement order. Temporary tables are left out: their types do not outlive the session.
// Every type-* rule reads them: they are read from the tree once per file (RuleMemo), not
// once per rule.
struct StatementColumns {
  const Statement& statement;
  std::span<const TypedColumn> columns;
};
const std::vector<StatementColumns>& typed_columns(const RuleContext& ctx);

// The lists behind typed_columns: every statement's columns in one array, so that a
// statement costs no heap block of its own.
struct FileColumns {
  std::vector<TypedColumn> columns;
  std::vector<StatementColumns> statements;
};

// Does an ALTER COLUMN … TYPE leave the column with the type the catalog says it already had
// (Same::Type: the same type name, whatever its length or precision; Same::Modifiers: those
// too)? Then the statement did not choose that type: it was chosen, and reported, where the
// column got it. False for any other column, and when the catalog does not know the column.
enum class Same : uint8_t { Type, Modifiers };
bool keeps_type(const RuleContext& ctx, const Statement& s, const TypedColumn& c, Same same);

// The builtin type a TypeName names, by its catalog name ("int4", "timestamp", "varchar",
// "bpchar", "json", and the pseudo-types "serial", "bigserial" …), when the name is
// unqualified or qualified with pg_catalog; empty for a type of any other schema.
// `"char"` (the 1-byte internal type) stays "char", distinct from "bpchar".
std::string_view builtin_type(Node type_name);
bool has_typmods(Node type_name);

// The type's text: its name through typmods, array brackets and WITH/WITHOUT TIME ZONE.
ByteSpan type_span(const Migration& m, const Statement& s, Node type_name);

}  // namespace zd
