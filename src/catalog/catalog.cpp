#include "catalog/catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <utility>

namespace zd {
namespace {

// A CHECK (col IS NOT NULL): the column, else empty.
std::string not_null_check_column(Node con) {
  const Node e = con.child("raw_expr");
  if (!e.is("NullTest") || e.str("nulltesttype") != "IS_NOT_NULL") return {};
  const Node arg = e.child("arg");
  return arg.is("ColumnRef") ? std::string(last_name(arg.list("fields"))) : std::string{};
}

std::optional<ConstraintKind> constraint_kind(std::string_view contype) {
  if (contype == "CONSTR_CHECK") return ConstraintKind::Check;
  if (contype == "CONSTR_FOREIGN") return ConstraintKind::ForeignKey;
  if (contype == "CONSTR_UNIQUE") return ConstraintKind::Unique;
  if (contype == "CONSTR_PRIMARY") return ConstraintKind::PrimaryKey;
  if (contype == "CONSTR_EXCLUSION") return ConstraintKind::Exclusion;
  return std::nullopt;
}

// Does the constraint come with an index of its own name (PRIMARY KEY, UNIQUE, EXCLUDE)?
bool has_index(ConstraintKind kind) {
  return kind == ConstraintKind::PrimaryKey || kind == ConstraintKind::Unique ||
         kind == ConstraintKind::Exclusion;
}

// The name PostgreSQL gives an unnamed PRIMARY KEY or UNIQUE constraint and its index:
// `<table>_pkey`, `<table>_<col>_<col>_key`. Empty when PostgreSQL would shorten it (past
// 63 bytes) or the columns are unknown.
std::string default_constraint_name(const QualifiedName& table, ConstraintKind kind,
                                    const std::vector<std::string>& columns) {
  std::string name = table.name;
  if (kind == ConstraintKind::PrimaryKey) {
    name += "_pkey";
  } else if (kind == ConstraintKind::Unique && !columns.empty()) {
    for (const std::string& column : columns) name += "_" + column;
    name += "_key";
  } else {
    return {};
  }
  constexpr size_t kMaxIdentifier = 63;
  return name.size() <= kMaxIdentifier ? name : std::string{};
}

}  // namespace

std::string ColumnType::display() const {
  std::string out = name;
  if (!typmods.empty()) {
    out += "(";
    for (size_t i = 0; i < typmods.size(); ++i) {
      out += (i ? "," : "") + std::to_string(typmods[i]);
    }
    out += ")";
  }
  if (array) out += "[]";
  return out;
}

ColumnType column_type_of(Node type_name) {
  ColumnType t;
  t.name = std::string(last_name(type_name.list("names")));
  for (const Node mod : type_name.list("typmods")) {
    if (mod.is("A_Const") && mod.has("ival")) t.typmods.push_back(mod.child("ival").integer("ival"));
  }
  t.array = !type_name.list("arrayBounds").empty();
  return t;
}

template <typename T>
void Catalog::Versioned<T>::add(uint32_t seq, std::optional<T> value) {
  if (!later_) later_ = std::make_unique<std::vector<Change>>();
  later_->push_back({seq, std::move(value)});
}

template <typename T>
size_t Catalog::Versioned<T>::count_before(uint32_t seq) const {
  if (first_.seq >= seq) return 0;
  if (!later_) return 1;
  // Changes are appended in statement order: the last one before `seq` is found by a
  // binary search, so a file that changes one object many times is not quadratic.
  const auto it = std::partition_point(later_->begin(), later_->end(),
                                       [&](const Change& change) { return change.seq < seq; });
  return 1 + static_cast<size_t>(it - later_->begin());
}

template <typename T>
auto Catalog::Versioned<T>::last_before(uint32_t seq) const -> const Change* {
  const size_t n = count_before(seq);
  return n == 0 ? nullptr : &change(n - 1);
}

template <typename T>
const T* Catalog::Versioned<T>::at(uint32_t seq, const std::vector<uint32_t>& forgotten) const {
  const Change* last = last_before(seq);
  if (!last || !last->value) return nullptr;
  // A forget() at the set's own sequence number came after it: the set is that statement's,
  // the SQL it could not see ran as part of it.
  const auto since = std::lower_bound(forgotten.begin(), forgotten.end(), last->seq);
  return since != forgotten.end() && *since < seq ? nullptr : &*last->value;
}

template <typename T>
const T* Catalog::Versioned<T>::last_known(uint32_t seq) const {
  const Change* last = last_before(seq);
  return last && last->value ? &*last->value : nullptr;
}

template <typename Map, typename T>
auto& Catalog::record(Map& map, const typename Map::key_type& key, uint32_t seq,
                      std::optional<T> value) {
  // try_emplace leaves `value` as it is when the key is there already.
  auto [entry, added] = map.try_emplace(key, seq, std::move(value));
  if (!added) entry->second.add(seq, std::move(value));
  return *entry;
}

template <typename T>
void Catalog::set(ByName<T>& map, const QualifiedName& key, uint32_t seq, std::optional<T> value) {
  record(map, key, seq, std::move(value));
}

template <typename Map>
void Catalog::set(Map TableObjects::*part, const ColumnKey& key, uint32_t seq,
                  std::optional<ValueOf<Map>> value) {
  record(table_entry(key.first).second.*part, key.second, seq, std::move(value));
}

void Catalog::set(ByTable<ConstraintState> part, const ColumnKey& key, uint32_t seq,
                  std::optional<ConstraintState> value) {
  if (value && value->kind == ConstraintKind::ForeignKey) {
    referencing_[*value->references].insert(key);
  }
  record(table_entry(key.first).second.*part, key.second, seq, std::move(value));
}

void Catalog::set(ByName<RelationState>& map, const QualifiedName& key, uint32_t seq,
                  std::optional<RelationState> value) {
  if (value && value->partition_of) partitions_[*value->partition_of].insert(key);
  record(map, key, seq, std::move(value));
}

void Catalog::set(ByName<IndexState>& map, const QualifiedName& key, uint32_t seq,
                  std::optional<IndexState> value) {
  const auto count_unique = [&](const IndexState& index, bool added) {
    const ColumnKey column{*index.table, index.columns.front()};
    const uint32_t* before = current(unique_indexed_, column);
    const uint32_t n = before ? *before : 0;
    set(unique_indexed_, column, seq, std::optional<uint32_t>(added ? n + 1 : n - 1));
  };
  // The index this name held until now (dropped, replaced, moved to a renamed table) no
  // longer makes its column unique.
  if (const IndexState* old = current(map, key); old && old->unique_column) {
    count_unique(*old, false);
  }
  if (!value) {
    record(map, key, seq, std::move(value));
    return;
  }
  if (value->unique_column) count_unique(*value, true);
  IndexNames& of_table = table_entry(*value->table).second.indexes;
  of_table.push_back(&record(map, key, seq, std::move(value)).first);
}

template <typename Map>
const QualifiedName* Catalog::name_in(Map& map, const QualifiedName& name) {
  return &map.try_emplace(name).first->first;
}

auto Catalog::table_entry(const QualifiedName& table)
    -> std::pair<const QualifiedName, TableObjects>& {
  auto*& last = last_table_.entry;
  if (!last || last->first != table) last = &*tables_.try_emplace(table).first;
  return *last;
}

const std::set<QualifiedName>& Catalog::partition_candidates(const QualifiedName& parent) const {
  static const std::set<QualifiedName> kNone;
  const auto it = partitions_.find(parent);
  return it == partitions_.end() ? kNone : it->second;
}

template <typename T>
auto Catalog::versions(const ByName<T>& map, const QualifiedName& name) -> const Versioned<T>* {
  const auto it = map.find(name);
  return it == map.end() ? nullptr : &it->second;
}

template <typename Map>
auto Catalog::versions(Map TableObjects::*part, const QualifiedName& table,
                       std::string_view name) const -> const typename Map::mapped_type* {
  const auto of_table = tables_.find(table);
  if (of_table == tables_.end()) return nullptr;
  const Map& named = of_table->second.*part;
  const auto it = named.find(name);
  return it == named.end() ? nullptr : &it->second;
}

template <typename T>
const T* Catalog::current(const ByName<T>& map, const QualifiedName& name) const {
  const Versioned<T>* v = versions(map, name);
  return v ? v->at(UINT32_MAX, forgotten_) : nullptr;
}

template <typename Map>
auto Catalog::current(Map TableObjects::*part, const ColumnKey& key) const -> const ValueOf<Map>* {
  const auto* v = versions(part, key.first, key.second);
  return v ? v->at(UINT32_MAX, forgotten_) : nullptr;
}

template <typename F>
void Catalog::each_constraint(const QualifiedName& table, uint32_t seq, F f) const {
  const auto of_table = tables_.find(table);
  if (of_table == tables_.end()) return;
  for (const auto& [name, versioned] : of_table->second.constraints) {
    if (const ConstraintState* c = versioned.at(seq, forgotten_)) f(*c);
  }
}

const RelationState* Catalog::relation(const QualifiedName& name, uint32_t seq) const {
  const auto it = relations_.find(name);
  return it == relations_.end() ? nullptr : it->second.at(seq, forgotten_);
}

const RelationState* Catalog::last_known_relation(const QualifiedName& name, uint32_t seq) const {
  const auto it = relations_.find(name);
  return it == relations_.end() ? nullptr : it->second.last_known(seq);
}

bool Catalog::index_dropped(const QualifiedName& name, uint32_t seq) const {
  const auto it = indexes_.find(name);
  return it != indexes_.end() && it->second.first_seq() < seq &&
         !it->second.last_known(seq);
}

bool Catalog::never_existed(const QualifiedName& name, uint32_t seq) const {
  const bool history_replayed =
      !review_.empty() && std::all_of(review_.begin(), review_.end(),
                                      [](const auto& range) { return range.first > 1; });
  if (!history_replayed || (!forgotten_.empty() && forgotten_.front() < seq)) return false;
  if (std::any_of(reruns_.begin(), reruns_.end(),
                  [&](const auto& range) { return seq >= range.first && seq < range.second; })) {
    return false;
  }
  const auto it = relations_.find(name);
  return it == relations_.end() || it->second.first_seq() >= seq;
}

bool Catalog::index_exists(const QualifiedName& name, uint32_t seq) const {
  const auto it = indexes_.find(name);
  return it != indexes_.end() && it->second.at(seq, forgotten_) != nullptr;
}

bool Catalog::in_review(uint32_t created) const {
  return std::any_of(review_.begin(), review_.end(), [&](const auto& range) {
    return created >= range.first && created < range.second;
  });
}

bool Catalog::relation_in_review(const QualifiedName& name, uint32_t seq) const {
  const auto it = relations_.find(name);
  const RelationState* r = it == relations_.end() ? nullptr : it->second.last_known(seq);
  return r && in_review(r->created);
}

bool Catalog::index_in_review(const QualifiedName& name, uint32_t seq) const {
  const auto it = indexes_.find(name);
  const IndexState* index = it == indexes_.end() ? nullptr : it->second.last_known(seq);
  return index && in_review(index->created);
}

const ColumnState* Catalog::column(const QualifiedName& table, std::string_view name,
                                   uint32_t seq) const {
  const Versioned<ColumnState>* v = versions(columns_, table, name);
  return v ? v->at(seq, forgotten_) : nullptr;
}

bool Catalog::column_in_review(const QualifiedName& table, std::string_view name,
                               uint32_t seq) const {
  const Versioned<ColumnState>* v = versions(columns_, table, name);
  const ColumnState* c = v ? v->last_known(seq) : nullptr;
  return c && in_review(c->created);
}

const ConstraintState* Catalog::constraint(const QualifiedName& table, std::string_view name,
                                           uint32_t seq) const {
  const Versioned<ConstraintState>* v = versions(constraints_, table, name);
  return v ? v->at(seq, forgotten_) : nullptr;
}

bool Catalog::has_validated_not_null_check(const QualifiedName& table, std::string_view column,
                                           uint32_t seq) const {
  bool found = false;
  each_constraint(table, seq, [&](const ConstraintState& c) {
    found = found || (c.validated && c.not_null_column == column);
  });
  return found;
}

std::vector<CheckCondition> Catalog::proven_conditions(const QualifiedName& table,
                                                      uint32_t seq) const {
  std::vector<CheckCondition> out;
  each_constraint(table, seq, [&](const ConstraintState& c) {
    if (c.validated) out.insert(out.end(), c.conditions.begin(), c.conditions.end());
  });
  return out;
}

std::vector<std::string> Catalog::index_columns(const QualifiedName& index, uint32_t seq) const {
  const auto it = indexes_.find(index);
  const IndexState* state = it == indexes_.end() ? nullptr : it->second.at(seq, forgotten_);
  return state ? state->columns : std::vector<std::string>{};
}

bool Catalog::type_in_review(const QualifiedName& name, uint32_t seq) const {
  const auto it = types_.find(name);
  const uint32_t* created = it == types_.end() ? nullptr : it->second.at(seq, forgotten_);
  return created && in_review(*created);
}

std::vector<QualifiedName> Catalog::tables_using_type(std::string_view type, uint32_t seq) const {
  std::vector<QualifiedName> out;
  for (const auto& [table, objects] : tables_) {
    const auto& columns = objects.columns;
    if (std::any_of(columns.begin(), columns.end(), [&](const auto& column) {
          const ColumnState* c = column.second.at(seq, forgotten_);
          return c && c->type->name == type;
        })) {
      out.push_back(table);
    }
  }
  std::sort(out.begin(), out.end());  // in name order, as the findings list them
  return out;
}

const DomainState* Catalog::domain(const QualifiedName& name, uint32_t seq) const {
  const auto it = domains_.find(name);
  return it == domains_.end() ? nullptr : it->second.at(seq, forgotten_);
}

bool Catalog::dropped(const QualifiedName& table, uint32_t seq) const {
  const auto it = relations_.find(table);
  const auto* change = it == relations_.end() ? nullptr : it->second.last_before(seq);
  // Gone because forget() made it unknown is not dropped: forget() leaves no change.
  return change && !change->value;
}

void Catalog::forget(uint32_t seq) {
  if (forgotten_.empty() || forgotten_.back() != seq) forgotten_.push_back(seq);
}

std::vector<ForeignKeyRef> Catalog::foreign_keys_of(const QualifiedName& table,
                                                    uint32_t seq) const {
  std::vector<ForeignKeyRef> out;
  if (dropped(table, seq)) return out;
  each_constraint(table, seq, [&](const ConstraintState& c) {
    if (c.kind == ConstraintKind::ForeignKey) out.push_back({table, &c});
  });
  return out;
}

std::vector<ForeignKeyRef> Catalog::foreign_keys_to(const QualifiedName& table,
                                                    uint32_t seq) const {
  std::vector<ForeignKeyRef> out;
  const auto referencing = referencing_.find(table);
  if (referencing == referencing_.end()) return out;
  for (const ColumnKey& key : referencing->second) {
    const ConstraintState* c = versions(constraints_, key.first, key.second)->at(seq, forgotten_);
    if (c && c->kind == ConstraintKind::ForeignKey && *c->references == table &&
        !dropped(key.first, seq)) {
      out.push_back({key.first, c});
    }
  }
  return out;
}

std::vector<std::string> Catalog::primary_key(const QualifiedName& table, uint32_t seq) const {
  const ConstraintState* key = nullptr;
  each_constraint(table, seq, [&](const ConstraintState& c) {
    if (!key && c.kind == ConstraintKind::PrimaryKey) key = &c;
  });
  return key ? key->columns : std::vector<std::string>{};
}

std::vector<std::string> Catalog::unique_columns(const QualifiedName& table,
                                                 uint32_t seq) const {
  std::vector<std::string> out;
  each_constraint(table, seq, [&](const ConstraintState& c) {
    if ((c.kind == ConstraintKind::PrimaryKey || c.kind == ConstraintKind::Unique) &&
        c.columns.size() == 1) {
      out.push_back(c.columns.front());
    }
  });
  if (const auto of_table = tables_.find(table); of_table != tables_.end()) {
    for (const auto& [column, versioned] : of_table->second.unique_indexed) {
      const uint32_t* indexes = versioned.at(seq, forgotten_);
      if (indexes && *indexes > 0) out.push_back(column);
    }
  }
  return out;
}

std::vector<QualifiedName> Catalog::partitions(const QualifiedName& parent, uint32_t seq) const {
  std::vector<QualifiedName> out;
  for (const QualifiedName& name : partition_candidates(parent)) {
    const RelationState* r = relation(name, seq);
    if (!r || !r->partition_of || *r->partition_of != parent || name == parent) continue;
    out.push_back(name);
    if (r->partitioned) {
      for (auto& sub : partitions(name, seq)) out.push_back(std::move(sub));
    }
  }
  return out;
}

std::optional<QualifiedName> Catalog::default_partition(const QualifiedName& parent,
                                                        uint32_t seq) const {
  for (const QualifiedName& name : partition_candidates(parent)) {
    const RelationState* r = relation(name, seq);
    if (r && r->default_partition && r->partition_of && *r->partition_of == parent) return name;
  }
  return std::nullopt;
}

void Catalog::apply(const Statement& s, uint32_t seq, uint32_t transaction) {
  const Node n = s.node;
  const auto kind = s.kind();
  if (kind == "CreateStmt") {
    create_table(n, seq, transaction);
  } else if (kind == "CreateTableAsStmt") {
    const bool matview = n.str("objtype") == "OBJECT_MATVIEW";
    RelationState r;
    r.kind = matview ? RelationKind::MaterializedView : RelationKind::Table;
    r.created = seq;
    set(relations_, name_of_range_var(n.child("into").child("rel")), seq,
        std::optional<RelationState>(std::move(r)));
  } else if (kind == "ViewStmt") {
    RelationState r;
    r.kind = RelationKind::View;
    // CREATE OR REPLACE VIEW changes the query of a view that exists, not its age; of one
    // the catalog does not know, maybe a view from before the files (sequence 0).
    const auto view = name_of_range_var(n.child("view"));
    const RelationState* replaced = n.flag("replace") ? relation(view, seq) : nullptr;
    const bool maybe_old = n.flag("replace") && !never_existed(view, seq);
    r.created = replaced ? replaced->created : maybe_old ? 0 : seq;
    set(relations_, view, seq, std::optional<RelationState>(std::move(r)));
  } else if (kind == "IndexStmt") {
    if (const auto idx = n.str("idxname"); !idx.empty()) {
      IndexState index{seq, false, &table_entry(name_of_range_var(n.child("relation"))).first, {}};
      for (const Node key : n.list("indexParams")) {
        if (key.str("name").empty()) {  // an expression
          index.columns.clear();
          break;
        }
        index.columns.emplace_back(key.str("name"));
      }
      if (n.flag("unique") && !n.child("whereClause") && n.list("indexParams").size() == 1) {
        index.unique_column = !index.columns.empty();
      }
      set(indexes_, index_name(idx, *index.table), seq, std::optional<IndexState>(index));
    }
  } else if (kind == "CreateDomainStmt") {
    const auto domain = name_of_list(n.list("domainname"));
    set(types_, domain, seq, std::optional<uint32_t>(seq));
    DomainState d;
    d.base = column_type_of(n.child("typeName"));
    for (const Node con : n.list("constraints")) {
      const auto t = con.str("contype");
      d.constraints += t == "CONSTR_CHECK" || t == "CONSTR_NOTNULL";
    }
    set(domains_, domain, seq, std::optional<DomainState>(std::move(d)));
  } else if (kind == "AlterDomainStmt") {
    alter_domain(n, seq);
  } else if (kind == "CreateEnumStmt" || kind == "CreateRangeStmt") {
    set(types_, name_of_list(n.list("typeName")), seq, std::optional<uint32_t>(seq));
  } else if (kind == "CompositeTypeStmt") {
    set(types_, name_of_range_var(n.child("typevar")), seq, std::optional<uint32_t>(seq));
  } else if (kind == "AlterTableStmt") {
    alter_table(n, seq, transaction);
  } else if (kind == "RenameStmt") {
    rename(n, seq);
  } else if (kind == "DropStmt") {
    drop(n, seq);
  } else if (kind == "TruncateStmt") {
    for (const Node r : n.list("relations")) {
      set(emptied_, name_of_range_var(r), seq, std::optional<uint32_t>(seq));
    }
  } else if (kind == "DeleteStmt") {
    if (!n.has("whereClause") && n.list("usingClause").empty()) {
      set(emptied_, name_of_range_var(n.child("relation")), seq, std::optional<uint32_t>(seq));
    }
  } else if (kind == "InsertStmt" || (kind == "CopyStmt" && n.flag("is_from"))) {
    const auto table = name_of_range_var(n.child("relation"));
    if (current(emptied_, table)) set(emptied_, table, seq, std::optional<uint32_t>());
  }
}

bool Catalog::emptied(const QualifiedName& table, uint32_t seq) const {
  const auto it = emptied_.find(table);
  const uint32_t* by = it == emptied_.end() ? nullptr : it->second.at(seq, forgotten_);
  return by && in_review(*by);
}

void Catalog::create_table(Node n, uint32_t seq, uint32_t transaction) {
  const auto table = name_of_range_var(n.child("relation"));
  RelationState r;
  r.partitioned = n.has("partspec");
  for (const Node key : n.child("partspec").list("partParams")) {
    if (key.str("name").empty()) {  // an expression: no plain column key
      r.partition_key.clear();
      break;
    }
    r.partition_key.emplace_back(key.str("name"));
  }
  r.created = seq;
  r.tablespace = n.str("tablespacename");
  r.access_method = n.str("accessMethod");
  if (const Node bound = n.child("partbound"); bound && !n.list("inhRelations").empty()) {
    r.partition_of = name_in(partitions_, name_of_range_var(n.list("inhRelations")[0]));
    r.default_partition = bound.flag("is_default");
  }
  set(relations_, table, seq, std::optional<RelationState>(std::move(r)));
  // Columns first: a table constraint may come before the columns it names.
  for (const Node elt : n.list("tableElts")) {
    if (elt.is("ColumnDef")) add_column(table, elt, seq, transaction);
  }
  for (const Node elt : n.list("tableElts")) {
    if (elt.is("Constraint")) add_constraint(table, elt, "", seq, transaction);
  }
}

const ColumnType* Catalog::intern(ColumnType type) {
  return &*column_types_.insert(std::move(type)).first;
}

void Catalog::add_column(const QualifiedName& table, Node def, uint32_t seq,
                         uint32_t transaction) {
  ColumnState c{intern(column_type_of(def.child("typeName"))), seq};
  const auto name = def.str("colname");
  for (const Node con : def.list("constraints")) {
    const auto t = con.str("contype");
    if (t == "CONSTR_NOTNULL" || t == "CONSTR_PRIMARY" || t == "CONSTR_IDENTITY") {
      c.not_null = true;
    }
  }
  set(columns_, ColumnKey{table, std::string(name)}, seq, std::optional<ColumnState>(c));
  for (const Node con : def.list("constraints")) add_constraint(table, con, name, seq, transaction);
}

void Catalog::add_constraint(const QualifiedName& table, Node con, std::string_view column,
                             uint32_t seq, uint32_t transaction) {
  const auto kind = constraint_kind(con.str("contype"));
  if (!kind) return;
  ConstraintState c;
  c.kind = *kind;
  c.validated = !con.flag("skip_validation");
  c.not_null_column = not_null_check_column(con);
  if (c.kind == ConstraintKind::Check) c.conditions = check_conditions(con.child("raw_expr"));
  c.transaction = transaction;
  c.added_by = seq;
  const Key key_columns = c.kind == ConstraintKind::ForeignKey ? Key("fk_attrs") : Key("keys");
  for (const Node a : con.list(key_columns)) {
    c.columns.emplace_back(a.string_value());
  }
  if (c.columns.empty() && !column.empty()) c.columns.emplace_back(column);
  if (const auto index = con.str("indexname"); c.columns.empty() && !index.empty()) {
    c.columns = index_columns(index_name(index, table), seq);  // ADD … USING INDEX
  }
  if (c.kind == ConstraintKind::ForeignKey) {
    c.references = name_in(referencing_, name_of_range_var(con.child("pktable")));
    for (const Node a : con.list("pk_attrs")) c.referenced_columns.emplace_back(a.string_value());
    const auto action = [](std::string_view a) { return a.empty() ? 'a' : a[0]; };
    c.on_delete = action(con.str("fk_del_action"));
    c.on_update = action(con.str("fk_upd_action"));
  }
  std::string name(con.str("conname"));
  // A constraint added USING INDEX without a name takes the index's.
  if (name.empty()) name = con.str("indexname");
  // PostgreSQL names unnamed constraints itself. A key's name is predictable and later
  // migrations use it (DROP CONSTRAINT t_a_key); for the others, which cannot be
  // validated by a name the migration does not know, any unique key serves.
  if (name.empty()) {
    name = default_constraint_name(table, c.kind, c.columns);
    if (name.empty() || current(indexes_, QualifiedName{table.schema, name})) {
      name = fmt::format("\x01unnamed{}{}", column, ++unnamed_constraints_);
    }
  }
  if (has_index(c.kind) && !name.starts_with('\x01')) {
    const QualifiedName index{table.schema, name};
    if (const auto using_index = con.str("indexname"); !using_index.empty()) {
      // ADD CONSTRAINT … USING INDEX renames the index to the constraint's name.
      const QualifiedName used{table.schema, std::string(using_index)};
      const IndexState* old = current(indexes_, used);
      IndexState renamed = old ? *old : IndexState{seq, false, &table_entry(table).first, {}};
      set(indexes_, used, seq, std::optional<IndexState>());
      set(indexes_, index, seq, std::optional<IndexState>(std::move(renamed)));
    } else {
      // A one-column key is unique on that column, as a UNIQUE index on it would be.
      const bool unique_column = c.kind != ConstraintKind::Exclusion && c.columns.size() == 1;
      IndexState key{seq, unique_column, &table_entry(table).first, c.columns};
      set(indexes_, index, seq, std::optional<IndexState>(std::move(key)));
    }
  }
  // A PRIMARY KEY makes its columns NOT NULL, and they stay so when the key is dropped.
  if (c.kind == ConstraintKind::PrimaryKey) {
    for (const std::string& key_column : c.columns) {
      const ColumnKey key{table, key_column};
      if (const ColumnState* old = current(columns_, key); old && !old->not_null) {
        ColumnState now = *old;
        now.not_null = true;
        set(columns_, key, seq, std::optional<ColumnState>(now));
      }
    }
  }
  set(constraints_, ColumnKey{table, name}, seq, std::optional<ConstraintState>(std::move(c)));
}

void Catalog::alter_table(Node n, uint32_t seq, uint32_t transaction) {
  const auto table = name_of_range_var(n.child("relation"));
  for (const Node cmd : n.list("cmds")) {
    const auto subtype = cmd.str("subtype");
    const std::string name(cmd.str("name"));
    const ColumnKey key{table, name};
    if (subtype == "AT_AddColumn") {
      // ADD COLUMN IF NOT EXISTS leaves a column that is there already as it is.
      const ColumnKey added{table, std::string(cmd.child("def").str("colname"))};
      if (cmd.flag("missing_ok") && current(columns_, added)) continue;
      add_column(table, cmd.child("def"), seq, transaction);
    } else if (subtype == "AT_DropColumn") {
      set(columns_, key, seq, std::optional<ColumnState>());
    } else if (subtype == "AT_AlterColumnType" || subtype == "AT_SetNotNull" ||
               subtype == "AT_DropNotNull") {
      const ColumnState* old = current(columns_, key);
      if (!old && subtype != "AT_AlterColumnType") continue;
      ColumnState c = old ? *old : ColumnState{};
      if (subtype == "AT_AlterColumnType") {
        c.type = intern(column_type_of(cmd.child("def").child("typeName")));
        if (!old) c.nullability_known = false;
      } else {
        c.not_null = subtype == "AT_SetNotNull";
        c.nullability_known = true;
      }
      set(columns_, key, seq, std::optional<ColumnState>(c));
    } else if (subtype == "AT_AddConstraint") {
      add_constraint(table, cmd.child("def"), "", seq, transaction);
    } else if (subtype == "AT_ValidateConstraint") {
      if (const ConstraintState* old = current(constraints_, key)) {
        ConstraintState c = *old;
        c.validated = true;
        set(constraints_, key, seq, std::optional<ConstraintState>(std::move(c)));
      }
    } else if (subtype == "AT_DropConstraint") {
      // A key's index goes with it.
      if (const ConstraintState* old = current(constraints_, key); old && has_index(old->kind)) {
        set(indexes_, QualifiedName{table.schema, name}, seq, std::optional<IndexState>());
      }
      set(constraints_, key, seq, std::optional<ConstraintState>());
    } else if (subtype == "AT_SetTableSpace" || subtype == "AT_SetAccessMethod") {
      if (const RelationState* old = current(relations_, table)) {
        RelationState r = *old;
        (subtype == "AT_SetTableSpace" ? r.tablespace : r.access_method) = name;
        set(relations_, table, seq, std::optional<RelationState>(std::move(r)));
      }
    } else if (subtype == "AT_AttachPartition") {
      const Node partition = cmd.child("def");
      set_partition_of(name_of_range_var(partition.child("name")), name_in(partitions_, table),
                       partition.child("bound").flag("is_default"), seq);
    } else if (subtype == "AT_DetachPartition") {
      set_partition_of(name_of_range_var(cmd.child("def").child("name")), nullptr, false, seq);
    }
  }
}

void Catalog::set_partition_of(const QualifiedName& partition, const QualifiedName* parent,
                               bool is_default, uint32_t seq) {
  const RelationState* old = current(relations_, partition);
  if (!old) return;
  RelationState r = *old;
  r.partition_of = parent;
  r.default_partition = is_default;
  set(relations_, partition, seq, std::optional<RelationState>(std::move(r)));
}

void Catalog::alter_domain(Node n, uint32_t seq) {
  const auto domain = name_of_list(n.list("typeName"));
  const DomainState* old = current(domains_, domain);
  if (!old) return;
  const auto subtype = n.str("subtype");
  DomainState d = *old;
  if (subtype == "C" || subtype == "O") ++d.constraints;  // ADD CONSTRAINT, SET NOT NULL
  if ((subtype == "X" || subtype == "N") && d.constraints > 0) --d.constraints;  // DROP …
  if (d.constraints != old->constraints) {
    set(domains_, domain, seq, std::optional<DomainState>(std::move(d)));
  }
}

void Catalog::rename(Node n, uint32_t seq) {
  const auto type = n.str("renameType");
  const auto table = name_of_range_var(n.child("relation"));
  const std::string from(n.str("subname"));
  const std::string to(n.str("newname"));
  if (type == "OBJECT_COLUMN") {
    if (const ColumnState* c = current(columns_, ColumnKey{table, from})) {
      const ColumnState copy = *c;
      set(columns_, ColumnKey{table, from}, seq, std::optional<ColumnState>());
      set(columns_, ColumnKey{table, to}, seq, std::optional<ColumnState>(copy));
    }
  } else if (type == "OBJECT_TABCONSTRAINT") {
    if (const ConstraintState* c = current(constraints_, ColumnKey{table, from})) {
      const ConstraintState copy = *c;
      set(constraints_, ColumnKey{table, from}, seq, std::optional<ConstraintState>());
      set(constraints_, ColumnKey{table, to}, seq, std::optional<ConstraintState>(copy));
    }
  } else if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW") {
    const QualifiedName renamed{table.schema, to};
    // Renamed as last known: dynamic SQL since may have made it unknown, but not a plain
    // table of a partitioned one (and the rename itself is plain to see).
    if (const RelationState* r = last_known_relation(table, seq)) {
      const RelationState copy = *r;
      set(relations_, table, seq, std::optional<RelationState>());
      set(relations_, renamed, seq, std::optional<RelationState>(copy));
    }
    // Columns and constraints move with their table: each one there is dropped in place and
    // set on the renamed table (through set(), which follows foreign keys). A table renamed
    // to its own name keeps them.
    const auto move_all = [&](auto part) {
      const auto of_table = tables_.find(table);
      if (renamed == table || of_table == tables_.end()) return;
      for (auto& [name, versioned] : of_table->second.*part) {
        const auto* value = versioned.at(UINT32_MAX, forgotten_);
        if (!value) continue;
        std::optional moved(*value);
        versioned.add(seq, std::nullopt);
        set(part, ColumnKey{renamed, name}, seq, std::move(moved));
      }
    };
    move_all(columns_);
    move_all(constraints_);
    // Its indexes keep their names, on the renamed table. The list is taken whole: what no
    // longer names an index of this table (dropped, moved, made again elsewhere) leaves it
    // here, so the list of a name renamed back and forth does not grow.
    if (const auto of_table = tables_.find(table); of_table != tables_.end()) {
      const IndexNames names = std::exchange(of_table->second.indexes, {});
      for (const QualifiedName* name : names) {
        const IndexState* index = current(indexes_, *name);
        if (!index || *index->table != table) continue;
        IndexState moved = *index;
        moved.table = &table_entry(renamed).first;
        set(indexes_, *name, seq, std::optional<IndexState>(std::move(moved)));
      }
    }
    // Foreign keys and partitions that point at the table follow the new name.
    const auto referencing = referencing_.find(table);
    const std::set<ColumnKey> keys =
        referencing == referencing_.end() ? std::set<ColumnKey>{} : referencing->second;
    for (const ColumnKey& key : keys) {
      const ConstraintState* c = current(constraints_, key);
      if (c && c->kind == ConstraintKind::ForeignKey && *c->references == table) {
        ConstraintState copy = *c;
        copy.references = name_in(referencing_, renamed);
        set(constraints_, key, seq, std::optional<ConstraintState>(copy));
      }
    }
    const std::set<QualifiedName> children = partition_candidates(table);
    for (const QualifiedName& name : children) {
      const RelationState* r = current(relations_, name);
      if (r && r->partition_of && *r->partition_of == table) {
        RelationState copy = *r;
        copy.partition_of = name_in(partitions_, renamed);
        set(relations_, name, seq, std::optional<RelationState>(copy));
      }
    }
  } else if (type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") {
    // The type keeps where it came from (history or the files under review) under its new
    // name, in the same schema.
    const auto name = name_of_list(n.child("object").list("items"));
    const QualifiedName renamed{name.schema, to};
    if (const uint32_t* created = current(types_, name)) {
      const uint32_t copy = *created;
      set(types_, name, seq, std::optional<uint32_t>());
      set(types_, renamed, seq, std::optional<uint32_t>(copy));
    }
    if (const DomainState* d = current(domains_, name)) {
      const DomainState copy = *d;
      set(domains_, name, seq, std::optional<DomainState>());
      set(domains_, renamed, seq, std::optional<DomainState>(copy));
    }
  } else if (type == "OBJECT_INDEX") {
    if (const IndexState* index = current(indexes_, table)) {
      const IndexState copy = *index;
      set(indexes_, table, seq, std::optional<IndexState>());
      set(indexes_, QualifiedName{table.schema, to}, seq, std::optional<IndexState>(copy));
    }
  }
}

void Catalog::drop(Node n, uint32_t seq) {
  const auto type = n.str("removeType");
  for (const Node object : n.list("objects")) {
    if (!object.is("List")) continue;
    const auto name = name_of_list(object.list("items"));
    if (type == "OBJECT_INDEX") {
      set(indexes_, name, seq, std::optional<IndexState>());
    } else if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW") {
      // A partitioned table goes with its partitions.
      for (const auto& partition : partitions(name, UINT32_MAX)) {
        set(relations_, partition, seq, std::optional<RelationState>());
      }
      set(relations_, name, seq, std::optional<RelationState>());
    }
  }
}

}  // namespace zd
