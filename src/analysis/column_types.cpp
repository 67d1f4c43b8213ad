#include "analysis/column_types.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "lint/alter_table_walk.hpp"
#include "source/ascii_case.hpp"

namespace zd {
namespace {

// Words that end a type and start what follows it in a column definition.
bool ends_type(std::string_view word) {
  static constexpr std::array<std::string_view, 15> kWords = {
      "not",    "null",        "default",    "primary",    "references",
      "unique", "check",       "constraint", "generated",  "collate",
      "using",  "compression", "storage",    "deferrable", "initially"};
  return std::any_of(kWords.begin(), kWords.end(), [&](auto w) { return iequals(w, word); });
}

// Calls `visit(definition, alter_type)` for each column `s` types, in statement order, with
// TypedColumn's `definition`.
template <typename Visit>
void for_each_typed_column(const Statement& s, Visit&& visit) {
  const Node n = s.node;
  if (s.is("CreateStmt")) {
    if (n.child("relation").str("relpersistence") == "t") return;
    for (const Node elt : n.list("tableElts")) {
      if (elt.is("ColumnDef")) visit(elt, false);
    }
  } else if (s.is("AlterTableStmt") && n.str("objtype") == "OBJECT_TABLE") {
    for (const Node cmd : n.list("cmds")) {
      const auto subtype = cmd.str("subtype");
      if (subtype == "AT_AddColumn" || subtype == "AT_AddColumnRecurse") {
        visit(cmd.child("def"), false);
      } else if (subtype == "AT_AlterColumnType") {
        visit(cmd, true);
      }
    }
  }
}

void add_column(std::vector<TypedColumn>& out, Node definition, bool alter_type) {
  TypedColumn& c = out.emplace_back();
  c.definition = definition;
  c.alter_type = alter_type;
  c.type = builtin_type(c.type_name());
  for (const Node con : (alter_type ? definition.child("def") : definition).list("constraints")) {
    const auto t = con.str("contype");
    if (t == "CONSTR_PRIMARY") c.primary_key = true;
    if (t == "CONSTR_IDENTITY") c.identity = true;
    if (t == "CONSTR_FOREIGN") c.foreign_key = con;
  }
}

TypedColumn* find(std::span<TypedColumn> columns, std::string_view name) {
  for (auto& c : columns) {
    if (c.column() == name) return &c;
  }
  return nullptr;
}

// Appends the column types `s` sets, in statement order.
void add_typed_columns(std::vector<TypedColumn>& out, const Statement& s) {
  const size_t first = out.size();
  for_each_typed_column(s, [&](Node definition, bool alter_type) {
    add_column(out, definition, alter_type);
  });
  if (out.size() == first || !s.is("CreateStmt")) return;
  // Table constraints on one column: PRIMARY KEY (id), FOREIGN KEY (a) REFERENCES t (b).
  const std::span<TypedColumn> created(out.begin() + static_cast<ptrdiff_t>(first), out.end());
  for (const Node elt : s.node.list("tableElts")) {
    if (!elt.is("Constraint")) continue;
    const auto t = elt.str("contype");
    const NodeList keys = elt.list(t == "CONSTR_FOREIGN" ? Key("fk_attrs") : Key("keys"));
    if (keys.size() != 1) continue;
    TypedColumn* c = find(created, keys[0].string_value());
    if (!c) continue;
    if (t == "CONSTR_PRIMARY") c->primary_key = true;
    if (t == "CONSTR_FOREIGN") c->foreign_key = elt;
  }
}

}  // namespace

std::string_view TypedColumn::column() const {
  return definition.str(alter_type ? Key("name") : Key("colname"));
}

Node TypedColumn::type_name() const {
  return (alter_type ? definition.child("def") : definition).child("typeName");
}

QualifiedName TypedColumn::referenced_table() const {
  return name_of_range_var(foreign_key.child("pktable"));
}

std::string_view TypedColumn::referenced_column() const {
  const NodeList pk = foreign_key.list("pk_attrs");
  return pk.size() == 1 ? pk[0].string_value() : std::string_view{};
}

std::string_view builtin_type(Node type_name) {
  const NodeList names = type_name.list("names");
  if (names.size() == 2 && names[0].string_value() != "pg_catalog") return {};
  if (names.size() > 2 || names.empty()) return {};
  return last_name(names);
}

bool has_typmods(Node type_name) { return !type_name.list("typmods").empty(); }

bool keeps_type(const RuleContext& ctx, const Statement& s, const TypedColumn& c, Same same) {
  if (!c.alter_type) return false;
  const ColumnState* before = ctx.catalog().column(table_of(s), c.column(), ctx.sequence(s));
  if (!before || !before->type->known()) return false;
  const ColumnType after = column_type_of(c.type_name());
  if (same == Same::Modifiers) return *before->type == after;
  return before->type->name == after.name && before->type->array == after.array;
}

QualifiedName table_of(const Statement& s) { return name_of_range_var(s.node.child("relation")); }

const std::vector<StatementColumns>& typed_columns(const RuleContext& ctx) {
  return ctx.memo().typed_columns.get([&](FileColumns& memo) {
    // Both arrays are allocated once, for a bound on their size (a CREATE TABLE types at most
    // one column per element, an ALTER TABLE one per subcommand): grown by doubling they were
    // copied at each growth, old and new copies alive together while the whole file's model
    // is, and capacity past the last column is never written, so it costs no memory while its
    // pages are fresh.
    size_t columns = 0;
    size_t statements = 0;
    for (const Statement& s : ctx.statements()) {
      const size_t before = columns;
      const std::string_view kind = s.kind();
      if (kind == "CreateStmt") columns += s.node.list("tableElts").size();
      if (kind == "AlterTableStmt") columns += s.node.list("cmds").size();
      statements += columns == before ? 0 : 1;
    }
    memo.columns.reserve(columns);
    memo.statements.reserve(statements);
    for (const Statement& s : ctx.statements()) {
      const size_t first = memo.columns.size();
      add_typed_columns(memo.columns, s);
      if (memo.columns.size() == first) continue;
      memo.statements.push_back({s, std::span<const TypedColumn>(memo.columns).subspan(first)});
    }
  }).statements;
}

ByteSpan type_span(const Migration& m, const Statement& s, Node type_name) {
  const auto loc = type_name.location();
  if (!loc) return s.span;
  const uint32_t at = s.file_offset(*loc);
  auto it = std::lower_bound(s.tokens.begin(), s.tokens.end(), at,
                             [](const pg::Token& t, uint32_t o) { return t.end <= o; });
  if (it == s.tokens.end()) return {at, at};
  const uint32_t begin = it->begin;
  uint32_t end = it->end;
  int depth = 0;
  for (++it; it != s.tokens.end(); ++it) {
    const auto kind = it->kind;
    if (kind == pg::kOpenParen || kind == pg::kOpenBracket) {
      ++depth;
    } else if (kind == pg::kCloseParen || kind == pg::kCloseBracket) {
      if (depth == 0) break;
      --depth;
    } else if (depth == 0) {
      const bool name = kind == pg::kIdent || it->keyword_kind != 0;
      if (kind == pg::kComma || kind == pg::kSemicolon || (!name && kind != pg::kDot)) break;
      if (name && ends_type(m.text({it->begin, it->end}))) break;
    }
    end = it->end;
  }
  return {begin, end};
}

}  // namespace zd
