// Statement-level lock facts (PostgreSQL 11–17). ALTER TABLE is in alter_table.cpp.
#include "locks/predict.hpp"

#include <algorithm>
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
  f.locks.push_back({std::move(relation),
                     description.empty()
                         ? nullptr
                         : std::make_shared<const std::string>(std::move(description)),
                     role, mode});
}

void add_created(LockFacts& f, QualifiedName relation, RelationRole role, LockMode mode) {
  f.locks.push_back({std::move(relation), {}, role, mode, true});
}

void add_partition_locks(LockFacts& f, const Catalog* catalog, uint32_t seq,
                         const QualifiedName& table, LockMode mode) {
  const RelationState* r = catalog ? catalog->relation(table, seq) : nullptr;
  if (!r || !r->partitioned) return;
  for (auto& partition : catalog->partitions(table, seq)) {
    add_lock(f, std::move(partition), RelationRole::Partition, mode);
  }
}

bool add_default_partition_lock(LockFacts& f, const Catalog* catalog, uint32_t seq,
                                const QualifiedName& parent, const QualifiedName& except) {
  if (catalog && catalog->relation(parent, seq)) {
    const auto d = catalog->default_partition(parent, seq);
    if (!d || *d == except) return false;
    add_lock(f, *d, RelationRole::Partition, LockMode::AccessExclusive);
    return true;
  }
  add_lock(f, {"", ""}, RelationRole::Unresolved, LockMode::AccessExclusive,
           "the DEFAULT partition of " + parent.display() + ", if it has one");
  return true;
}
}  // namespace locks_detail

