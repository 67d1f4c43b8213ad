#include "analysis/column_types.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "lint/alter_table_walk.hpp"

namespace zd {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// A FOREIGN KEY constraint of the column alone.
void add_reference(TypedColumn& c, Node constraint) {
  c.references = true;
  c.referenced = constraint.child("pktable");
  const NodeList pk = constraint.list("pk_attrs");
  if (pk.size() == 1) c.referenced_column = pk[0].string_value();
}

// Words that end a type and start what follows it in a column definition.
bool ends_type(std::string_view word) {
  static constexpr std::array<std::string_view, 15> kWords = {
      "not",    "null",        "default",    "primary",    "references",
      "unique", "check",       "constraint", "generated",  "collate",
      "using",  "compression", "storage",    "deferrable", "initially"};
  return std::any_of(kWords.begin(), kWords.end(), [&](auto w) { return iequals(w, word); });
}

void add_column_def(std::vector<TypedColumn>& out, Node def, bool alter_type) {
  TypedColumn& c = out.emplace_back();
  c.column = def.str("colname");
  const Node type_name = def.child("typeName");
  c.type_node = type_name;
  c.type = builtin_type(type_name);
  c.alter_type = alter_type;
  for (const Node con : def.list("constraints")) {
    const auto t = con.str("contype");
    if (t == "CONSTR_PRIMARY") c.primary_key = true;
    if (t == "CONSTR_IDENTITY") c.identity = true;
    if (t == "CONSTR_FOREIGN") add_reference(c, con);
  }
}

TypedColumn* find(std::span<TypedColumn> columns, std::string_view name) {
  for (auto& c : columns) {
    if (c.column == name) return &c;
  }
  return nullptr;
}

// Appends the column types `s` sets, in statement order.
void add_typed_columns(std::vector<TypedColumn>& out, const Statement& s) {
  const Node n = s.node;
  if (s.is("CreateStmt")) {
    if (n.child("relation").str("relpersistence") == "t") return;
    const size_t first = out.size();
    for (const Node elt : n.list("tableElts")) {
      if (elt.is("ColumnDef")) add_column_def(out, elt, false);
    }
    // Table constraints on one column: PRIMARY KEY (id), FOREIGN KEY (a) REFERENCES t (b).
    const std::span<TypedColumn> created(out.begin() + static_cast<ptrdiff_t>(first), out.end());
    for (const Node elt : n.list("tableElts")) {
      if (!elt.is("Constraint")) continue;
      const auto t = elt.str("contype");
      const NodeList keys = elt.list(t == "CONSTR_FOREIGN" ? "fk_attrs" : "keys");
      if (keys.size() != 1) continue;
      TypedColumn* c = find(created, keys[0].string_value());
      if (!c) continue;
      if (t == "CONSTR_PRIMARY") c->primary_key = true;
      if (t == "CONSTR_FOREIGN") add_reference(*c, elt);
    }
  } else if (s.is("AlterTableStmt") && n.str("objtype") == "OBJECT_TABLE") {
    for (const Node cmd : n.list("cmds")) {
      const auto subtype = cmd.str("subtype");
      if (subtype == "AT_AddColumn" || subtype == "AT_AddColumnRecurse") {
        add_column_def(out, cmd.child("def"), false);
      } else if (subtype == "AT_AlterColumnType") {
        add_column_def(out, cmd.child("def"), true);
        out.back().column = cmd.str("name");
      }
    }
  }
}

}  // namespace

std::string_view builtin_type(Node type_name) {
  const NodeList names = type_name.list("names");
  if (names.size() == 2 && names[0].string_value() != "pg_catalog") return {};
  if (names.size() > 2 || names.empty()) return {};
  return last_name(names);
}

bool has_typmods(Node type_name) { return !type_name.list("typmods").empty(); }

bool keeps_type(const RuleContext& ctx, const Statement& s, const TypedColumn& c, Same same) {
  if (!c.alter_type) return false;
  const ColumnState* before = ctx.catalog().column(table_of(s), c.column, ctx.sequence(s));
  if (!before || !before->type.known()) return false;
  const ColumnType after = column_type_of(c.type_name());
  if (same == Same::Modifiers) return before->type == after;
  return before->type.name == after.name && before->type.array == after.array;
}

QualifiedName table_of(const Statement& s) { return name_of_range_var(s.node.child("relation")); }

const std::vector<StatementColumns>& typed_columns(const RuleContext& ctx) {
  auto& memo = ctx.memo().typed_columns;
  if (memo) return memo->statements;
  memo.emplace();
  // A statement's span is taken once the array stops growing: its size first.
  std::vector<uint32_t> counts;
  for (const Statement& s : ctx.statements()) {
    const size_t before = memo->columns.size();
    add_typed_columns(memo->columns, s);
    if (memo->columns.size() == before) continue;
    memo->statements.push_back({s, {}});
    counts.push_back(static_cast<uint32_t>(memo->columns.size() - before));
  }
  const TypedColumn* next = memo->columns.data();
  for (size_t i = 0; i < counts.size(); ++i) {
    memo->statements[i].columns = {next, counts[i]};
    next += counts[i];
  }
  return memo->statements;
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
