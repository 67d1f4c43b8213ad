// The offline catalog: the schema as the migration builds it, replayed statement by
// statement. Every entry is versioned by the statement sequence number that set it, so a
// rule can ask what was true just before any statement ("what type did this column have
// when it was altered?"). Replaying earlier migrations of a directory into the same
// catalog makes it the schema's history; objects created by the files under review are
// marked as such (they are new and empty).
//
// It is honest rather than clever: what it cannot follow (dynamic SQL, functions, a
// table it never saw created) is unknown, never guessed.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "catalog/check_conditions.hpp"
#include "model/migration.hpp"
#include "model/names.hpp"

namespace zd {

struct ColumnType {
  std::string name;               // last part of the type name: "varchar", "int4", "my_domain"
  std::vector<int64_t> typmods;   // varchar(20) → {20}; numeric(10,2) → {10, 2}
  bool array = false;
  bool known() const { return !name.empty(); }
  std::string display() const;
  friend bool operator==(const ColumnType&, const ColumnType&) = default;
  friend auto operator<=>(const ColumnType&, const ColumnType&) = default;
};
ColumnType column_type_of(Node type_name);

// A folder's catalog holds one of these per column version (some 17,000 after 850 generated
// migrations), and a schema has a few dozen distinct types: the catalog keeps each type once
// and a column points at it (16 bytes a version, not 72 with a type of its own).
struct ColumnState {
  const ColumnType* type = nullptr;  // the catalog's copy; never null in the catalog
  uint32_t created = 0;  // sequence number of the statement that added it (0: unknown)
  bool not_null = false;
  // false: the column is known only from an ALTER … TYPE, so whether it is NOT NULL is
  // unknown (not_null is then false).
  bool nullability_known = true;
};

enum class ConstraintKind : uint8_t { Check, ForeignKey, Unique, PrimaryKey, Exclusion };

// The small fields first, together (as in ColumnState: one per constraint version).
struct ConstraintState {
  ConstraintKind kind = ConstraintKind::Check;
  bool validated = true;
  // A FOREIGN KEY's ON DELETE / ON UPDATE actions ('a' NO ACTION, 'r' RESTRICT, 'c' CASCADE,
  // 'n' SET NULL, 'd' SET DEFAULT).
  char on_delete = 'a';
  char on_update = 'a';
  uint32_t transaction = 0;      // the transaction that added it (0: autocommit or history)
  uint32_t added_by = 0;         // sequence number of the statement that added it
  std::string not_null_column;   // a CHECK (col IS NOT NULL): the column
  std::vector<CheckCondition> conditions;  // what a CHECK proves, in simple forms
  // The key columns of a PRIMARY KEY, UNIQUE or FOREIGN KEY (empty: unknown). A FOREIGN
  // KEY also has the table it references (the catalog's copy of its name, kept once for
  // all the keys that point at it; null for other constraints) and the referenced columns
  // (empty: the referenced table's primary key).
  std::vector<std::string> columns;
  const QualifiedName* references = nullptr;
  std::vector<std::string> referenced_columns;
};

// A foreign key as seen from either end: the table that holds it and the constraint.
struct ForeignKeyRef {
  QualifiedName table;
  const ConstraintState* constraint = nullptr;
};

struct DomainState {
  ColumnType base;      // the type it is over
  int constraints = 0;  // how many CHECK and NOT NULL constraints it has
};

// One per index version for as long as the folder is checked (some 4,500 after 850 generated
// migrations): the table's name is the catalog's own copy, not one per index (40 bytes a
// version, not 128).
struct IndexState {
  uint32_t created = 0;  // sequence number of the statement that created it
  // A UNIQUE index on one plain column (the only one of `columns`), with no WHERE.
  bool unique_column = false;
  const QualifiedName* table = nullptr;  // the catalog's copy of its table's name
  // Its key columns in order; empty when one of them is an expression.
  std::vector<std::string> columns;
};

enum class RelationKind : uint8_t { Table, View, MaterializedView };

struct RelationState {
  RelationKind kind = RelationKind::Table;
  bool partitioned = false;
  uint32_t created = 0;  // sequence number of the statement that created it
  // The columns of a partitioned table's key (empty: not partitioned, or a key on
  // expressions).
  std::vector<std::string> partition_key;
  // The parent, for a partition (the catalog's copy of its name; null: none).
  const QualifiedName* partition_of = nullptr;
  bool default_partition = false;  // the parent's DEFAULT partition
  std::string tablespace;          // as named by the migration; empty: the default
  std::string access_method;       // as named by the migration; empty: the default
};

class Catalog {
 public:
  Catalog() = default;
  // Not copied: a table's list of indexes points into indexes_.
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;
  Catalog(Catalog&&) = default;
  Catalog& operator=(Catalog&&) = default;

