#include "analysis/name_takeover.hpp"

namespace zd {

std::optional<RelationMove> relation_move(const Statement& s) {
  const Node n = s.node;
  std::string_view type;
  QualifiedName from = name_of_range_var(n.child("relation"));
  QualifiedName to = from;
  if (s.is("RenameStmt")) {
    type = n.str("renameType");
    to.name = std::string(n.str("newname"));
  } else if (s.is("AlterObjectSchemaStmt") && n.child("relation")) {
    type = n.str("objectType");
    to.schema = std::string(n.str("newschema"));
  } else {
    return std::nullopt;
  }
  if (type == "OBJECT_TABLE") return RelationMove{from, to, "table"};
  if (type == "OBJECT_VIEW") return RelationMove{from, to, "view"};
  if (type == "OBJECT_MATVIEW") return RelationMove{from, to, "materialized view"};
  return std::nullopt;
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

// The statements from `s` on that run in its transaction (`s` alone in autocommit).
template <typename Visit>
const Statement* find_in_transaction(const RuleContext& ctx, const Statement& s, Visit&& found) {
  const uint32_t tx = ctx.at(s).transaction;
  for (size_t i = s.index; i < ctx.statements().size(); ++i) {
    const Statement& t = ctx.statements()[i];
    if (i > s.index && (tx == 0 || ctx.at(t).transaction != tx)) break;
    if (found(t)) return &t;
  }
  return nullptr;
}

}  // namespace

const Statement* name_taken_over(const RuleContext& ctx, const Statement& s,
                                 const QualifiedName& name) {
  return find_in_transaction(ctx, s, [&](const Statement& t) {
    const auto move = relation_move(t);
    return t.index != s.index && (created_relation(t) == name || (move && move->to == name));
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
  return find_in_transaction(ctx, s, [&](const Statement& t) {
    const auto rename = type_rename(t);
    return t.index != s.index && (created_type(t) == name || (rename && rename->to == name));
  });
}

const Statement* column_taken_over(const RuleContext& ctx, const Statement& s,
                                   const QualifiedName& table, std::string_view column) {
  return find_in_transaction(ctx, s,
                             [&](const Statement& t) { return names_column(t, table, column); });
}

const Statement* column_dropped_after(const RuleContext& ctx, const Statement& s,
                                      const QualifiedName& table, std::string_view column) {
  return find_in_transaction(ctx, s, [&](const Statement& t) {
    return t.index != s.index && drops_column(t, table, column);
  });
}

}  // namespace zd
