#include "analysis/slow_statement.hpp"

#include "analysis/unbatched_dml.hpp"

namespace zd {
namespace {

std::string_view statement_name(const Statement& s) {
  const std::string_view kind = s.kind();
  if (kind == "AlterTableStmt") return "ALTER TABLE";
  if (kind == "IndexStmt") return "CREATE INDEX";
  if (kind == "ReindexStmt") return "REINDEX";
  // ANALYZE parses as a VacuumStmt too.
  if (kind == "VacuumStmt") return s.node.flag("is_vacuumcmd") ? "VACUUM" : "ANALYZE";
  if (kind == "ClusterStmt") return "CLUSTER";
  if (kind == "RefreshMatViewStmt") return "REFRESH MATERIALIZED VIEW";
  if (kind == "AlterDomainStmt") return "ALTER DOMAIN";
  return kind;
}

}  // namespace

Slowness slowness_of(const RuleContext& ctx, const Statement& s) {
  if (s.error) return {};
  if (s.is("UpdateStmt") || s.is("DeleteStmt")) {
    const UnbatchedDml* dml = unbatched_dml(ctx, s);
    if (!dml) return {};
    return {true, std::string(s.is("UpdateStmt") ? "UPDATE" : "DELETE") + " of " +
                      dml->table->relation.display()};
  }
  if (s.is("InsertStmt")) {
    // INSERT … SELECT … FROM copies rows; INSERT … VALUES is bounded by its text.
    const Node select = s.node.child("selectStmt");
    if (select.list("fromClause").empty()) return {};
    return {true, "INSERT … SELECT into " + name_of_range_var(s.node.child("relation")).display()};
  }
  if (s.is("CreateTableAsStmt")) return {true, "CREATE TABLE … AS (copies the query's rows)"};
  const LockFacts& facts = ctx.locks(s);
  const bool heavy = facts.scan() == Tri::Yes || facts.rewrite() == Tri::Yes || facts.builds_index();
  if (!heavy) return {};
  for (const auto& l : facts.locks) {
    if (l.role != RelationRole::Referenced && ctx.on_existing(l, s)) {
      return {true, std::string(statement_name(s)) + " on " + l.what()};
    }
  }
  return {};
}

}  // namespace zd
