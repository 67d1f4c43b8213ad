#include "analysis/batching.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>
#include <string>

#include "model/names.hpp"

namespace zd {
namespace {

std::string_view column_of(Node n) {
  if (n.is("TypeCast")) return column_of(n.child("arg"));
  if (!n.is("ColumnRef")) return {};
  return last_name(n.list("fields"));
}

bool is_constant(Node n) {
  if (n.is("TypeCast")) return is_constant(n.child("arg"));
  return n.is("A_Const") || n.is("ParamRef");
}

// A scalar subquery, `(SELECT id FROM …)`: one value (more rows are an error).
bool is_scalar_subquery(Node n) {
  if (n.is("TypeCast")) return is_scalar_subquery(n.child("arg"));
  return n.is("SubLink") && n.str("subLinkType") == "EXPR_SUBLINK";
}

// A key by its name, or one the catalog knows to be unique. `oid` is the key of every
// system catalog.
bool is_key_column(std::string_view c, Keys unique) {
  return c == "id" || c == "uuid" || c == "pk" || c == "ctid" || c == "oid" ||
         c.ends_with("_id") || c.ends_with("_uuid") || c.ends_with("_pk") ||
         std::find(unique.begin(), unique.end(), c) != unique.end();
}

// A sub-select whose own outermost SELECT has a LIMIT (not LIMIT ALL). A LIMIT further
// inside, in its WHERE, bounds nothing: the sub-select below it is not descended into.
bool has_limited_subselect(Node n) {
  bool found = false;
  walk(n, [&](Node x) {
    if (found) return false;
    if (!x.is("SelectStmt")) return true;
    const Node limit = x.child("limitCount");
    found = limit && !(limit.is("A_Const") && limit.flag("isnull"));
    return false;
  });
  return found;
}

// One side of a range: `col >= c` (lower) or `col < c` (upper) on a column.
struct RangeSide {
  std::string column;
  bool lower = false;
};

std::optional<RangeSide> range_side(Node e) {
  if (!e.is("A_Expr") || e.str("kind") != "AEXPR_OP") return std::nullopt;
  const auto op = last_name(e.list("name"));
  const Node l = e.child("lexpr");
  const Node r = e.child("rexpr");
  const bool lower_op = op == ">" || op == ">=";
  const bool upper_op = op == "<" || op == "<=";
  if (!lower_op && !upper_op) return std::nullopt;
  if (!column_of(l).empty() && is_constant(r)) return RangeSide{std::string(column_of(l)), lower_op};
  if (!column_of(r).empty() && is_constant(l)) return RangeSide{std::string(column_of(r)), upper_op};
  return std::nullopt;
}

bool single_condition_bounds(Node e, Keys unique) {
  if (e.is("SubLink")) return has_limited_subselect(e);
  if (!e.is("A_Expr")) return false;
  const auto kind = e.str("kind");
  const Node l = e.child("lexpr");
  const Node r = e.child("rexpr");
  if (kind == "AEXPR_OP" && last_name(e.list("name")) == "=") {
    const auto one_value = [](Node v) { return is_constant(v) || is_scalar_subquery(v); };
    if (is_key_column(column_of(l), unique) && one_value(r)) return true;
    if (is_key_column(column_of(r), unique) && one_value(l)) return true;
    return has_limited_subselect(e);
  }
  if (kind == "AEXPR_OP_ANY" || kind == "AEXPR_IN") {
    if (has_limited_subselect(e)) return true;
    if (!is_key_column(column_of(l), unique)) return false;
    if (kind == "AEXPR_IN") return true;  // a literal list
    return r.is("A_ArrayExpr") || is_constant(r);
  }
  if (kind == "AEXPR_BETWEEN") return !column_of(l).empty();
  return false;
}

}  // namespace

bool where_bounds_a_batch(Node where, Keys unique) {
  if (!where) return false;
  if (where.is("BoolExpr")) {
    const auto op = where.str("boolop");
    const NodeList args = where.list("args");
    if (op == "AND_EXPR") {
      std::vector<RangeSide> sides;
      for (const Node a : args) {
        if (where_bounds_a_batch(a, unique)) return true;
        if (auto side = range_side(a)) {
          for (const auto& other : sides) {
            if (other.column == side->column && other.lower != side->lower) return true;
          }
          sides.push_back(std::move(*side));
        }
      }
      return false;
    }
    if (op == "OR_EXPR") {
      for (const Node a : args) {
        if (!where_bounds_a_batch(a, unique)) return false;
      }
      return !args.empty();
    }
    return false;
  }
  return single_condition_bounds(where, unique);
}

namespace {

bool is_limited_select(Node select) {
  if (!select.is("SelectStmt")) return false;
  const Node limit = select.child("limitCount");
  return limit && !(limit.is("A_Const") && limit.flag("isnull"));
}

bool contains(const std::vector<std::string_view>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// `b.id` where b is one of `batches`.
bool is_column_of(Node n, const std::vector<std::string_view>& batches) {
  if (n.is("TypeCast")) return is_column_of(n.child("arg"), batches);
  const NodeList fields = n.is("ColumnRef") ? n.list("fields") : NodeList{};
  return fields.size() >= 2 && contains(batches, fields[fields.size() - 2].string_value());
}

// `t.id = b.id` with b a LIMITed relation, or `id IN (SELECT id FROM cte)` with cte a
// LIMITed common table expression.
bool joins_a_batch(Node e, const std::vector<std::string_view>& batches,
                   const std::vector<std::string_view>& ctes) {
  if (e.is("A_Expr") && e.str("kind") == "AEXPR_OP" && last_name(e.list("name")) == "=") {
    return is_column_of(e.child("lexpr"), batches) || is_column_of(e.child("rexpr"), batches);
  }
  if (e.is("SubLink") && e.str("subLinkType") == "ANY_SUBLINK") {
    for (const Node from : e.child("subselect").list("fromClause")) {
      if (from.is("RangeVar") && from.str("schemaname").empty() &&
          contains(ctes, from.str("relname"))) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

bool dml_bounds_a_batch(Node stmt, Keys unique) {
  const Node where = stmt.child("whereClause");
  if (where_bounds_a_batch(where, unique)) return true;
  if (!where) return false;
  // WITH batch AS (SELECT … LIMIT n) …, FROM/USING (SELECT … LIMIT n) b …
  std::vector<std::string_view> ctes;
  for (const Node cte : stmt.child("withClause").list("ctes")) {
    if (is_limited_select(cte.child("ctequery"))) ctes.push_back(cte.str("ctename"));
  }
  std::vector<std::string_view> batches;
  const Key joined = stmt.is("DeleteStmt") ? Key("usingClause") : Key("fromClause");
  for (const Node from : stmt.list(joined)) {
    const auto alias = from.child("alias").str("aliasname");
    if (from.is("RangeSubselect") && is_limited_select(from.child("subquery"))) {
      batches.push_back(alias);
    } else if (from.is("RangeVar") && from.str("schemaname").empty() &&
               contains(ctes, from.str("relname"))) {
      batches.push_back(alias.empty() ? from.str("relname") : alias);
    }
  }
  if (batches.empty() && ctes.empty()) return false;
  if (joins_a_batch(where, batches, ctes)) return true;
  if (where.is("BoolExpr") && where.str("boolop") == "AND_EXPR") {
    for (const Node a : where.list("args")) {
      if (joins_a_batch(a, batches, ctes)) return true;
    }
  }
  return false;
}

bool is_runner_bookkeeping_table(std::string_view table) {
  static constexpr std::array<std::string_view, 10> kTables = {
      "alembic_version",   "schema_migrations",    "flyway_schema_history",
      "goose_db_version",  "django_migrations",    "__diesel_schema_migrations",
      "_prisma_migrations", "ar_internal_metadata", "schema_version",
      "schema_info"};  // Sequel
  for (const auto t : kTables) {
    if (t == table) return true;
  }
  return false;
}

}  // namespace zd
