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

// Words that end a type and start what follows it in a column definition.
bool ends_type(std::string_view word) {
  static constexpr std::array<std::string_view, 15> kWords = {
      "not",    "null",        "default",    "primary",    "references",
      "unique", "check",       "constraint", "generated",  "collate",
      "using",  "compression", "storage",    "deferrable", "initially"};
  return std::any_of(kWords.begin(), kWords.end(), [&](auto w) { return iequals(w, word); });
}

void add_column_def(std::vector<TypedColumn>& out, const QualifiedName& table, Node def,
                    bool alter_type) {
  TypedColumn c;
  c.table = table;
  c.column = def.str("colname");
  c.type_name = def.child("typeName");
  c.type = builtin_type(c.type_name);
  c.alter_type = alter_type;
  for (const Node con : def.list("constraints")) {
    const auto t = con.str("contype");
    if (t == "CONSTR_PRIMARY") c.primary_key = true;
    if (t == "CONSTR_IDENTITY") c.identity = true;
    if (t == "CONSTR_FOREIGN") {
      c.references = true;
      c.referenced_table = name_of_range_var(con.child("pktable"));
      const NodeList pk = con.list("pk_attrs");
      if (pk.size() == 1) c.referenced_column = pk[0].string_value();
    }
  }
  out.push_back(c);
}

TypedColumn* find(std::vector<TypedColumn>& columns, std::string_view name) {
  for (auto& c : columns) {
    if (c.column == name) return &c;
  }
  return nullptr;
}

}  // namespace

std::string_view builtin_type(Node type_name) {
  const NodeList names = type_name.list("names");
  if (names.size() == 2 && names[0].string_value() != "pg_catalog") return {};
  if (names.size() > 2 || names.empty()) return {};
  return last_name(names);
}

bool has_typmods(Node type_name) { return !type_name.list("typmods").empty(); }

bool keeps_type(const Catalog& catalog, uint32_t seq, const TypedColumn& c, Same same) {
  if (!c.alter_type) return false;
  const ColumnState* before = catalog.column(c.table, c.column, seq);
  if (!before || !before->type.known()) return false;
  const ColumnType after = column_type_of(c.type_name);
  if (same == Same::Modifiers) return before->type == after;
  return before->type.name == after.name && before->type.array == after.array;
}

std::vector<TypedColumn> typed_columns(const Statement& s) {
  std::vector<TypedColumn> out;
  const Node n = s.node;
  if (s.is("CreateStmt")) {
    const Node rel = n.child("relation");
    if (rel.str("relpersistence") == "t") return out;
    const QualifiedName table = name_of_range_var(rel);
    for (const Node elt : n.list("tableElts")) {
      if (elt.is("ColumnDef")) add_column_def(out, table, elt, false);
    }
    // Table constraints on one column: PRIMARY KEY (id), FOREIGN KEY (a) REFERENCES t (b).
    for (const Node elt : n.list("tableElts")) {
      if (!elt.is("Constraint")) continue;
      const auto t = elt.str("contype");
      const NodeList keys = elt.list(t == "CONSTR_FOREIGN" ? "fk_attrs" : "keys");
      if (keys.size() != 1) continue;
      TypedColumn* c = find(out, keys[0].string_value());
      if (!c) continue;
      if (t == "CONSTR_PRIMARY") c->primary_key = true;
      if (t == "CONSTR_FOREIGN") {
        c->references = true;
        c->referenced_table = name_of_range_var(elt.child("pktable"));
        const NodeList pk = elt.list("pk_attrs");
        if (pk.size() == 1) c->referenced_column = pk[0].string_value();
      }
    }
  } else if (s.is("AlterTableStmt") && n.str("objtype") == "OBJECT_TABLE") {
    const QualifiedName table = name_of_range_var(n.child("relation"));
    for (const Node cmd : n.list("cmds")) {
      const auto subtype = cmd.str("subtype");
      if (subtype == "AT_AddColumn" || subtype == "AT_AddColumnRecurse") {
        add_column_def(out, table, cmd.child("def"), false);
      } else if (subtype == "AT_AlterColumnType") {
        add_column_def(out, table, cmd.child("def"), true);
        out.back().column = cmd.str("name");
      }
    }
  }
  return out;
}

const std::vector<StatementColumns>& typed_columns(const RuleContext& ctx) {
  auto& memo = ctx.memo().typed_columns;
  if (memo) return *memo;
  memo.emplace();
  for (const Statement& s : ctx.statements()) {
    if (auto columns = typed_columns(s); !columns.empty()) {
      memo->push_back({s, std::move(columns)});
    }
  }
  return *memo;
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
