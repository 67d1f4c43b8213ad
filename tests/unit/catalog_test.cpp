// zd::Catalog's versions: what an object was before each statement, when it changed more than
// once, and what forget() hides and what it only makes unknown.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "context/context.hpp"

namespace {

struct Replayed {
  std::unique_ptr<zd::Source> source;
  std::unique_ptr<zd::Migration> m;
  std::unique_ptr<zd::History> history = std::make_unique<zd::History>();
  std::unique_ptr<zd::FileContext> ctx;
  const zd::Catalog& catalog() const { return ctx->catalog(); }
  // The sequence number of statement i: queries at it see the statements before it.
  uint32_t before(size_t i) const { return ctx->sequence(m->statements().at(i)); }
};

Replayed replay(std::string sql) {
  auto d = zd::decode_source("t.sql", std::move(sql));
  REQUIRE(d.source);
  Replayed r;
  r.source = std::make_unique<zd::Source>(std::move(*d.source));
  r.m = zd::parse_migration(*r.source);
  for (const auto& s : r.m->statements()) REQUIRE_FALSE(s.error);
  r.ctx = std::make_unique<zd::FileContext>(*r.m, zd::LintOptions{}, *r.history);
  return r;
}

const zd::QualifiedName t{"public", "t"};

std::string type_of(const Replayed& r, const char* column, size_t before) {
  const zd::ColumnState* c = r.catalog().column(t, column, r.before(before));
  return c ? c->type->display() : "(none)";
}

}  // namespace

TEST_CASE("catalog: a column's type as of each statement, through several changes") {
  const auto r = replay(
      "CREATE TABLE t (a int, b int, c varchar(20));\n"  // 0
      "ALTER TABLE t ALTER a TYPE bigint;\n"             // 1
      "ALTER TABLE t ALTER a TYPE numeric(10,2);\n"      // 2
      "ALTER TABLE t RENAME a TO d;\n"                   // 3
      "ALTER TABLE t ALTER c TYPE varchar(20)[];\n"      // 4
      "SELECT 5;\n");
  CHECK(type_of(r, "a", 0) == "(none)");
  CHECK(type_of(r, "a", 1) == "int4");
  CHECK(type_of(r, "a", 2) == "int8");
  CHECK(type_of(r, "a", 3) == "numeric(10,2)");
  CHECK(type_of(r, "a", 4) == "(none)");
  CHECK(type_of(r, "d", 3) == "(none)");
  CHECK(type_of(r, "d", 4) == "numeric(10,2)");
  // Columns of the same type do not change with each other.
  CHECK(type_of(r, "b", 5) == "int4");
  CHECK(type_of(r, "c", 4) == "varchar(20)");
  CHECK(type_of(r, "c", 5) == "varchar(20)[]");
  CHECK(r.catalog().column(t, "b", r.before(5))->type ==
        r.catalog().column(t, "a", r.before(1))->type);
}

TEST_CASE("catalog: forget() makes every version unknown; the last known one still shows") {
  const auto r = replay(
      "CREATE TABLE t (id int);\n"                                    // 0
      "ALTER TABLE t SET TABLESPACE fast;\n"                          // 1
      "CREATE INDEX i ON t (id);\n"                                   // 2
      "SELECT 3;\n"                                                   // 3
      "DO $$ BEGIN EXECUTE current_setting('x'); END $$;\n"           // 4
      "DO $$ BEGIN EXECUTE current_setting('y'); END $$;\n"           // 5
      "SELECT 6;\n"                                                   // 6
      "DROP INDEX i;\n"                                               // 7
      "SELECT 8;\n");
  REQUIRE(r.m->statements().size() == 9);
  const zd::Catalog& catalog = r.catalog();
  REQUIRE(catalog.relation(t, r.before(2)));
  CHECK(catalog.relation(t, r.before(2))->tablespace == "fast");
  CHECK(catalog.relation(t, r.before(1))->tablespace.empty());
  CHECK(catalog.column(t, "id", r.before(3)));
  CHECK(catalog.index_exists({"public", "i"}, r.before(3)));
  // After the dynamic SQL nothing is known (the second DO finds nothing left to forget), but
  // the table is still the one this file made, as it was last seen.
  CHECK_FALSE(catalog.relation(t, r.before(6)));
  CHECK_FALSE(catalog.column(t, "id", r.before(6)));
  CHECK(catalog.column_in_review(t, "id", r.before(6)));
  const zd::RelationState* last = catalog.last_known_relation(t, r.before(6));
  REQUIRE(last);
  CHECK(last->tablespace == "fast");
  CHECK(catalog.relation_in_review(t, r.before(6)));
  // An index made unknown is not dropped; DROP INDEX drops it.
  CHECK_FALSE(catalog.index_exists({"public", "i"}, r.before(6)));
  CHECK_FALSE(catalog.index_dropped({"public", "i"}, r.before(6)));
  CHECK(catalog.index_in_review({"public", "i"}, r.before(6)));
  CHECK(catalog.index_dropped({"public", "i"}, r.before(8)));
  CHECK_FALSE(catalog.index_in_review({"public", "i"}, r.before(8)));
}

TEST_CASE("catalog: partitions and foreign keys follow their table's new name") {
  const auto r = replay(
      "CREATE TABLE p (id int PRIMARY KEY, at date) PARTITION BY RANGE (at);\n"           // 0
      "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');\n"  // 1
      "CREATE TABLE pd PARTITION OF p DEFAULT;\n"                                         // 2
      "CREATE TABLE r (id int REFERENCES p (id));\n"                                      // 3
      "ALTER TABLE p RENAME TO q;\n"                                                      // 4
      "ALTER TABLE q DETACH PARTITION p1;\n"                                              // 5
      "SELECT 6;\n");
  const zd::Catalog& catalog = r.catalog();
  const zd::QualifiedName p{"public", "p"}, q{"public", "q"}, p1{"public", "p1"},
      pd{"public", "pd"};
  using Names = std::vector<zd::QualifiedName>;
  CHECK(catalog.partitions(p, r.before(3)) == Names{p1, pd});
  CHECK(catalog.default_partition(p, r.before(3)) == pd);
  REQUIRE(catalog.foreign_keys_to(p, r.before(4)).size() == 1);
  CHECK(catalog.foreign_keys_to(p, r.before(4))[0].table.name == "r");

  CHECK(catalog.partitions(p, r.before(5)).empty());
  CHECK(catalog.partitions(q, r.before(5)) == Names{p1, pd});
  CHECK(catalog.foreign_keys_to(p, r.before(5)).empty());
  const auto to_q = catalog.foreign_keys_to(q, r.before(5));
  REQUIRE(to_q.size() == 1);
  CHECK(*to_q[0].constraint->references == q);
  // The key as it was before the rename still names the old table.
  CHECK(*catalog.foreign_keys_to(p, r.before(4))[0].constraint->references == p);

  CHECK(catalog.partitions(q, r.before(6)) == Names{pd});
  CHECK(catalog.default_partition(q, r.before(6)) == pd);
  REQUIRE(catalog.relation(p1, r.before(6)));
  CHECK_FALSE(catalog.relation(p1, r.before(6))->partition_of);
  CHECK(*catalog.relation(p1, r.before(5))->partition_of == q);
}