  // Applies a statement's effects on the schema. `seq` orders statements across files
  // and must grow; queries at `seq` see the effects of statements before it.
  void apply(const Statement& s, uint32_t seq, uint32_t transaction);

  // The statements under review, as ranges of sequence numbers [first, end): what they
  // create is new and empty, invisible to the running application. What the history
  // (earlier migrations) created is not.
  void review(uint32_t first, uint32_t end) { review_.emplace_back(first, end); }
  // Statements [first, end) of a script the runner runs again whenever it changes: what they
  // make may be there from the last run.
  void rerun(uint32_t first, uint32_t end) { reruns_.emplace_back(first, end); }
  void end_review() { review_.clear(); }
  bool in_review(uint32_t created) const;
  // Was this relation created by the files under review (and not dropped since)? Unlike
  // relation(), this sees through forget(): SQL zerodown cannot read may have changed the
  // table (filled it, altered it), but cannot make one the running application has never
  // seen into one it uses.
  bool relation_in_review(const QualifiedName& name, uint32_t seq) const;
  // SQL zerodown cannot see ran at `seq` (EXECUTE of a computed string): from there on,
  // everything known is unknown again (not dropped).
  void forget(uint32_t seq);

  const RelationState* relation(const QualifiedName& name, uint32_t seq) const;
  // The relation as it was last known before `seq`, even when forget() has made it unknown
  // since: SQL zerodown could not see may alter a table, but it cannot make a table created
  // by the files under review old, nor make a table partitioned or plain (only a DROP and
  // a new CREATE can). nullptr when it was never known, or really dropped.
  const RelationState* last_known_relation(const QualifiedName& name, uint32_t seq) const;
  bool index_exists(const QualifiedName& name, uint32_t seq) const;
  // Was the index known and then dropped (DROP INDEX, DROP CONSTRAINT of its key, renamed
  // away), not merely made unknown by forget()?
  bool index_dropped(const QualifiedName& name, uint32_t seq) const;
  // Was the index created by the files under review (and not dropped since)? Like a table,
  // it stays new after forget().
  bool index_in_review(const QualifiedName& name, uint32_t seq) const;
  // Is the relation certainly absent before `seq`: the earlier migrations of its folder were
  // replayed, none of them ran SQL zerodown cannot see, and no statement ever created,
  // renamed or dropped it? Without that history (a file checked on its own), or in a
  // script that runs again (rerun()), an unknown relation may well exist.
  bool never_existed(const QualifiedName& name, uint32_t seq) const;
  const ColumnState* column(const QualifiedName& table, std::string_view name,
                            uint32_t seq) const;
  // Was this column added by the files under review (seen through forget(), as above)?
  bool column_in_review(const QualifiedName& table, std::string_view name, uint32_t seq) const;
  const ConstraintState* constraint(const QualifiedName& table, std::string_view name,
                                    uint32_t seq) const;
  // Is there a validated CHECK (column IS NOT NULL) on the table?
  bool has_validated_not_null_check(const QualifiedName& table, std::string_view column,
                                    uint32_t seq) const;
  // Did the files under review delete every row of the table (TRUNCATE, DELETE without
  // WHERE) and insert none since? Such a table is empty, though others may use it.
  bool emptied(const QualifiedName& table, uint32_t seq) const;
  // The conditions the table's validated CHECK constraints prove.
  std::vector<CheckCondition> proven_conditions(const QualifiedName& table, uint32_t seq) const;
  // The key columns of an index the migrations created on plain columns (empty: unknown,
  // or on expressions).
  std::vector<std::string> index_columns(const QualifiedName& index, uint32_t seq) const;
  // Was this type (domain, enum) created by the files under review?
  bool type_in_review(const QualifiedName& name, uint32_t seq) const;
  // Tables with a column of this type (for ALTER DOMAIN), as far as the catalog knows.
  std::vector<QualifiedName> tables_using_type(std::string_view type, uint32_t seq) const;
  // A domain created by the migrations (nullptr: not a known domain).
  const DomainState* domain(const QualifiedName& name, uint32_t seq) const;
  // The foreign keys a table holds, and the foreign keys of other tables pointing at it.
  std::vector<ForeignKeyRef> foreign_keys_of(const QualifiedName& table, uint32_t seq) const;
  std::vector<ForeignKeyRef> foreign_keys_to(const QualifiedName& table, uint32_t seq) const;
  // The columns of the table's primary key; empty when unknown.
  std::vector<std::string> primary_key(const QualifiedName& table, uint32_t seq) const;
  // The columns known to be unique on their own: a one-column primary key, UNIQUE
  // constraint or unique index (without WHERE). An equality on one matches one row.
  std::vector<std::string> unique_columns(const QualifiedName& table, uint32_t seq) const;
  // Every partition of a partitioned table, sub-partitions included, as far as known.
  std::vector<QualifiedName> partitions(const QualifiedName& parent, uint32_t seq) const;
  std::optional<QualifiedName> default_partition(const QualifiedName& parent,
                                                 uint32_t seq) const;

