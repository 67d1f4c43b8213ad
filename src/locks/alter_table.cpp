// ALTER TABLE: every subcommand has its own lock level, rewrite and scan; the statement
// takes the strongest lock of its subcommands and pays one rewrite for all of them.
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "locks/column_definition.hpp"
#include "locks/partition_bounds.hpp"
#include "locks/predict.hpp"
#include "locks/type_change.hpp"
#include "parse/quote.hpp"

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

// Subcommands that a partitioned table passes on to its partitions (PostgreSQL 15).
const std::unordered_set<std::string_view>& recursing_subcommands() {
  static const std::unordered_set<std::string_view> subcommands = {
      "AT_AddColumn",          "AT_AddColumnRecurse",          "AT_DropColumn",
      "AT_DropColumnRecurse",  "AT_AlterColumnType",           "AT_SetNotNull",
      "AT_DropNotNull",        "AT_ColumnDefault",             "AT_SetStatistics",
      "AT_SetStorage",         "AT_SetCompression",            "AT_AddConstraint",
      "AT_AddConstraintRecurse", "AT_DropConstraint",          "AT_DropConstraintRecurse",
      "AT_ValidateConstraint", "AT_ValidateConstraintRecurse",
  };
  return subcommands;
}

Action add_column(Node def, PgVersion version, const Catalog* catalog, uint32_t seq,
                  LockFacts& facts) {
  const ColumnDefinition c = read_column_definition(def);
  const auto type = name_of_list(def.child("typeName").list("names"));
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
  } else if (const DomainState* d = catalog ? catalog->domain(type, seq) : nullptr;
             d && d->constraints > 0) {
    // PostgreSQL checks the domain's constraints against every existing row's value (the
    // default, or NULL) by rewriting the table.
    rewrites("the domain " + type.display() + " has constraints: every existing row is "
             "checked and rewritten");
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

// The name PostgreSQL gives the index of an unnamed PRIMARY KEY / UNIQUE constraint
// (ChooseRelationName); empty when it would need truncating or a number.
std::string default_constraint_index_name(Node con, const QualifiedName& table) {
  std::string name = table.name;
  if (con.str("contype") == "CONSTR_PRIMARY") {
    name += "_pkey";
  } else {
    for (const Node key : con.list("keys")) name += "_" + std::string(key.string_value());
    name += "_key";
  }
  return name.size() <= 63 ? name : std::string();
}

// ADD PRIMARY KEY USING INDEX sets NOT NULL on the index's columns: a scan under ACCESS
// EXCLUSIVE unless each column is NOT NULL already or (12+) a validated CHECK proves it.
void primary_key_using_index(Action& a, Node con, const QualifiedName& table, PgVersion version,
                             const Catalog* catalog, uint32_t seq) {
  const std::vector<std::string> columns =
      catalog ? catalog->index_columns(index_name(con.str("indexname"), table), seq)
              : std::vector<std::string>{};
  bool nullable_known = false;
  bool unknown = columns.empty();
  std::string nullable;
  for (const std::string& column : columns) {
    if (version.major >= 12 && catalog->has_validated_not_null_check(table, column, seq)) continue;
    const ColumnState* c = catalog->column(table, column, seq);
    if (c && c->not_null) continue;
    (c && c->nullability_known ? nullable_known : unknown) = true;
    nullable += (nullable.empty() ? "" : ", ") + column;
  }
  a.scan = nullable_known ? Tri::Yes : unknown ? Tri::Unknown : Tri::No;
  const std::string columns_text =
      nullable.empty() ? std::string("its columns") : "(" + nullable + ")";
  a.why = a.scan == Tri::No  ? "the key columns are NOT NULL already: adopting the index reads no row"
          : a.scan == Tri::Yes ? "PRIMARY KEY USING INDEX sets NOT NULL on " + columns_text +
                                     ": every row is read to check for NULLs"
                               : "PRIMARY KEY USING INDEX sets NOT NULL on " + columns_text +
                                     ": every row is read unless they are NOT NULL already";
}

Action add_constraint(Node con, QualifiedName table, PgVersion version, const Catalog* catalog,
                      uint32_t seq, LockFacts& facts) {
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
      const std::string name = con.str("conname").empty()
                                   ? default_constraint_index_name(con, table)
                                   : std::string(con.str("conname"));
      if (!name.empty()) {
        add_created(facts, index_name(name, table), RelationRole::Index, AccessExclusive);
      }
    } else if (type == "CONSTR_PRIMARY") {
      primary_key_using_index(a, con, table, version, catalog, seq);
    }
  } else if (type == "CONSTR_EXCLUSION") {
    a.builds_index = true, a.scan = Tri::Yes;
    a.why = "the exclusion index is built by reading every row";
  }
  return a;
}

