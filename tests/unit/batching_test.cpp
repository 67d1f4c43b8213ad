// zd::where_bounds_a_batch: which WHERE clauses limit an UPDATE/DELETE to a batch.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "analysis/batching.hpp"
#include "model/migration.hpp"

namespace {

// Parses `UPDATE t SET a = 1 WHERE <where>` and asks about its WHERE, `unique` being the
// columns the catalog knows to be unique.
bool bounds(const std::string& where, const std::vector<std::string>& unique = {}) {
  auto d = zd::decode_source("t.sql", "UPDATE t SET a = 1" +
                                          (where.empty() ? std::string() : " WHERE " + where));
  REQUIRE(d.source);
  const auto m = zd::parse_migration(*d.source);
  REQUIRE(m->statements().size() == 1);
  const auto& s = m->statements()[0];
  REQUIRE_FALSE(s.error);
  REQUIRE(s.is("UpdateStmt"));
  return zd::where_bounds_a_batch(s.node.child("whereClause"), unique);
}

}  // namespace

TEST_CASE("batching: key equalities and lists bound a batch") {
  CHECK(bounds("id = 42"));
  CHECK(bounds("42 = id"));
  CHECK(bounds("id = $1"));
  CHECK(bounds("t.id = 42"));
  CHECK(bounds("id = '42'::bigint"));
  CHECK(bounds("user_id = 7"));
  CHECK(bounds("uuid = 'c0ffee00-0000-0000-0000-000000000000'"));
  CHECK(bounds("id IN (1, 2, 3)"));
  CHECK(bounds("id = ANY('{1,2,3}')"));
  CHECK(bounds("id = ANY(ARRAY[1, 2, 3])"));
  CHECK(bounds("id = ANY($1)"));
  CHECK(bounds("id = 1 AND name IS NULL"));
  CHECK(bounds("name IS NULL AND id = 1"));
  CHECK(bounds("id = 1 OR id = 2"));
  CHECK(bounds("oid = 'f(int)'::regprocedure"));  // a system catalog's key
}

TEST_CASE("batching: a column known to be unique is a key whatever its name") {
  CHECK_FALSE(bounds("name = 'x'"));
  CHECK(bounds("name = 'x'", {"name"}));
  CHECK(bounds("t.name IN ('x', 'y')", {"name"}));
  CHECK_FALSE(bounds("label IN ('x', 'y')", {"name"}));
}

TEST_CASE("batching: a range with both ends on one column bounds a batch") {
  CHECK(bounds("id >= 1 AND id < 10001"));
  CHECK(bounds("id < 10001 AND id >= 1"));
  CHECK(bounds("1 <= id AND id < 10001"));
  CHECK(bounds("id > $1 AND id <= $2"));
  CHECK(bounds("id BETWEEN 1 AND 10000"));
  CHECK(bounds("id BETWEEN $1 AND $2 AND name IS NULL"));
  CHECK(bounds("name IS NULL AND id >= 1 AND id < 1000"));
}

TEST_CASE("batching: a LIMITed sub-select bounds a batch") {
  CHECK(bounds("id IN (SELECT id FROM t WHERE a IS NULL ORDER BY id LIMIT 1000)"));
  CHECK(bounds("id = ANY(ARRAY(SELECT id FROM t WHERE a IS NULL LIMIT 1000))"));
  CHECK(bounds("ctid = ANY(ARRAY(SELECT ctid FROM t WHERE a IS NULL LIMIT 500))"));
  CHECK(bounds("id IN (SELECT id FROM t WHERE a IS NULL FETCH FIRST 100 ROWS ONLY)"));
  CHECK(bounds("id IN (SELECT id FROM t LIMIT 100 FOR UPDATE SKIP LOCKED)"));
}

TEST_CASE("batching: anything else can match every row") {
  CHECK_FALSE(bounds(""));
  CHECK_FALSE(bounds("name = 'x'"));
  CHECK_FALSE(bounds("a IS NULL"));
  CHECK_FALSE(bounds("id > 5"));
  CHECK_FALSE(bounds("id <> 5"));
  CHECK_FALSE(bounds("id >= 1 AND id >= 2"));
  CHECK_FALSE(bounds("id >= 1 AND name < 'x'"));
  CHECK_FALSE(bounds("id >= 1 OR id < 10"));
  CHECK_FALSE(bounds("id = 1 OR name = 'x'"));
  CHECK_FALSE(bounds("NOT (id = 1)"));
  CHECK_FALSE(bounds("id = other_id"));
  CHECK_FALSE(bounds("true"));
  CHECK_FALSE(bounds("id IN (SELECT id FROM t WHERE a IS NULL)"));
  CHECK_FALSE(bounds("EXISTS (SELECT 1 FROM u WHERE u.id = t.id)"));
  CHECK_FALSE(bounds("id = ANY(ARRAY(SELECT id FROM t))"));
}