namespace {

using enum LockMode;
using locks_detail::add_created;
using locks_detail::add_lock;
using locks_detail::add_partition_locks;

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

void create_index(Node n, const Catalog* catalog, uint32_t seq, LockFacts& f) {
  const auto table = name_of_range_var(n.child("relation"));
  const auto idx = n.str("idxname");
  // Partitioned or not as last known: dynamic SQL since cannot have changed that.
  const RelationState* rel = catalog ? catalog->last_known_relation(table, seq) : nullptr;
  if (n.flag("if_not_exists") && !idx.empty() && catalog &&
      catalog->index_exists(index_name(idx, table), seq)) {
    // IF NOT EXISTS still takes its lock on the table before it finds the index.
    add_lock(f, table, RelationRole::Table, n.flag("concurrent") ? ShareUpdateExclusive : Share);
    f.actions.push_back(Action::of(f.locks.back().mode, Tri::No, Tri::No, false,
                                   "the index exists already: nothing is built"));
    if (n.flag("concurrent")) f.transaction = TransactionRule::NotAllowed;
    return;
  }
  if (rel && rel->partitioned && !n.child("relation").flag("inh") && !n.flag("concurrent")) {
    // ON ONLY a partitioned table: an invalid index on the parent alone, nothing is read.
    add_lock(f, table, RelationRole::Table, Share);
    f.actions.push_back(Action::of(Share, Tri::No, Tri::No, false,
                                   "ON ONLY the partitioned table: no partition is indexed"));
    if (!idx.empty()) add_created(f, index_name(idx, table), RelationRole::Index, AccessExclusive);
    return;
  }
  if (n.flag("concurrent")) {
    add_lock(f, table, RelationRole::Table, ShareUpdateExclusive);
    f.actions.push_back(Action::of(ShareUpdateExclusive, Tri::No, Tri::Yes, true,
                                        "the index is built in two passes over the table, "
                                        "without blocking reads or writes"));
    f.transaction = TransactionRule::NotAllowed;
  } else {
    add_lock(f, table, RelationRole::Table, Share);
    add_partition_locks(f, catalog, seq, table, Share);
    f.actions.push_back(Action::of(Share, Tri::No, Tri::Yes, true,
                                        "the index is built by reading and sorting every row"));
  }
  if (!idx.empty()) add_created(f, index_name(idx, table), RelationRole::Index, AccessExclusive);
}

// [schema.]table.member (a column, trigger, constraint …): the table is every item but the
// last.
QualifiedName table_of_member(NodeList items) {
  QualifiedName table;
  if (items.size() >= 3) table.schema = items[items.size() - 3].string_value();
  if (items.size() >= 2) table.name = items[items.size() - 2].string_value();
  return table;
}

// What else DROP TABLE takes with the table, as far as the catalog knows: its partitions;
// the tables its foreign keys reference (their triggers go too); the parent of a partition;
// with CASCADE, the tables whose foreign keys point at it and the views built on it.
void drop_table_dependents(const QualifiedName& table, bool cascade, const Catalog* catalog,
                           uint32_t seq, LockFacts& f) {
  if (cascade) {
    add_lock(f, {"", ""}, RelationRole::Unresolved, AccessExclusive,
             "every view that depends on " + table.display());
  }
  if (!catalog) return;
  add_partition_locks(f, catalog, seq, table, AccessExclusive);
  for (const auto& fk : catalog->foreign_keys_of(table, seq)) {
    if (*fk.constraint->references != table) {
      add_lock(f, *fk.constraint->references, RelationRole::Referenced, AccessExclusive);
    }
  }
  const RelationState* r = catalog->relation(table, seq);
  if (r && r->partition_of) {
    add_lock(f, *r->partition_of, RelationRole::Parent, AccessExclusive);
    locks_detail::add_default_partition_lock(f, catalog, seq, *r->partition_of, table);
  }
  if (cascade) {
    for (const auto& fk : catalog->foreign_keys_to(table, seq)) {
      if (fk.table != table) add_lock(f, fk.table, RelationRole::Table, AccessExclusive);
    }
  }
}

void drop(Node n, const Catalog* catalog, uint32_t seq, LockFacts& f) {
  const auto type = n.str("removeType");
  const bool concurrent = n.flag("concurrent");
  const bool cascade = n.str("behavior") == "DROP_CASCADE";
  for (const Node object : n.list("objects")) {
    if (!object.is("List")) continue;
    const auto name = name_of_list(object.list("items"));
    if (type == "OBJECT_INDEX") {
      // IF EXISTS on an index already gone (dropped, or with the key constraint it
      // belonged to) finds nothing to lock.
      if (n.flag("missing_ok") && catalog && catalog->index_dropped(name, seq)) continue;
      const LockMode mode = concurrent ? ShareUpdateExclusive : AccessExclusive;
      add_lock(f, name, RelationRole::Index, mode);
      add_lock(f, {"", ""}, RelationRole::Unresolved, mode,
               "the table of index " + name.display());
    } else if (type == "OBJECT_TABLE" || type == "OBJECT_FOREIGN_TABLE") {
      add_lock(f, name, RelationRole::Table, AccessExclusive);
      drop_table_dependents(name, cascade, catalog, seq, f);
    } else if (type == "OBJECT_VIEW") {
      add_lock(f, name, RelationRole::View, AccessExclusive);
    } else if (type == "OBJECT_MATVIEW") {
      add_lock(f, name, RelationRole::MaterializedView, AccessExclusive);
    } else if (type == "OBJECT_TRIGGER" || type == "OBJECT_RULE" || type == "OBJECT_POLICY") {
      add_lock(f, table_of_member(object.list("items")), RelationRole::Table, AccessExclusive);
    }
  }
  // PostgreSQL refuses CONCURRENTLY in a transaction block before it looks the index up.
  if (concurrent) f.transaction = TransactionRule::NotAllowed;
  if (f.locks.empty()) return;
  f.actions.push_back(Action::of(concurrent ? ShareUpdateExclusive : AccessExclusive));
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

void lock_table(Node n, const Catalog* catalog, uint32_t seq, LockFacts& f) {
  // LockStmt.mode is PostgreSQL's LOCKMODE: 1 = AccessShareLock … 8 = AccessExclusiveLock.
  const auto mode = static_cast<LockMode>(std::clamp<int64_t>(n.integer("mode", 8), 1, 8) - 1);
  for (const Node rel : n.list("relations")) {
    add_lock(f, name_of_range_var(rel), RelationRole::Table, mode);
    // Without ONLY, the partitions are locked too.
    if (rel.flag("inh")) add_partition_locks(f, catalog, seq, name_of_range_var(rel), mode);
  }
  f.actions.push_back(Action::of(mode));
  f.transaction = TransactionRule::OnlyInside;
}

// TRUNCATE: ACCESS EXCLUSIVE on each table and, without ONLY, its partitions; with
// CASCADE, on every table whose foreign keys reach it (transitively).
void truncate(Node n, const Catalog* catalog, uint32_t seq, LockFacts& f) {
  std::vector<QualifiedName> pending;
  for (const Node rel : n.list("relations")) {
    const auto table = name_of_range_var(rel);
    add_lock(f, table, RelationRole::Table, AccessExclusive);
    if (rel.flag("inh")) add_partition_locks(f, catalog, seq, table, AccessExclusive);
    pending.push_back(table);
  }
  if (catalog && n.str("behavior") == "DROP_CASCADE") {
    std::vector<QualifiedName> seen = pending;
    while (!pending.empty()) {
      const QualifiedName table = pending.back();
      pending.pop_back();
      for (const auto& fk : catalog->foreign_keys_to(table, seq)) {
        if (std::find(seen.begin(), seen.end(), fk.table) != seen.end()) continue;
        seen.push_back(fk.table);
        pending.push_back(fk.table);
        add_lock(f, fk.table, RelationRole::Table, AccessExclusive);
      }
    }
  }
  f.actions.push_back(Action::of(AccessExclusive));
}

void create_table(Node n, const Catalog* catalog, uint32_t seq, LockFacts& f) {
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
  Tri scan = Tri::No;
  for (const Node parent : n.list("inhRelations")) {
    add_lock(f, name_of_range_var(parent), RelationRole::Parent,
             n.child("partbound") ? AccessExclusive : ShareUpdateExclusive);
    // A new partition narrows the DEFAULT partition, which is read to check that none of
    // its rows belong to the new one.
    if (n.child("partbound") &&
        locks_detail::add_default_partition_lock(f, catalog, seq, name_of_range_var(parent))) {
      scan = f.locks.back().role == RelationRole::Unresolved ? Tri::Unknown : Tri::Yes;
    }
  }
  f.actions.push_back(Action::of(f.strongest().value_or(AccessShare), Tri::No, scan, false,
                                 scan == Tri::No ? ""
                                                 : "the DEFAULT partition is read to check that "
                                                   "none of its rows belong in the new one"));
}

void rename(Node n, PgVersion version, const Catalog* catalog, uint32_t seq, LockFacts& f) {
  const auto type = n.str("renameType");
  const auto rel = name_of_range_var(n.child("relation"));
  if (type == "OBJECT_INDEX") {
    const LockMode mode = version.major >= 12 ? ShareUpdateExclusive : AccessExclusive;
    add_lock(f, rel, RelationRole::Index, mode);
  } else if (type == "OBJECT_TABLE" || type == "OBJECT_COLUMN" || type == "OBJECT_TABCONSTRAINT" ||
             type == "OBJECT_TRIGGER" || type == "OBJECT_POLICY" || type == "OBJECT_RULE") {
    add_lock(f, rel, RelationRole::Table, AccessExclusive);
    // A column is renamed in every partition too.
    if (type == "OBJECT_COLUMN" && n.child("relation").flag("inh")) {
      add_partition_locks(f, catalog, seq, rel, AccessExclusive);
    }
  } else if (type == "OBJECT_VIEW") {
    add_lock(f, rel, RelationRole::View, AccessExclusive);
  } else if (type == "OBJECT_MATVIEW") {
    add_lock(f, rel, RelationRole::MaterializedView, AccessExclusive);
  }
  f.actions.push_back(Action::of(f.strongest().value_or(AccessShare)));
}

// COMMENT ON a relation or a column: SHARE UPDATE EXCLUSIVE on the relation; on a
// constraint, trigger, policy or rule: ACCESS SHARE on its table.
void comment(Node n, LockFacts& f) {
  const auto type = n.str("objtype");
  const Node object = n.child("object");
  if (object.is("List")) {
    const NodeList items = object.list("items");
    if (type == "OBJECT_TABLE" || type == "OBJECT_FOREIGN_TABLE") {
      add_lock(f, name_of_list(items), RelationRole::Table, ShareUpdateExclusive);
    } else if (type == "OBJECT_VIEW") {
      add_lock(f, name_of_list(items), RelationRole::View, ShareUpdateExclusive);
    } else if (type == "OBJECT_MATVIEW") {
      add_lock(f, name_of_list(items), RelationRole::MaterializedView, ShareUpdateExclusive);
    } else if (type == "OBJECT_INDEX") {
      add_lock(f, name_of_list(items), RelationRole::Index, ShareUpdateExclusive);
    } else if (type == "OBJECT_COLUMN") {
      add_lock(f, table_of_member(items), RelationRole::Table, ShareUpdateExclusive);
    } else if (type == "OBJECT_TABCONSTRAINT" || type == "OBJECT_TRIGGER" ||
               type == "OBJECT_POLICY" || type == "OBJECT_RULE") {
      add_lock(f, table_of_member(items), RelationRole::Table, AccessShare);
    }
  }
  f.actions.push_back(Action::of(f.strongest().value_or(AccessShare)));
}

// The tables a query reads: every RangeVar but the names of its WITH queries (and the
// FOR UPDATE OF list, which names them again).
std::vector<Node> query_relations(Node query) {
  std::vector<std::string_view> ctes;
  std::vector<Node> relations;
  walk(query, [&](Node x) {
    if (x.is("LockingClause")) return false;
    if (x.is("CommonTableExpr")) ctes.push_back(x.str("ctename"));
    if (x.is("RangeVar")) relations.push_back(x);
    return true;
  });
  std::erase_if(relations, [&](Node r) {
    return r.str("schemaname").empty() &&
           std::find(ctes.begin(), ctes.end(), r.str("relname")) != ctes.end();
  });
  return relations;
}

// SELECT: ACCESS SHARE on what it reads; FOR UPDATE/SHARE: ROW SHARE on the tables locked.
void select(Node n, LockFacts& f) {
  const NodeList locking = n.list("lockingClause");
  for (const Node rel : query_relations(n)) {
    LockMode mode = AccessShare;
    for (const Node clause : locking) {
      const NodeList named = clause.list("lockedRels");
      bool locked = named.empty();
      for (const Node r : named) {
        locked = locked || r.str("relname") == rel.child("alias").str("aliasname") ||
                 (rel.child("alias").str("aliasname").empty() &&
                  r.str("relname") == rel.str("relname"));
      }
      if (locked) mode = RowShare;
    }
    add_lock(f, name_of_range_var(rel), RelationRole::Table, mode);
  }
  f.actions.push_back(Action::of(f.strongest().value_or(AccessShare)));
}

// CREATE VIEW, CREATE TABLE AS, CREATE MATERIALIZED VIEW: ACCESS SHARE on what the query
// reads; CREATE OR REPLACE VIEW: ACCESS EXCLUSIVE on the view it replaces, unless the
// migrations before it never made that view (OR REPLACE is often written for a new one).
void create_from_query(Node n, std::string_view kind, const Catalog* catalog, uint32_t seq,
                       LockFacts& f) {
  if (kind == "ViewStmt" && n.flag("replace")) {
    auto view = name_of_range_var(n.child("view"));
    if (catalog && catalog->never_existed(view, seq)) {
      add_created(f, std::move(view), RelationRole::View, AccessExclusive);
    } else {
      add_lock(f, std::move(view), RelationRole::View, AccessExclusive);
    }
  }
  for (const Node rel : query_relations(n.child("query"))) {
    add_lock(f, name_of_range_var(rel), RelationRole::Table, AccessShare);
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

// INSERT, UPDATE, DELETE: ROW EXCLUSIVE on the table. Foreign keys known to the catalog
// add the locks of their checks: ROW SHARE on a referenced table when a row's key is
// written (INSERT; UPDATE of the key columns), and on a referencing table when a
// referenced key is deleted or changed — ROW EXCLUSIVE there when ON DELETE/UPDATE
// CASCADE, SET NULL or SET DEFAULT writes to it.
void dml(Node n, std::string_view kind, const Catalog* catalog, uint32_t seq, LockFacts& f) {
  const auto table = name_of_range_var(n.child("relation"));
  add_lock(f, table, RelationRole::Table, RowExclusive);
  f.actions.push_back(Action::of(RowExclusive));
  if (!catalog || kind == "MergeStmt") return;
  std::vector<std::string_view> updated;
  for (const Node t : n.list("targetList")) updated.push_back(t.str("name"));
  // Does the statement write one of these columns? (An unknown list: maybe.)
  const auto writes = [&](const std::vector<std::string>& columns) {
    if (kind != "UpdateStmt" || columns.empty()) return true;
    return std::any_of(columns.begin(), columns.end(), [&](const std::string& c) {
      return std::find(updated.begin(), updated.end(), c) != updated.end();
    });
  };
  if (kind != "DeleteStmt") {
    for (const auto& fk : catalog->foreign_keys_of(table, seq)) {
      if (*fk.constraint->references != table && writes(fk.constraint->columns)) {
        add_lock(f, *fk.constraint->references, RelationRole::Referenced, RowShare);
      }
    }
  }
  if (kind == "InsertStmt") return;
  for (const auto& fk : catalog->foreign_keys_to(table, seq)) {
    const ConstraintState& c = *fk.constraint;
    if (fk.table == table) continue;
    if (!writes(c.referenced_columns.empty() ? catalog->primary_key(table, seq)
                                             : c.referenced_columns)) {
      continue;
    }
    const char action = kind == "DeleteStmt" ? c.on_delete : c.on_update;
    add_lock(f, fk.table, RelationRole::Table,
             action == 'c' || action == 'n' || action == 'd' ? RowExclusive : RowShare);
  }
}

}  // namespace

LockFacts predict_locks(const Statement& s, PgVersion version, const Catalog* catalog,
                        uint32_t seq, bool utc_time_zone) {
  LockFacts f;
  const Node n = s.node;
  const auto kind = s.kind();
  if (kind == "AlterTableStmt") {
    locks_detail::predict_alter_table(n, version, catalog, seq, utc_time_zone, f);
  } else if (kind == "IndexStmt") {
    create_index(n, catalog, seq, f);
  } else if (kind == "DropStmt") {
    drop(n, catalog, seq, f);
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
    truncate(n, catalog, seq, f);
  } else if (kind == "LockStmt") {
    lock_table(n, catalog, seq, f);
  } else if (kind == "CreateTrigStmt") {
    add_lock(f, name_of_range_var(n.child("relation")), RelationRole::Table, ShareRowExclusive);
    f.actions.push_back(Action::of(ShareRowExclusive));
  } else if (kind == "CreateStmt") {
    create_table(n, catalog, seq, f);
  } else if (kind == "RenameStmt") {
    rename(n, version, catalog, seq, f);
  } else if (kind == "AlterObjectSchemaStmt") {
    if (const Node rel = n.child("relation")) {
      add_lock(f, name_of_range_var(rel), RelationRole::Table, AccessExclusive);
    }
    f.actions.push_back(Action::of(f.strongest().value_or(AccessShare)));
  } else if (kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "InsertStmt" ||
             kind == "MergeStmt") {
    dml(n, kind, catalog, seq, f);
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
  } else if (kind == "CommentStmt") {
    comment(n, f);
  } else if (kind == "CreateStatsStmt") {
    for (const Node rel : n.list("relations")) {
      add_lock(f, name_of_range_var(rel), RelationRole::Table, ShareUpdateExclusive);
    }
    f.actions.push_back(Action::of(ShareUpdateExclusive));
  } else if (kind == "SelectStmt") {
    select(n, f);
  } else if (kind == "ViewStmt" || kind == "CreateTableAsStmt") {
    create_from_query(n, kind, catalog, seq, f);
  } else if (kind == "VariableSetStmt" || kind == "TransactionStmt" ||
             kind == "CreateSchemaStmt" || kind == "CreateExtensionStmt" ||
             kind == "CreateFunctionStmt" || kind == "CreateEnumStmt" || kind == "CreateDomainStmt" ||
             kind == "CreateSeqStmt" || kind == "GrantStmt" || kind == "CompositeTypeStmt" ||
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
