// ALTER TABLE: every subcommand has its own lock level, rewrite and scan; the statement
// takes the strongest lock of its subcommands and pays one rewrite for all of them.
#include <string>
#include <unordered_map>

#include "locks/column_definition.hpp"
#include "locks/predict.hpp"
#include "locks/type_change.hpp"

namespace zd::locks_detail {
namespace {

using enum LockMode;

struct Row {
  LockMode mode;
  Tri rewrite = Tri::No;
  Tri scan = Tri::No;
  const char* why = "";
};

// Subcommands whose effect does not depend on their arguments (PostgreSQL 15;
// version differences are applied in `predict_alter_table`).
const std::unordered_map<std::string_view, Row>& fixed_rows() {
  static const std::unordered_map<std::string_view, Row> rows = {
      {"AT_ColumnDefault", {AccessExclusive}},
      {"AT_CookedColumnDefault", {AccessExclusive}},
      {"AT_DropNotNull", {AccessExclusive}},
      {"AT_SetNotNull", {AccessExclusive, Tri::No, Tri::Yes,
                         "SET NOT NULL reads every row to check for NULLs"}},
      {"AT_CheckNotNull", {AccessExclusive}},
      {"AT_DropExpression", {AccessExclusive}},
      {"AT_SetStatistics", {ShareUpdateExclusive}},
      {"AT_SetOptions", {ShareUpdateExclusive}},
      {"AT_ResetOptions", {ShareUpdateExclusive}},
      {"AT_SetStorage", {AccessExclusive}},
      {"AT_SetCompression", {AccessExclusive}},
      {"AT_DropColumn", {AccessExclusive}},
      {"AT_DropColumnRecurse", {AccessExclusive}},
      {"AT_AlterConstraint", {AccessExclusive}},
      {"AT_ValidateConstraint", {ShareUpdateExclusive, Tri::No, Tri::Yes,
                                 "VALIDATE reads every row, without blocking reads or writes"}},
      {"AT_ValidateConstraintRecurse", {ShareUpdateExclusive, Tri::No, Tri::Yes,
                                        "VALIDATE reads every row"}},
      {"AT_DropConstraint", {AccessExclusive}},
      {"AT_DropConstraintRecurse", {AccessExclusive}},
      {"AT_AlterColumnGenericOptions", {AccessExclusive}},
      {"AT_ChangeOwner", {AccessExclusive}},
      {"AT_ClusterOn", {ShareUpdateExclusive}},
      {"AT_DropCluster", {ShareUpdateExclusive}},
      {"AT_SetLogged", {AccessExclusive, Tri::Yes, Tri::Yes, "SET LOGGED rewrites the table"}},
      {"AT_SetUnLogged", {AccessExclusive, Tri::Yes, Tri::Yes, "SET UNLOGGED rewrites the table"}},
      {"AT_DropOids", {AccessExclusive}},
      {"AT_SetAccessMethod",
       {AccessExclusive, Tri::Yes, Tri::Yes, "SET ACCESS METHOD rewrites the table"}},
      {"AT_SetTableSpace",
       {AccessExclusive, Tri::Yes, Tri::No, "SET TABLESPACE copies every file of the table"}},
      {"AT_SetRelOptions", {ShareUpdateExclusive}},
      {"AT_ResetRelOptions", {ShareUpdateExclusive}},
      {"AT_ReplaceRelOptions", {ShareUpdateExclusive}},
      {"AT_EnableTrig", {ShareRowExclusive}},
      {"AT_EnableAlwaysTrig", {ShareRowExclusive}},
      {"AT_EnableReplicaTrig", {ShareRowExclusive}},
      {"AT_DisableTrig", {ShareRowExclusive}},
      {"AT_EnableTrigAll", {ShareRowExclusive}},
      {"AT_DisableTrigAll", {ShareRowExclusive}},
      {"AT_EnableTrigUser", {ShareRowExclusive}},
      {"AT_DisableTrigUser", {ShareRowExclusive}},
      {"AT_EnableRule", {AccessExclusive}},
      {"AT_EnableAlwaysRule", {AccessExclusive}},
      {"AT_EnableReplicaRule", {AccessExclusive}},
      {"AT_DisableRule", {AccessExclusive}},
      {"AT_DropInherit", {AccessExclusive}},
      {"AT_AddOf", {AccessExclusive}},
      {"AT_DropOf", {AccessExclusive}},
      {"AT_ReplicaIdentity", {AccessExclusive}},
      {"AT_EnableRowSecurity", {AccessExclusive}},
      {"AT_DisableRowSecurity", {AccessExclusive}},
      {"AT_ForceRowSecurity", {AccessExclusive}},
      {"AT_NoForceRowSecurity", {AccessExclusive}},
      {"AT_GenericOptions", {AccessExclusive}},
      {"AT_AddIdentity", {AccessExclusive}},
      {"AT_SetIdentity", {AccessExclusive}},
      {"AT_DropIdentity", {AccessExclusive}},
      {"AT_DetachPartitionFinalize", {ShareUpdateExclusive}},
  };
  return rows;
}

Action add_column(Node def, PgVersion version, LockFacts& facts) {
  const ColumnDefinition c = read_column_definition(def);
  Action a = Action::of(AccessExclusive);
  const auto rewrites = [&](std::string why) {
    a.rewrite = Tri::Yes, a.scan = Tri::Yes, a.why = std::move(why);
  };
  if (c.serial) {
    rewrites(std::string(c.type) + " fills every existing row from a sequence (volatile nextval())");
  } else if (c.identity) {
    rewrites("an identity column fills every existing row from a sequence");
  } else if (c.generated_stored) {
    rewrites("a STORED generated column is computed and written for every existing row");
  } else if (c.default_expression) {
    if (version.major < 11) {
      rewrites("before PostgreSQL 11 any non-NULL default is written into every row");
    } else if (const Volatility v = volatility_of(c.default_expression);
               v.is_volatile == Tri::Yes) {
      rewrites("the volatile default " + v.function + "() is evaluated and written for every row");
    } else if (v.is_volatile == Tri::Unknown) {
      a.rewrite = a.scan = Tri::Unknown;
      a.why = "the default calls " + v.function + "(); a volatile function rewrites the table";
    }
  }
  if (c.check && a.scan == Tri::No) {
    a.scan = Tri::Yes, a.why = "the inline CHECK is tested against every row";
  }
  if (c.unique_or_primary_key) {
    a.builds_index = true, a.scan = Tri::Yes;
    if (a.why.empty()) a.why = "the UNIQUE or PRIMARY KEY index is built by reading every row";
  }
  if (c.references) {
    add_lock(facts, name_of_range_var(c.references.child("pktable")), RelationRole::Referenced,
             ShareRowExclusive);
  }
  return a;
}

Action add_constraint(Node con, QualifiedName table, LockFacts& facts) {
  const auto type = con.str("contype");
  const bool not_valid = con.flag("skip_validation");
  Action a = Action::of(AccessExclusive);
  if (type == "CONSTR_CHECK") {
    if (!not_valid) a.scan = Tri::Yes, a.why = "the CHECK is tested against every row";
  } else if (type == "CONSTR_FOREIGN") {
    a.mode = ShareRowExclusive;
    add_lock(facts, name_of_range_var(con.child("pktable")), RelationRole::Referenced,
             ShareRowExclusive);
    if (!not_valid) {
      a.scan = Tri::Yes;
      a.why = "every row is checked against " + name_of_range_var(con.child("pktable")).display();
    }
  } else if (type == "CONSTR_PRIMARY" || type == "CONSTR_UNIQUE") {
    if (con.str("indexname").empty()) {
      a.builds_index = true, a.scan = Tri::Yes;
      a.why = "the unique index is built by reading every row";
      add_created(facts, index_name(con.str("conname"), table), RelationRole::Index,
                  AccessExclusive);
    } else if (type == "CONSTR_PRIMARY") {
      a.scan = Tri::Unknown;
      a.why = "PRIMARY KEY USING INDEX reads every row when a key column is nullable";
    }
  } else if (type == "CONSTR_EXCLUSION") {
    a.builds_index = true, a.scan = Tri::Yes;
    a.why = "the exclusion index is built by reading every row";
  }
  return a;
}

Action alter_column_type(Node cmd, const QualifiedName& table, PgVersion version,
                         const Catalog* catalog, uint32_t seq) {
  const Node def = cmd.child("def");
  if (def.child("raw_default")) {
    return Action::of(AccessExclusive, Tri::Yes, Tri::Yes, false,
                      "a USING expression recomputes and rewrites every row");
  }
  const ColumnState* old = catalog ? catalog->column(table, cmd.str("name"), seq) : nullptr;
  const TypeChange change = type_change_rewrites(old ? old->type : ColumnType{},
                                                 column_type_of(def.child("typeName")), version);
  return Action::of(AccessExclusive, change.rewrite, change.rewrite, false, change.why);
}

Action partition_command(Node cmd, std::string_view subtype, PgVersion version,
                         LockFacts& facts) {
  const auto partition = name_of_range_var(cmd.child("def").child("name"));
  Action a = Action::of(AccessExclusive);
  if (subtype == "AT_AttachPartition") {
    a.mode = version.major >= 12 ? ShareUpdateExclusive : AccessExclusive;
    add_lock(facts, partition, RelationRole::Partition, AccessExclusive);
    a.scan = Tri::Unknown;
    a.why = "the partition is read to check its rows fit the bounds, unless a validated CHECK "
            "constraint already proves it";
  } else if (cmd.child("def").flag("concurrent")) {
    a.mode = ShareUpdateExclusive;
    add_lock(facts, partition, RelationRole::Partition, ShareUpdateExclusive);
    facts.transaction = TransactionRule::NotAllowed;
  } else {
    add_lock(facts, partition, RelationRole::Partition, AccessExclusive);
  }
  return a;
}

}  // namespace

void predict_alter_table(Node stmt, PgVersion version, const Catalog* catalog, uint32_t seq,
                         LockFacts& facts) {
  const auto table = name_of_range_var(stmt.child("relation"));
  const auto objtype = stmt.str("objtype");
  const RelationRole role = objtype == "OBJECT_INDEX"       ? RelationRole::Index
                            : objtype == "OBJECT_MATVIEW"   ? RelationRole::MaterializedView
                            : objtype == "OBJECT_VIEW"      ? RelationRole::View
                                                            : RelationRole::Table;
  LockMode strongest = ShareUpdateExclusive;
  size_t i = 0;
  for (const Node cmd : stmt.list("cmds")) {
    const auto subtype = cmd.str("subtype");
    Action a = Action::of(AccessExclusive);
    if (subtype == "AT_AddColumn" || subtype == "AT_AddColumnRecurse" ||
        subtype == "AT_AddColumnToView") {
      a = add_column(cmd.child("def"), version, facts);
    } else if (subtype == "AT_AddConstraint" || subtype == "AT_AddConstraintRecurse") {
      a = add_constraint(cmd.child("def"), table, facts);
    } else if (subtype == "AT_AlterColumnType") {
      a = alter_column_type(cmd, table, version, catalog, seq);
    } else if (subtype == "AT_AttachPartition" || subtype == "AT_DetachPartition") {
      a = partition_command(cmd, subtype, version, facts);
      if (subtype == "AT_AttachPartition") {
        facts.locks.insert(facts.locks.begin(), {table, RelationRole::Parent, a.mode, {}});
      }
    } else if (subtype == "AT_AddInherit") {
      add_lock(facts, name_of_range_var(cmd.child("def")), RelationRole::Parent,
               ShareUpdateExclusive);
    } else if (const auto it = fixed_rows().find(subtype); it != fixed_rows().end()) {
      a = Action::of(it->second.mode, it->second.rewrite, it->second.scan, false, it->second.why);
    } else {
      facts.modelled = false;
    }
    if (subtype == "AT_SetNotNull" && version.major >= 12 && catalog &&
        catalog->has_validated_not_null_check(table, cmd.str("name"), seq)) {
      // PostgreSQL 12+ proves NOT NULL from a validated CHECK (col IS NOT NULL).
      a.scan = Tri::No;
      a.why = "a validated CHECK (" + std::string(cmd.str("name")) + " IS NOT NULL) makes the scan "
              "unnecessary";
    }
    a.subcommand = i++;
    strongest = std::max(strongest, a.mode);
    facts.actions.push_back(std::move(a));
  }
  const bool attach = !facts.locks.empty() && facts.locks.front().role == RelationRole::Parent &&
                      facts.locks.front().relation == table;
  if (!attach) {
    facts.locks.insert(facts.locks.begin(), {table, role, strongest, {}});
  }
}

}  // namespace zd::locks_detail