// USING col, or USING col::<the new type>: the same conversion as no USING at all.
bool using_is_column(Node expr, std::string_view column, const ColumnType& to) {
  if (expr.is("TypeCast")) {
    if (!(column_type_of(expr.child("typeName")) == to)) return false;
    expr = expr.child("arg");
  }
  const NodeList fields = expr.list("fields");
  return expr.is("ColumnRef") && fields.size() == 1 && fields[0].string_value() == column;
}

Action alter_column_type(Node cmd, const QualifiedName& table, PgVersion version,
                         const Catalog* catalog, uint32_t seq, bool utc_time_zone) {
  const Node def = cmd.child("def");
  const ColumnType to = column_type_of(def.child("typeName"));
  if (const Node expr = def.child("raw_default");
      expr && !using_is_column(expr, cmd.str("name"), to)) {
    return Action::of(AccessExclusive, Tri::Yes, Tri::Yes, false,
                      "a USING expression recomputes and rewrites every row");
  }
  const ColumnState* old = catalog ? catalog->column(table, cmd.str("name"), seq) : nullptr;
  ColumnType from = old ? *old->type : ColumnType{};
  ColumnType target = to;
  if (catalog) {
    // A domain stores its base type's bytes: to or from a domain is a change of the base
    // type, but every value is checked (by a rewrite) when the new domain has constraints.
    const auto type_name = name_of_list(def.child("typeName").list("names"));
    if (const DomainState* d = catalog->domain(type_name, seq)) {
      if (d->constraints > 0) {
        return Action::of(AccessExclusive, Tri::Yes, Tri::Yes, false,
                          "the domain " + type_name.display() +
                              " has constraints: every value is checked and rewritten");
      }
      if (!to.array) target = d->base;
    }
    if (const DomainState* d = catalog->domain({"public", from.name}, seq); d && !from.array) {
      from = d->base;
    }
  }
  const TypeChange change = type_change_rewrites(from, target, version, utc_time_zone);
  return Action::of(AccessExclusive, change.rewrite, change.rewrite, false, change.why);
}

// Do the partition's validated CHECKs imply its bounds, with no DEFAULT partition (which
// PostgreSQL would read) known?
bool attach_scan_skipped(Node bound, const QualifiedName& parent, const QualifiedName& partition,
                         const Catalog* catalog, uint32_t seq) {
  const RelationState* p = catalog ? catalog->relation(parent, seq) : nullptr;
  if (!p || p->partition_key.size() != 1 || catalog->default_partition(parent, seq)) return false;
  const std::string& key = p->partition_key[0];
  const ColumnState* column = catalog->column(partition, key, seq);
  return conditions_imply_bounds(bound, key, catalog->proven_conditions(partition, seq),
                                 column && column->not_null);
}

Action partition_command(Node cmd, std::string_view subtype, PgVersion version,
                         const QualifiedName& parent, const Catalog* catalog, uint32_t seq,
                         LockFacts& facts) {
  const auto partition = name_of_range_var(cmd.child("def").child("name"));
  Action a = Action::of(AccessExclusive);
  if (subtype == "AT_AttachPartition") {
    a.mode = version.major >= 12 ? ShareUpdateExclusive : AccessExclusive;
    add_lock(facts, partition, RelationRole::Partition, AccessExclusive);
    a.scan = Tri::Unknown;
    a.why = "the partition is read to check its rows fit the bounds, unless a validated CHECK "
            "constraint already proves it";
    if (attach_scan_skipped(cmd.child("def").child("bound"), parent, partition, catalog, seq)) {
      a.scan = Tri::No;
      a.why = "a validated CHECK on " + partition.display() +
              " implies the bounds: the partition is not read";
    }
  } else if (cmd.child("def").flag("concurrent")) {
    a.mode = ShareUpdateExclusive;
    add_lock(facts, partition, RelationRole::Partition, ShareUpdateExclusive);
    facts.transaction = TransactionRule::NotAllowed;
    return a;  // refused when there is a DEFAULT partition
  } else {
    add_lock(facts, partition, RelationRole::Partition, AccessExclusive);
  }
  // The DEFAULT partition's implicit bounds change with the partition's.
  add_default_partition_lock(facts, catalog, seq, parent, partition);
  return a;
}

}  // namespace

