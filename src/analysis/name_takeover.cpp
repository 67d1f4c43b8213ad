#include "analysis/name_takeover.hpp"

#include <algorithm>

#include "lint/alter_table_walk.hpp"

namespace zd {

std::optional<RelationMove> relation_move(const Statement& s) {
  // Asked of every statement of a file by two rules: the names are read only for a move.
  const Node n = s.node;
  const bool rename = s.is("RenameStmt");
  if (!rename && !(s.is("AlterObjectSchemaStmt") && n.child("relation"))) return std::nullopt;
  const auto type = rename ? n.str("renameType") : n.str("objectType");
  const char* kind = type == "OBJECT_TABLE"     ? "table"
                     : type == "OBJECT_VIEW"    ? "view"
                     : type == "OBJECT_MATVIEW" ? "materialized view"
                                                : nullptr;
  if (kind == nullptr) return std::nullopt;
  QualifiedName from = name_of_range_var(n.child("relation"));
  QualifiedName to = from;
  if (rename) {
    to.name = std::string(n.str("newname"));
  } else {
    to.schema = std::string(n.str("newschema"));
  }
  return RelationMove{std::move(from), std::move(to), kind};
}

namespace {

// Does an ALTER TABLE or RENAME COLUMN statement give `table` a column named `column`?
bool names_column(const Statement& t, const QualifiedName& table, std::string_view column) {
  if (!t.is("RenameStmt") && !t.is("AlterTableStmt")) return false;
  if (name_of_range_var(t.node.child("relation")) != table) return false;
  if (t.is("RenameStmt")) {
    return t.node.str("renameType") == "OBJECT_COLUMN" && t.node.str("newname") == column;
  }
  for (const Node cmd : t.node.list("cmds")) {
    if (cmd.str("subtype") == "AT_AddColumn" && cmd.child("def").str("colname") == column) {
      return true;
    }
  }
  return false;
}

bool drops_column(const Statement& t, const QualifiedName& table, std::string_view column) {
  if (!t.is("AlterTableStmt") || name_of_range_var(t.node.child("relation")) != table) {
    return false;
  }
  for (const Node cmd : t.node.list("cmds")) {
    if (cmd.str("subtype") == "AT_DropColumn" && cmd.str("name") == column) return true;
  }
  return false;
}

// The relation a statement creates, if it creates one.
std::optional<QualifiedName> created_relation(const Statement& s) {
  if (s.is("CreateStmt")) return name_of_range_var(s.node.child("relation"));
  if (s.is("ViewStmt")) return name_of_range_var(s.node.child("view"));
  if (s.is("CreateTableAsStmt")) return name_of_range_var(s.node.child("into").child("rel"));
  return std::nullopt;
}

// The type a statement creates, if it creates one.
std::optional<QualifiedName> created_type(const Statement& s) {
  if (s.is("CreateEnumStmt") || s.is("CreateRangeStmt")) {
    return name_of_list(s.node.list("typeName"));
  }
  if (s.is("CreateDomainStmt")) return name_of_list(s.node.list("domainname"));
  if (s.is("CompositeTypeStmt")) return name_of_range_var(s.node.child("typevar"));
  if (s.is("DefineStmt") && s.node.str("kind") == "OBJECT_TYPE") {
    return name_of_list(s.node.list("defnames"));
  }
  return std::nullopt;
}

enum class Naming : uint8_t { Relation, Type, Column, DroppedColumn };

uint64_t naming_hash(Naming kind, const QualifiedName& name, std::string_view column = {}) {
  const uint64_t h = std::hash<QualifiedName>{}(name);
  const uint64_t c = zd::name_hash(column);
  return ((h ^ (c + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2))) << 2) |
         static_cast<uint64_t>(kind);
}

const NameChanges& name_changes(const RuleContext& ctx) {
  return ctx.memo().name_changes.get([&](NameChanges& changes) {
    auto& entries = changes.entries;
    for (const Statement& t : ctx.statements()) {
      const auto add = [&](Naming kind, const QualifiedName& name, std::string_view column = {}) {
        entries.push_back({naming_hash(kind, name, column), t.index});
      };
      if (const auto created = created_relation(t)) add(Naming::Relation, *created);
      if (const auto move = relation_move(t)) add(Naming::Relation, move->to);
      if (const auto created = created_type(t)) add(Naming::Type, *created);
      if (const auto rename = type_rename(t)) add(Naming::Type, rename->to);
      if (t.is("RenameStmt") && t.node.str("renameType") == "OBJECT_COLUMN") {
        add(Naming::Column, name_of_range_var(t.node.child("relation")), t.node.str("newname"));
      }
      if (!t.is("AlterTableStmt")) continue;
      const QualifiedName table = name_of_range_var(t.node.child("relation"));
      for (const Node cmd : t.node.list("cmds")) {
        const auto subtype = cmd.str("subtype");
        if (subtype == "AT_AddColumn") add(Naming::Column, table, cmd.child("def").str("colname"));
        if (subtype == "AT_DropColumn") add(Naming::DroppedColumn, table, cmd.str("name"));
      }
    }
    std::sort(entries.begin(), entries.end());
  });
}

// The first statement of the transaction of `s`, from the statement numbered `from` on,
// that `found` confirms. Where the rest of the transaction is long, only the statements the
// index lists under `name` are asked (two names can share a hash); a short rest costs less
// to read than the index costs to build.
template <typename Confirm>
const Statement* find_in_transaction(const RuleContext& ctx, const Statement& s, uint32_t from,
                                     uint64_t name, Confirm&& found) {
  constexpr uint32_t kReadDirectly = 64;
  const uint32_t end = ctx.transaction_of(s).end;
  if (end <= from + kReadDirectly) {
    for (uint32_t i = from; i < end; ++i) {
      if (found(ctx.statements()[i])) return &ctx.statements()[i];
    }
    return nullptr;
  }
  const auto& entries = name_changes(ctx).entries;
  for (auto it = std::lower_bound(entries.begin(), entries.end(), NameChanges::Entry{name, from});
       it != entries.end() && it->name == name && it->statement < end; ++it) {
    const Statement& t = ctx.statements()[it->statement];
    if (found(t)) return &t;
  }
  return nullptr;
}

}  // namespace

