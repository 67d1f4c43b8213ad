// A name the running application uses changing hands: the statements that give a relation
// or a type another name (RENAME, SET SCHEMA), another relation or type taking over its
// name, as in a table swap (`ALTER TABLE t RENAME TO t_old; ALTER TABLE t_new RENAME TO
// t;`), and another column taking over a column's name (`DROP COLUMN c, ADD COLUMN c <new
// type>`).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "lint/rule.hpp"
#include "model/names.hpp"

namespace zd {

// The statements of a file that name a relation, a type or a column (create it, rename or
// move something to it, add it) or that drop a column, sorted by a hash of that name, then
// by statement. A file run as one transaction asks, for each rename or drop, which later
// statement of it names the same thing: walking the rest of the transaction each time is
// quadratic in its length (one dump of 100,000 statements), looking it up here is not.
// Built once per file, by the first rule that asks (RuleMemo).
struct NameChanges {
  struct Entry {
    uint64_t name;  // the hash
    uint32_t statement;
    friend auto operator<=>(const Entry&, const Entry&) = default;
  };
  std::vector<Entry> entries;
};

// The relation a rename or SET SCHEMA applies to, and what it becomes.
struct RelationMove {
  QualifiedName from;
  QualifiedName to;
  std::string_view what;  // "table", "view", "materialized view"
};
std::optional<RelationMove> relation_move(const Statement& s);

// The later statement of the same transaction as `s` that makes `name` a relation again:
// a CREATE TABLE, VIEW, MATERIALIZED VIEW or TABLE AS under that name, or the rename (or
// SET SCHEMA) of another relation to it. The application, which names the relation, finds
// one there as soon as the transaction commits. nullptr when no statement does (and always
// outside a transaction: in between, its queries fail).
const Statement* name_taken_over(const RuleContext& ctx, const Statement& s,
                                 const QualifiedName& name);

// The type (enum, composite, range: ALTER TYPE; domain: ALTER DOMAIN) a RENAME TO applies
// to, and its new name.
struct TypeRename {
  QualifiedName from;
  QualifiedName to;
  std::string_view what;  // "type", "domain"
};
std::optional<TypeRename> type_rename(const Statement& s);

// As name_taken_over(), for a type: the later statement of the same transaction that
// creates a type or domain under `name` (enums, domains and the rest share one namespace),
// or renames another one to it.
const Statement* type_name_taken_over(const RuleContext& ctx, const Statement& s,
                                      const QualifiedName& name);

// The ALTER TABLE, from `s` itself on, in the same transaction, that gives `table` a column
// named `column` again: ADD COLUMN of that name, or RENAME COLUMN of another one to it.
// The application's queries on the column keep working, against another column. nullptr
// when none does.
const Statement* column_taken_over(const RuleContext& ctx, const Statement& s,
                                   const QualifiedName& table, std::string_view column);

// The ALTER TABLE, after `s` in the same transaction, that drops `table`.`column`, leaving
// nobody to see what `s` did to it. nullptr when none does.
const Statement* column_dropped_after(const RuleContext& ctx, const Statement& s,
                                      const QualifiedName& table, std::string_view column);

}  // namespace zd
