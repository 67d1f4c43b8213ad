// type-int-key: integer (or smallint) keys — primary keys, identity and serial columns, and
// the integer columns that reference such keys — overflow at 2^31 (2^15).
#include <fmt/format.h>

#include "analysis/column_types.hpp"
#include "lint/rule.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
An `integer` key runs out at 2,147,483,647 (a `smallint` one at 32,767): from then on
every `INSERT` fails with "integer out of range" or "nextval: reached maximum value of
sequence". Ids are spent by rolled-back inserts and `ON CONFLICT` attempts too, so a busy
table gets there sooner than its row count suggests. Widening the column then is an
`ALTER COLUMN … TYPE bigint`: a rewrite of the table and every index under an ACCESS
EXCLUSIVE lock, on the table that is by then the biggest you have, plus the same on
every table that references it.

Reported: single-column primary keys, identity columns and `serial`/`smallserial`
columns of type `integer`/`smallint`, and `integer` columns with a foreign key to a key
column whose type zerodown knows (created in this migration or an earlier one; `REFERENCES
t` is t's primary key) — an `integer` reference to a `bigint` key overflows as soon as the
key passes 2^31. A referencing column is widened together with the key it references, not
made an identity of its own.

## Example
```sql
CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id integer REFERENCES customers (id)
);
```

## Use instead
```sql
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint REFERENCES customers (id)
);
```
)md";

// Bytes of an integer key type (serial types by the integer they stand for), 0 otherwise.
int key_bytes(std::string_view t) {
  if (t == "int2" || t == "smallserial" || t == "serial2") return 2;
  if (t == "int4" || t == "serial" || t == "serial4") return 4;
  if (t == "int8" || t == "bigserial" || t == "serial8") return 8;
  return 0;
}
bool serial_type(std::string_view t) { return t.find("serial") != std::string_view::npos; }
std::string_view sql_name(std::string_view t) {
  if (t == "int8") return "bigint";
  if (t == "int4") return "integer";
  if (t == "int2") return "smallint";
  return t;
}

// The referenced key column: as written, or else (`REFERENCES t`) the referenced table's
// primary key when it is one column; empty when zerodown does not know it. `created`: the
// columns of the CREATE TABLE when the column references the table it creates, else none.
std::string referenced_column(const RuleContext& ctx, const Statement& s, const TypedColumn& c,
                              const QualifiedName& referenced,
                              std::span<const TypedColumn> created) {
  if (!c.referenced_column().empty()) return std::string(c.referenced_column());
  if (!created.empty()) {
    for (const auto& other : created) {
      if (other.primary_key) return std::string(other.column());
    }
    return {};
  }
  const auto key = ctx.catalog().primary_key(referenced, ctx.sequence(s));
  return key.size() == 1 ? key[0] : std::string{};
}

// The type of the referenced key column, if zerodown knows it.
std::string referenced_type(const RuleContext& ctx, const Statement& s,
                            const QualifiedName& referenced, std::string_view column,
                            std::span<const TypedColumn> created) {
  if (column.empty()) return {};
  for (const auto& other : created) {
    if (other.column() == column) return std::string(other.type);
  }
  const ColumnState* col = ctx.catalog().column(referenced, column, ctx.sequence(s));
  return col ? col->type->name : std::string{};
}

void check(const RuleContext& ctx) {
  for (const auto& [s, columns] : typed_columns(ctx)) {
    for (const TypedColumn& c : columns) {
      const int bytes = key_bytes(c.type);
      if (c.alter_type || bytes == 0 || bytes == 8) continue;
      // Only a key, a column filled from a sequence, or a reference to a key can run out;
      // most integer columns are none of these, and need no messages built.
      if (!c.identity && !serial_type(c.type) && !c.primary_key && !c.references()) continue;
      const std::string_view limit = bytes == 2 ? "32,767" : "2,147,483,647";
      const std::string_view column = c.column();
      std::string what;  // "is a primary key that overflows at …"
      // A key is widened where it is declared; a column that references one goes with the
      // key it references (an identity on it would be a second, unrelated sequence).
      const std::string column_sql = quote_identifier(column);
      std::string help = fmt::format(
          "Make {0} a bigint ({0} bigint GENERATED ALWAYS AS IDENTITY for a key), and every "
          "column that references it bigint too.",
          column_sql);
      const QualifiedName table = table_of(s);
      const QualifiedName referenced = c.references() ? c.referenced_table() : QualifiedName{};
      const std::span<const TypedColumn> created =
          c.references() && s.is("CreateStmt") && referenced == table
              ? columns
              : std::span<const TypedColumn>{};
      const std::string ref_column =
          c.references() ? referenced_column(ctx, s, c, referenced, created) : "";
      const std::string ref = referenced_type(ctx, s, referenced, ref_column, created);
      const int ref_bytes = key_bytes(ref);
      const std::string key = ref_column.empty()
                                  ? referenced.display()
                                  : fmt::format("{}.{}", referenced.display(), ref_column);
      const std::string key_sql =
          ref_column.empty()
              ? referenced.sql()
              : fmt::format("{}.{}", referenced.sql(), quote_identifier_after_dot(ref_column));
      const std::string widen_with_key = fmt::format(
          "Make {} a bigint together with the key it references ({}) and every other column "
          "that references that key.",
          column_sql, key_sql);
      if (c.identity || serial_type(c.type)) {
        what = fmt::format("is {} that overflows at {}",
                           c.identity ? "an identity column" : "filled from a sequence", limit);
      } else if (c.references() && ref_bytes > bytes) {
        what = fmt::format("references the {} key {}: it overflows as soon as {} passes {}",
                           sql_name(ref), key, key, limit);
        help = fmt::format("Make {} {}, like the key it references ({}).", column_sql,
                           ref_bytes == 8 ? "a bigint" : "an integer", key_sql);
      } else if (c.references() && ref_bytes == bytes) {
        what =
            fmt::format("references the {} key {}: both overflow at {}", sql_name(ref), key, limit);
        help = widen_with_key;
      } else if (c.primary_key && c.references()) {
        what = fmt::format("is a primary key referencing {}: it overflows as soon as that key "
                           "passes {}",
                           key, limit);
        help = widen_with_key;
      } else if (c.primary_key) {
        what = fmt::format("is a primary key that overflows at {}", limit);
      }
      if (what.empty()) continue;
      const ByteSpan span = type_span(ctx.migration(), s, c.type_name());
      ctx.report(s, span,
                 fmt::format("{}.{} ({}) {}; after that every insert fails, and widening it "
                             "then rewrites the table and its indexes under an ACCESS "
                             "EXCLUSIVE lock",
                             table.display(), column, ctx.migration().text(span), what),
                 help);
    }
  }
}

}  // namespace

extern const RuleInfo type_int_key{
    .id = "type-int-key",
    .category = Category::Type,
    .severity = Severity::Info,
    .enabled_by_default = true,
    .summary = "An integer or smallint key (or a reference to one) overflows at 2^31, and "
               "widening it later rewrites the table.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
