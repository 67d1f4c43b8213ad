// Statement-level lock facts (PostgreSQL 11–17). ALTER TABLE is in alter_table.cpp.
#include "locks/predict.hpp"

#include <array>

#include "locks/column_definition.hpp"

namespace zd {

namespace locks_detail {
void add_lock(LockFacts& f, QualifiedName relation, RelationRole role, LockMode mode,
              std::string description) {
  for (auto& l : f.locks) {
    if (l.relation == relation && l.role == role) {
      l.mode = std::max(l.mode, mode);
      return;
    }
  }
  f.locks.push_back({std::move(relation), role, mode, std::move(description)});
}

void add_created(LockFacts& f, QualifiedName relation, RelationRole role, LockMode mode) {
  f.locks.push_back({std::move(relation), role, mode, {}, true});
}
}  // namespace locks_detail

namespace {

using enum LockMode;
using locks_detail::add_created;
using locks_detail::add_lock;

bool has_option(NodeList options, std::string_view name) {
  for (const Node o : options) {
    if (o.is("DefElem") && o.str("defname") == name) {
      // A bare option (VACUUM (FULL)) is true; FULL false is not.
      const Node arg = o.child("arg");
      if (!arg) return true;
      const auto v = arg.string_value();
      return !(v == "false" || v == "off" || v == "0");
    }
  }
  return false;
}

void create_index(Node n, LockFacts& f) {
  const auto table = name_of_range_var(n.child("relation"));
  const auto idx = n.str("idxname");
  if (n.flag("concurrent")) {
    add_lock(f, table, RelationRole::Table, ShareUpdateExclusive);
    f.actions.push_back(Action::of(ShareUpdateExclusive, Tri::No, Tri::Yes, true,
                                        "the index is built in two passes over the table, "
                                        "without blocking reads or writes"));
    f.transaction = TransactionRule::NotAllowed;
  } else {
    add_lock(f, table, RelationRole::Table, Share);
    f.actions.push_back(Action::of(Share, Tri::No, Tri::Yes, true,
                                        "the index is built by reading and sorting every row"));
  }
  if (!idx.empty()) add_created(f, index_name(idx, table), RelationRole::Index, AccessExclusive);
}

void drop(Node n, LockFacts& f) {
  const auto type = n.str("removeType");
  const bool concurrent = n.flag("concurrent");
  for (const Node object : n.list("objects")) {
    if (!object.is("List")) continue;
    const auto name = name_of_list(object.list("items"));
    if (type == "OBJECT_INDEX") {
      const LockMode mode = concurrent ? ShareUpdateExclusive : AccessExclusive;
      add_lock(f, name, RelationRole::Index, mode);
      add_lock(f, {"", ""}, RelationRole::Unresolved, mode,
               "the table of index " + name.display());
    } else if (type == "OBJECT_TABLE" || type == "OBJECT_FOREIGN_TABLE") {
      add_lock(f, name, RelationRole::Table, AccessExclusive);
    } else if (type == "OBJECT_VIEW") {
      add_lock(f, name, RelationRole::View, AccessExclusive);
    } else if (type == "OBJECT_MATVIEW") {
      add_lock(f, name, RelationRole::MaterializedView, AccessExclusive);
    } else if (type == "OBJECT_TRIGGER" || type == "OBJECT_RULE" || type == "OBJECT_POLICY") {
      // [schema.]table.trigger: the table is every item but the last.
      const NodeList items = object.list("items");
      QualifiedName table;
      if (items.size() >= 3) table.schema = items[items.size() - 3].string_value();
      if (items.size() >= 2) table.name = items[items.size() - 2].string_value();
      add_lock(f, table, RelationRole::Table, AccessExclusive);
    }
  }
  if (f.locks.empty() && type != "OBJECT_INDEX") return;
  f.actions.push_back(Action::of(concurrent ? ShareUpdateExclusive : AccessExclusive));
  if (concurrent) f.transaction = TransactionRule::NotAllowed;
}

void reindex(Node n, PgVersion version, LockFacts& f) {
  const auto kind = n.str("kind");
  const bool concurrent = version.major >= 12 && has_option(n.list("params"), "concurrently");
  const auto target = name_of_range_var(n.child("relation"));
  if (kind == "REINDEX_OBJECT_INDEX") {
    add_lock(f, target, RelationRole::Index, concurrent ? ShareUpdateExclusive : AccessExclusive);
    add_lock(f, {"", ""}, RelationRole::Unresolved, concurrent ? ShareUpdateExclusive : Share,
             "the table of index " + target.display());
  } else if (kind == "REINDEX_OBJECT_TABLE") {
    add_lock(f, target, RelationRole::Table, concurrent ? ShareUpdateExclusive : Share);
    add_lock(f, {"", ""}, RelationRole::Unresolved,
             concurrent ? ShareUpdateExclusive : AccessExclusive,
             "every index of " + target.display());
  } else {
    f.transaction = TransactionRule::NotAllowed;  // SCHEMA, DATABASE, SYSTEM
  }
  if (concurrent) f.transaction = TransactionRule::NotAllowed;
  f.actions.push_back(Action::of(concurrent ? ShareUpdateExclusive : Share, Tri::No, Tri::Yes,
                                      true, "every index named is rebuilt from the table"));
}

void vacuum(Node n, LockFacts& f) {
  const bool is_vacuum = n.flag("is_vacuumcmd");
  const bool full = is_vacuum && has_option(n.list("options"), "full");
  const LockMode mode = full ? AccessExclusive : ShareUpdateExclusive;
  for (const Node rel : n.list("rels")) {
    add_lock(f, name_of_range_var(rel.child("relation")), RelationRole::Table, mode);
  }
  if (is_vacuum) f.transaction = TransactionRule::NotAllowed;
  f.actions.push_back(full ? Action::of(mode, Tri::Yes, Tri::Yes, false,
                                             "VACUUM FULL writes a new copy of the table")
                           : Action::of(mode, Tri::No, Tri::Yes));
}

void lock_table(Node n, LockFacts& f) {
  // LockStmt.mode is PostgreSQL's LOCKMODE: 1 = AccessShareLock … 8 = AccessExclusiveLock.
  const auto mode = static_cast<LockMode>(std::clamp<int64_t>(n.integer("mode", 8), 1, 8) - 1);
  for (const Node rel : n.list("relations")) {
    add_lock(f, name_of_range_var(rel), RelationRole::Table, mode);
  }
  f.actions.push_back(Action::of(mode));
  f.transaction = TransactionRule::OnlyInside;
}

void create_table(Node n, LockFacts& f) {
  // Creating a table locks only existing tables it points at: a FOREIGN KEY takes SHARE
  // ROW EXCLUSIVE on the referenced table, PARTITION OF takes ACCESS EXCLUSIVE on the parent.
  const auto reference = [&](Node con) {
    if (con.str("contype") == "CONSTR_FOREIGN") {
      add_lock(f, name_of_range_var(con.child("pktable")), RelationRole::Referenced,
               ShareRowExclusive);
    }
  };
  for (const Node elt : n.list("tableElts")) {
    if (elt.is("ColumnDef")) {
      for (const Node con : elt.list("constraints")) reference(con);
    } else if (elt.is("Constraint")) {
      reference(elt);
    }
  }
  for (const Node parent : n.list("inhRelations")) {
    add_lock(f, name_of_range_var(parent), RelationRole::Parent,
             n.child("partbound") ? AccessExclusive : ShareUpdateExclusive);
  }
  f.actions.push_back(Action::of(f.strongest().value_or(AccessShare)));
}

void rename(Node n, PgVersion version, LockFacts& f) {
  const auto type = n.str("renameType");
  const auto rel = name_of_range_var(n.child("relation"));
  if (type == "OBJECT_INDEX") {
    const LockMode mode = version.major >= 12 ? ShareUpdateExclusive : AccessExclusive;
    add_lock(f, rel, RelationRole::Index, mode);
  } else if (type == "OBJECT_TABLE" || type == "OBJECT_COLUMN" || type == "OBJECT_TABCONSTRAINT" ||
             type == "OBJECT_TRIGGER" || type == "OBJECT_POLICY" || type == "OBJECT_RULE") {
    add_lock(f, rel, RelationRole::Table, AccessExclusive);
  } else if (type == "OBJECT_VIEW") {
    add_lock(f, rel, RelationRole::View, AccessExclusive);
  } else if (type == "OBJECT_MATVIEW") {
    add_lock(f, rel, RelationRole::MaterializedView, AccessExclusive);
  }
  f.actions.push_back(Action::of(f.strongest().value_or(AccessShare)));
}

// ALTER DOMAIN ADD CONSTRAINT (validated), VALIDATE CONSTRAINT and SET NOT NULL check
// every column of the domain: SHARE on each table that has one, and a scan of it.
void alter_domain(Node n, const Catalog* catalog, uint32_t seq, LockFacts& f) {
  const auto subtype = n.str("subtype");
  const bool adds_checked = subtype == "C" && !n.child("def").flag("skip_validation");
  if (!adds_checked && subtype != "V" && subtype != "O") return;
  const auto domain = name_of_list(n.list("typeName"));
  if (catalog) {
    for (auto& table : catalog->tables_using_type(domain.name, seq)) {
      add_lock(f, std::move(table), RelationRole::Table, Share);
    }
  }
  if (!catalog || !catalog->type_in_review(domain, seq)) {
    add_lock(f, {"", ""}, RelationRole::Unresolved, Share,
             "every table with a column of domain " + domain.display());
  }
  f.actions.push_back(Action::of(Share, Tri::No, Tri::Yes, false,
                                 "every value of the domain is checked"));
}

void dml(Node n, LockFacts& f) {
  add_lock(f, name_of_range_var(n.child("relation")), RelationRole::Table, RowExclusive);
  f.actions.push_back(Action::of(RowExclusive));
}

}  // namespace

LockFacts predict_locks(const Statement& s, PgVersion version, const Catalog* catalog,
                        uint32_t seq) {
  LockFacts f;
  const Node n = s.node;
  const auto kind = s.kind();
  if (kind == "AlterTableStmt") {
    locks_detail::predict_alter_table(n, version, catalog, seq, f);
  } else if (kind == "IndexStmt") {
    create_index(n, f);
  } else if (kind == "DropStmt") {
    drop(n, f);
  } else if (kind == "ReindexStmt") {
    reindex(n, version, f);
  } else if (kind == "VacuumStmt") {
    vacuum(n, f);
  } else if (kind == "ClusterStmt") {
    if (const Node rel = n.child("relation")) {
      add_lock(f, name_of_range_var(rel), RelationRole::Table, AccessExclusive);
      f.actions.push_back(Action::of(AccessExclusive, Tri::Yes, Tri::Yes, false,
                                          "CLUSTER writes a new, sorted copy of the table"));
    } else {
      f.transaction = TransactionRule::NotAllowed;
      f.actions.push_back(Action::of(AccessExclusive, Tri::Yes, Tri::Yes));
    }
  } else if (kind == "RefreshMatViewStmt") {
    const LockMode mode = n.flag("concurrent") ? Exclusive : AccessExclusive;
    add_lock(f, name_of_range_var(n.child("relation")), RelationRole::MaterializedView, mode);
    f.actions.push_back(Action::of(mode, n.flag("concurrent") ? Tri::No : Tri::Yes, Tri::Yes,
                                        false, "the view's query is run again in full"));
  } else if (kind == "TruncateStmt") {
    for (const Node rel : n.list("relations")) {
      add_lock(f, name_of_range_var(rel), RelationRole::Table, AccessExclusive);
    }
    f.actions.push_back(Action::of(AccessExclusive));
  } else if (kind == "LockStmt") {
    lock_table(n, f);
  } else if (kind == "CreateTrigStmt") {
    add_lock(f, name_of_range_var(n.child("relation")), RelationRole::Table, ShareRowExclusive);
    f.actions.push_back(Action::of(ShareRowExclusive));
  } else if (kind == "CreateStmt") {
    create_table(n, f);
  } else if (kind == "RenameStmt") {
    rename(n, version, f);
  } else if (kind == "AlterObjectSchemaStmt") {
    if (const Node rel = n.child("relation")) {
      add_lock(f, name_of_range_var(rel), RelationRole::Table, AccessExclusive);
    }
    f.actions.push_back(Action::of(f.strongest().value_or(AccessShare)));
  } else if (kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "InsertStmt" ||
             kind == "MergeStmt") {
    dml(n, f);
  } else if (kind == "AlterEnumStmt") {
    // No relation lock. Before 12, ADD VALUE cannot run in a transaction block (unless
    // that transaction created the type).
    if (version.major < 12 && n.str("oldVal").empty()) {
      f.transaction = TransactionRule::NotAllowed;
    }
  } else if (kind == "CreatedbStmt" || kind == "DropdbStmt" || kind == "AlterSystemStmt" ||
             kind == "CreateTableSpaceStmt" || kind == "DropTableSpaceStmt") {
    // Cluster-level; no relation lock, and refused inside a transaction block.
    f.transaction = TransactionRule::NotAllowed;
  } else if (kind == "AlterDomainStmt") {
    alter_domain(n, catalog, seq, f);
  } else if (kind == "CreatePolicyStmt" || kind == "AlterPolicyStmt") {
    add_lock(f, name_of_range_var(n.child("table")), RelationRole::Table, AccessExclusive);
    f.actions.push_back(Action::of(AccessExclusive));
  } else if (kind == "CommentStmt" || kind == "CreateStatsStmt") {
    f.actions.push_back(Action::of(ShareUpdateExclusive));
  } else if (kind == "VariableSetStmt" || kind == "TransactionStmt" || kind == "SelectStmt" ||
             kind == "CreateSchemaStmt" || kind == "CreateExtensionStmt" ||
             kind == "CreateFunctionStmt" || kind == "CreateEnumStmt" || kind == "CreateDomainStmt" ||
             kind == "CreateSeqStmt" || kind == "GrantStmt" || kind == "ViewStmt" ||
             kind == "CreateTableAsStmt" || kind == "CompositeTypeStmt" ||
             kind == "AlterSeqStmt" || kind == "AlterFunctionStmt" || kind == "CreateRoleStmt" ||
             kind == "AlterOwnerStmt" || kind == "AlterDefaultPrivilegesStmt" ||
             kind == "GrantRoleStmt" || kind == "CreateRangeStmt" ||
             kind == "DefineStmt" || kind == "AlterExtensionStmt") {
    // Catalog-only for existing tables, or only the object being created.
  } else {
    f.modelled = false;
  }
  return f;
}

}  // namespace zd