void predict_alter_table(Node stmt, PgVersion version, const Catalog* catalog, uint32_t seq,
                         bool utc_time_zone, LockFacts& facts) {
  const auto table = name_of_range_var(stmt.child("relation"));
  const auto objtype = stmt.str("objtype");
  const RelationRole role = objtype == "OBJECT_INDEX"       ? RelationRole::Index
                            : objtype == "OBJECT_MATVIEW"   ? RelationRole::MaterializedView
                            : objtype == "OBJECT_VIEW"      ? RelationRole::View
                                                            : RelationRole::Table;
  LockMode strongest = ShareUpdateExclusive;
  uint32_t i = 0;
  for (const Node cmd : stmt.list("cmds")) {
    const auto subtype = cmd.str("subtype");
    Action a = Action::of(AccessExclusive);
    if (subtype == "AT_AddColumn" || subtype == "AT_AddColumnRecurse" ||
        subtype == "AT_AddColumnToView") {
      a = add_column(cmd.child("def"), version, catalog, seq, facts);
    } else if (subtype == "AT_AddConstraint" || subtype == "AT_AddConstraintRecurse") {
      a = add_constraint(cmd.child("def"), table, version, catalog, seq, facts);
    } else if (subtype == "AT_AlterColumnType") {
      a = alter_column_type(cmd, table, version, catalog, seq, utc_time_zone);
    } else if (subtype == "AT_AttachPartition" || subtype == "AT_DetachPartition") {
      a = partition_command(cmd, subtype, version, table, catalog, seq, facts);
      if (subtype == "AT_AttachPartition") {
        facts.locks.insert(facts.locks.begin(), {table, {}, RelationRole::Parent, a.mode});
      }
    } else if (subtype == "AT_AddInherit") {
      add_lock(facts, name_of_range_var(cmd.child("def")), RelationRole::Parent,
               ShareUpdateExclusive);
    } else if (const auto it = fixed_rows().find(subtype); it != fixed_rows().end()) {
      a = Action::of(it->second.mode, it->second.rewrite, it->second.scan, false, it->second.why);
    } else {
      facts.modelled = false;
    }
    const ConstraintState* constraint =
        catalog ? catalog->constraint(table, cmd.str("name"), seq) : nullptr;
    if (constraint && constraint->kind == ConstraintKind::ForeignKey &&
        *constraint->references != table) {
      // Dropping a foreign key drops its triggers on the referenced table (ACCESS
      // EXCLUSIVE there); validating one reads the referenced table (ROW SHARE).
      if (subtype == "AT_DropConstraint" || subtype == "AT_DropConstraintRecurse") {
        add_lock(facts, *constraint->references, RelationRole::Referenced, AccessExclusive);
      } else if (subtype == "AT_ValidateConstraint" ||
                 subtype == "AT_ValidateConstraintRecurse") {
        add_lock(facts, *constraint->references, RelationRole::Referenced, RowShare);
      }
    }
    if (subtype == "AT_SetTableSpace" || subtype == "AT_SetAccessMethod") {
      if (const RelationState* r = catalog ? catalog->relation(table, seq) : nullptr) {
        // Known to be there already (the migrations never moved it): nothing is copied.
        const bool tablespace = subtype == "AT_SetTableSpace";
        const std::string& current = tablespace ? r->tablespace : r->access_method;
        const std::string_view target = cmd.str("name");
        if (current == target ||
            (current.empty() && target == (tablespace ? "pg_default" : "heap"))) {
          a.rewrite = a.scan = Tri::No;
          a.why = "the table is in " + std::string(tablespace ? "tablespace " : "access method ") +
                  std::string(target) + " already: nothing is rewritten";
        }
      }
    }
    if (recursing_subcommands().contains(subtype) && stmt.child("relation").flag("inh")) {
      // Without ONLY, the subcommand recurses to every partition, with the same lock.
      add_partition_locks(facts, catalog, seq, table, a.mode);
    }
    if (const ColumnState* c = catalog ? catalog->column(table, cmd.str("name"), seq) : nullptr;
        subtype == "AT_SetNotNull" && c && c->not_null) {
      a.scan = Tri::No;  // PostgreSQL does nothing for a column that is NOT NULL already
      a.why = std::string(cmd.str("name")) + " is NOT NULL already: nothing is read";
    } else if (subtype == "AT_SetNotNull" && version.major >= 12 && catalog &&
        catalog->has_validated_not_null_check(table, cmd.str("name"), seq)) {
      // PostgreSQL 12+ proves NOT NULL from a validated CHECK (col IS NOT NULL).
      a.scan = Tri::No;
      a.why = "a validated CHECK (" + quote_identifier(cmd.str("name")) +
              " IS NOT NULL) makes the scan unnecessary";
    }
    a.subcommand = i++;
    strongest = std::max(strongest, a.mode);
    facts.actions.push_back(std::move(a));
  }
  const bool attach = !facts.locks.empty() && facts.locks.front().role == RelationRole::Parent &&
                      facts.locks.front().relation == table;
  if (!attach) {
    facts.locks.insert(facts.locks.begin(), {table, {}, role, strongest});
  }
}

}  // namespace zd::locks_detail