 private:
  // An object's versions, each with the sequence number of the statement that set it (no
  // value: dropped or unknown), in statement order. Most objects are set once and never
  // changed (1.08 versions a name on 5,000 generated migrations), so the first version is
  // kept in place and only later ones on the heap: one block an object fewer, and 8 bytes
  // for the later ones' pointer rather than an empty vector's 24.
  template <typename T>
  class Versioned {
   public:
    struct Change {
      uint32_t seq;
      std::optional<T> value;
    };
    using Value = T;
    Versioned(uint32_t seq, std::optional<T> value) : first_{seq, std::move(value)} {}
    void add(uint32_t seq, std::optional<T> value);
    uint32_t first_seq() const { return first_.seq; }
    // The last change before `seq` (nullptr: none).
    const Change* last_before(uint32_t seq) const;
    // The value before `seq`, unknown (nullptr) when SQL zerodown cannot see ran since it
    // was set: at one of the sequence numbers `forgotten`, in order, from the set's own on.
    const T* at(uint32_t seq, const std::vector<uint32_t>& forgotten) const;
    // The value before `seq` as the statements zerodown read left it, whatever ran unseen.
    const T* last_known(uint32_t seq) const;

   private:
    // How many changes came before `seq`; change(i) is the i-th of all of them.
    size_t count_before(uint32_t seq) const;
    const Change& change(size_t i) const { return i == 0 ? first_ : (*later_)[i - 1]; }
    Change first_;
    std::unique_ptr<std::vector<Change>> later_;  // null until a second change
  };
  // Objects by name, hashed: no query lists them in name order.
  template <typename T>
  using ByName = std::unordered_map<QualifiedName, Versioned<T>>;
  // A table's columns or constraints, by name: a table is found by one hash and one name
  // comparison, not a dozen comparisons of (table, name) pairs, and the name needs no copy
  // to be looked up. Constraints stay in name order, the order the queries that list them
  // (foreign keys, unique columns, CHECK conditions) report. Columns are hashed: no query
  // lists them in order, and a table that migrations keep widening (thousands of ADD
  // COLUMNs over the years) made every lookup a dozen string comparisons, each a cache miss
  // once the catalog outgrew the cache.
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view name) const noexcept {
      return name_hash(name);
    }
  };
  template <typename T>
  using Named = std::conditional_t<
      std::is_same_v<T, ColumnState>,
      std::unordered_map<std::string, Versioned<T>, NameHash, std::equal_to<>>,
      std::map<std::string, Versioned<T>, std::less<>>>;
  // A table's indexes: the names (keys of indexes_) of every index set on it since its last
  // rename, in the order set, a name perhaps more than once. Only a RENAME of the table reads
  // them, to move those still on it. Kept in order of the names they point at, each of the
  // 50 MB file's CREATE INDEXes compared a dozen names elsewhere in memory, for tables of
  // thousands of indexes (some 60 ms of its replay).
  using IndexNames = std::vector<const QualifiedName*>;
  // What the catalog keeps under a table's name, in one entry: a folder of thousands of
  // tables keeps one hash node and one copy of the name per table, not one in each of four
  // maps (up to 576 bytes a table, where this entry takes 288).
  struct TableObjects {
    Named<ColumnState> columns;
    Named<ConstraintState> constraints;
    // How many one-column UNIQUE indexes (without WHERE) each column has. Counted rather
    // than listed: an UPDATE's "is this WHERE column unique?" then reads one entry per
    // column, not every unique index the table ever had (a long file that keeps adding
    // them made each UPDATE and DELETE slower than the last).
    Named<uint32_t> unique_indexed;
    // Its indexes (IndexNames): pointers to the names that key indexes_ (whose entries are
    // never erased, and do not move when it rehashes) rather than a second copy of each
    // name, some 160 bytes an index a folder keeps for the whole run.
    IndexNames indexes;
  };
  // One kind of a table's objects: columns_, constraints_ or unique_indexed_ (below).
  template <typename T>
  using ByTable = Named<T> TableObjects::*;
  using ColumnKey = std::pair<QualifiedName, std::string>;

  // Adds a version under `key`, the first one if the map has none: returns the entry.
  template <typename Map, typename T>
  static auto& record(Map& map, const typename Map::key_type& key, uint32_t seq,
                      std::optional<T> value);
  template <typename T>
  static void set(ByName<T>& map, const QualifiedName& key, uint32_t seq, std::optional<T> value);
  // The value type of a table's objects of one kind (`Map`: Named<T>).
  template <typename Map>
  using ValueOf = typename Map::mapped_type::Value;
  template <typename Map>
  void set(Map TableObjects::*part, const ColumnKey& key, uint32_t seq,
           std::optional<ValueOf<Map>> value);
  // Every write to constraints_ lands here (an exact match wins over the template), so
  // that referencing_ follows every foreign key.
  void set(ByTable<ConstraintState> part, const ColumnKey& key, uint32_t seq,
           std::optional<ConstraintState> value);
  // Likewise every write to relations_, for partitions_.
  void set(ByName<RelationState>& map, const QualifiedName& key, uint32_t seq,
           std::optional<RelationState> value);
  // Likewise every write to indexes_, for a table's indexes and unique_indexed_.
  void set(ByName<IndexState>& map, const QualifiedName& key, uint32_t seq,
           std::optional<IndexState> value);
  // The catalog's copy of a name: its key in `map`, whose entries are never erased and do
  // not move when it rehashes. A state points at it rather than keeping a copy of its own.
  template <typename Map>
  static const QualifiedName* name_in(Map& map, const QualifiedName& name);
  // A table's entry in tables_, made when first asked for. The replay asks for the same
  // table several times a statement (for each column and each key of a CREATE TABLE, each
  // subcommand of an ALTER TABLE), and in a catalog of hundreds of thousands of objects each
  // hash lookup missed the cache: the entry last asked for is kept at hand.
  std::pair<const QualifiedName, TableObjects>& table_entry(const QualifiedName& table);
  // The relations that have at some point been partitions of a table.
  const std::set<QualifiedName>& partition_candidates(const QualifiedName& parent) const;
  template <typename T>
  static const Versioned<T>* versions(const ByName<T>& map, const QualifiedName& name);
  template <typename Map>
  const typename Map::mapped_type* versions(Map TableObjects::*part, const QualifiedName& table,
                               std::string_view name) const;
  // The current value (after every statement applied so far).
  template <typename T>
  const T* current(const ByName<T>& map, const QualifiedName& name) const;
  template <typename Map>
  const ValueOf<Map>* current(Map TableObjects::*part, const ColumnKey& key) const;
  // Calls f(value) for each constraint of the table as it was before `seq`, in name order.
  template <typename F>
  void each_constraint(const QualifiedName& table, uint32_t seq, F f) const;

  void create_table(Node stmt, uint32_t seq, uint32_t transaction);
  void alter_table(Node stmt, uint32_t seq, uint32_t transaction);
  void add_column(const QualifiedName& table, Node column_def, uint32_t seq,
                  uint32_t transaction);
  void add_constraint(const QualifiedName& table, Node con, std::string_view column,
                      uint32_t seq, uint32_t transaction);
  void rename(Node stmt, uint32_t seq);
  void drop(Node stmt, uint32_t seq);
  void alter_domain(Node stmt, uint32_t seq);
  // The catalog's copy of a column's type (see ColumnState).
  const ColumnType* intern(ColumnType type);
  void set_partition_of(const QualifiedName& partition, const QualifiedName* parent,
                        bool is_default, uint32_t seq);
  // A table dropped by an earlier statement (not merely unknown).
  bool dropped(const QualifiedName& table, uint32_t seq) const;

  ByName<RelationState> relations_;
  ByName<IndexState> indexes_;
  ByName<uint32_t> types_;  // value: created by statement
  ByName<DomainState> domains_;
  std::unordered_map<QualifiedName, TableObjects> tables_;
  // The entry table_entry() found last: a node of tables_, which moves with it (a moved-from
  // catalog forgets it).
  struct LastTable {
    std::pair<const QualifiedName, TableObjects>* entry = nullptr;
    LastTable() = default;
    LastTable(LastTable&& from) noexcept : entry(std::exchange(from.entry, nullptr)) {}
    LastTable& operator=(LastTable&& from) noexcept {
      entry = std::exchange(from.entry, nullptr);
      return *this;
    }
  };
  LastTable last_table_;
  // Every column type, once (see ColumnState), hashed: each column added is looked up here,
  // and no query lists them.
  struct ColumnTypeHash {
    size_t operator()(const ColumnType& t) const noexcept {
      uint64_t h = name_hash(t.name) ^ static_cast<uint64_t>(t.array);
      for (const int64_t mod : t.typmods) {
        h = (h ^ static_cast<uint64_t>(mod)) * 0x9E3779B97F4A7C15ull;
      }
      return h;
    }
  };
  std::unordered_set<ColumnType, ColumnTypeHash> column_types_;
  static constexpr ByTable<ColumnState> columns_ = &TableObjects::columns;
  static constexpr ByTable<ConstraintState> constraints_ = &TableObjects::constraints;
  static constexpr ByTable<uint32_t> unique_indexed_ = &TableObjects::unique_indexed;
  // value: the statement that deleted every row (TRUNCATE, DELETE without WHERE); no
  // value once a row may have been added again. Kept apart from relations_: a table the
  // catalog never saw created can still be known empty.
  ByName<uint32_t> emptied_;
  // The constraints that have at some point been a foreign key to a table: which ones to
  // read for the keys pointing at it, rather than every constraint of the file for every
  // statement (which made a long file quadratic). Each set is in name order, the order
  // foreign_keys_to() lists them in.
  std::unordered_map<QualifiedName, std::set<ColumnKey>> referencing_;
  std::unordered_map<QualifiedName, std::set<QualifiedName>> partitions_;  // the same, for partitions
  uint32_t unnamed_constraints_ = 0;
  std::vector<std::pair<uint32_t, uint32_t>> review_;
  std::vector<std::pair<uint32_t, uint32_t>> reruns_;
  // The sequence numbers forget() was called at, in order. Forgetting marks nothing: a
  // value is unknown when one of them comes after it was set (Versioned::at). Marking every
  // known object at each forget() made a file of many EXECUTEs of computed strings
  // quadratic: 10,000 of them after 10,000 CREATE TABLEs took over 20 s.
  std::vector<uint32_t> forgotten_;
};

}  // namespace zd