const Statement* name_taken_over(const RuleContext& ctx, const Statement& s,
                                 const QualifiedName& name) {
  return find_in_transaction(
      ctx, s, s.index + 1, naming_hash(Naming::Relation, name), [&](const Statement& t) {
        const auto move = relation_move(t);
        return created_relation(t) == name || (move && move->to == name);
      });
}

std::optional<TypeRename> type_rename(const Statement& s) {
  if (!s.is("RenameStmt")) return std::nullopt;
  const auto type = s.node.str("renameType");
  if (type != "OBJECT_TYPE" && type != "OBJECT_DOMAIN") return std::nullopt;
  const QualifiedName from = name_of_list(s.node.child("object").list("items"));
  // RENAME TO keeps the type in its schema.
  return TypeRename{from, QualifiedName{from.schema, std::string(s.node.str("newname"))},
                    type == "OBJECT_DOMAIN" ? "domain" : "type"};
}

const Statement* type_name_taken_over(const RuleContext& ctx, const Statement& s,
                                      const QualifiedName& name) {
  return find_in_transaction(
      ctx, s, s.index + 1, naming_hash(Naming::Type, name), [&](const Statement& t) {
        const auto rename = type_rename(t);
        return created_type(t) == name || (rename && rename->to == name);
      });
}

const Statement* column_taken_over(const RuleContext& ctx, const Statement& s,
                                   const QualifiedName& table, std::string_view column) {
  return find_in_transaction(ctx, s, s.index, naming_hash(Naming::Column, table, column),
                             [&](const Statement& t) { return names_column(t, table, column); });
}

const Statement* column_dropped_after(const RuleContext& ctx, const Statement& s,
                                      const QualifiedName& table, std::string_view column) {
  return find_in_transaction(ctx, s, s.index + 1, naming_hash(Naming::DroppedColumn, table, column),
                             [&](const Statement& t) { return drops_column(t, table, column); });
}

}  // namespace zd