TEST_CASE("batching: a LIMIT deeper inside does not bound the outer sub-select") {
  // The inner LIMIT picks one flag; the outer sub-select still returns every row.
  CHECK_FALSE(bounds("id IN (SELECT id FROM t WHERE flag IN (SELECT f FROM flags LIMIT 1))"));
  CHECK_FALSE(bounds("id IN (SELECT id FROM t WHERE a = (SELECT max(a) FROM t LIMIT 1))"));
  CHECK_FALSE(bounds("name IN (SELECT name FROM t LIMIT 10) OR a IS NULL"));
  CHECK_FALSE(bounds("id IN (SELECT id FROM t WHERE a IS NULL LIMIT ALL)"));
}

TEST_CASE("batching: migration runners' bookkeeping tables") {
  CHECK(zd::is_runner_bookkeeping_table("alembic_version"));
  CHECK(zd::is_runner_bookkeeping_table("schema_migrations"));
  CHECK(zd::is_runner_bookkeeping_table("flyway_schema_history"));
  CHECK(zd::is_runner_bookkeeping_table("django_migrations"));
  CHECK_FALSE(zd::is_runner_bookkeeping_table("users"));
  CHECK_FALSE(zd::is_runner_bookkeeping_table("schema_migrations_backup"));
}

namespace {

// The whole statement, for dml_bounds_a_batch.
bool statement_bounds(const std::string& sql) {
  auto d = zd::decode_source("t.sql", sql);
  REQUIRE(d.source);
  const auto m = zd::parse_migration(*d.source);
  REQUIRE(m->statements().size() == 1);
  const auto& s = m->statements()[0];
  REQUIRE_FALSE(s.error);
  return zd::dml_bounds_a_batch(s.node);
}

}  // namespace

TEST_CASE("batching: a join to a LIMITed CTE or sub-select bounds a batch") {
  CHECK(statement_bounds(
      "WITH batch AS (SELECT id FROM users WHERE a IS NULL ORDER BY id LIMIT 1000) "
      "UPDATE users SET a = 1 WHERE id IN (SELECT id FROM batch)"));
  CHECK(statement_bounds(
      "WITH batch AS (SELECT id FROM users WHERE a IS NULL LIMIT 1000) "
      "UPDATE users SET a = 1 FROM batch WHERE users.id = batch.id"));
  CHECK(statement_bounds(
      "WITH batch AS (SELECT id FROM users WHERE a IS NULL LIMIT 1000) "
      "UPDATE users u SET a = 1 FROM batch b WHERE b.id = u.id AND u.a IS NULL"));
  CHECK(statement_bounds(
      "UPDATE users u SET a = 1 FROM (SELECT id FROM users WHERE a IS NULL LIMIT 1000) b "
      "WHERE u.id = b.id"));
  CHECK(statement_bounds(
      "DELETE FROM events e USING (SELECT id FROM events WHERE at < now() LIMIT 5000) old "
      "WHERE e.id = old.id"));
  CHECK(statement_bounds(
      "WITH old AS (SELECT id FROM events LIMIT 5000) DELETE FROM events WHERE id IN "
      "(SELECT id FROM old)"));
  // The plain WHERE rules still apply
  CHECK(statement_bounds("UPDATE users SET a = 1 WHERE id = 5"));
}

TEST_CASE("batching: a join to an unlimited CTE or table bounds nothing") {
  CHECK_FALSE(statement_bounds("UPDATE users SET a = 1"));
  CHECK_FALSE(statement_bounds(
      "WITH batch AS (SELECT id FROM users WHERE a IS NULL) "
      "UPDATE users SET a = 1 WHERE id IN (SELECT id FROM batch)"));
  CHECK_FALSE(statement_bounds(
      "UPDATE users SET a = j.a FROM jobs j WHERE users.id = j.user_id"));
  CHECK_FALSE(statement_bounds(
      "UPDATE users u SET a = 1 FROM (SELECT id FROM users WHERE a IS NULL) b WHERE u.id = b.id"));
  // A LIMITed CTE that the WHERE does not use
  CHECK_FALSE(statement_bounds(
      "WITH batch AS (SELECT id FROM users LIMIT 10) UPDATE users SET a = 1 WHERE a IS NULL"));
  // Joined, but only on one side of an OR
  CHECK_FALSE(statement_bounds(
      "WITH batch AS (SELECT id FROM users LIMIT 10) UPDATE users SET a = 1 FROM batch "
      "WHERE users.id = batch.id OR users.a IS NULL"));
  // A table in another schema with the CTE's name is not the CTE
  CHECK_FALSE(statement_bounds(
      "WITH batch AS (SELECT id FROM users LIMIT 10) UPDATE users SET a = 1 "
      "WHERE id IN (SELECT id FROM app.batch)"));
}
