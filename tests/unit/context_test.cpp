// zd::FileContext: the transaction each statement runs in, the timeouts in force, and the
// relations created earlier in the file; and the catalog it replays them into: each object's
// versions as of a statement, and what forget() hides.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "context/context.hpp"

namespace {

struct Ctx {
  std::unique_ptr<zd::Source> source;
  std::unique_ptr<zd::Migration> m;
  std::unique_ptr<zd::History> history = std::make_unique<zd::History>();
  std::unique_ptr<zd::FileContext> ctx;
  const zd::Statement& operator[](size_t i) const { return m->statements().at(i); }
  const zd::StatementContext& at(size_t i) const { return ctx->at((*this)[i]); }
  size_t size() const { return m->statements().size(); }
  bool created(const char* schema, const char* name, size_t before) const {
    return ctx->created_before(zd::QualifiedName{schema, name}, (*this)[before]);
  }
};

Ctx context(std::string sql, zd::LintOptions options = {}) {
  auto d = zd::decode_source("t.sql", std::move(sql));
  REQUIRE(d.source);
  Ctx c;
  c.source = std::make_unique<zd::Source>(std::move(*d.source));
  c.m = zd::parse_migration(*c.source);
  for (const auto& s : c.m->statements()) REQUIRE_FALSE(s.error);
  c.ctx = std::make_unique<zd::FileContext>(*c.m, options, *c.history);
  return c;
}

// The sequence number of statement i: catalog queries at it see the statements before it.
uint32_t seq_before(const Ctx& c, size_t i) { return c.ctx->sequence(c[i]); }

std::string type_of(const Ctx& c, const char* column, size_t i) {
  const zd::ColumnState* col =
      c.ctx->catalog().column(zd::QualifiedName{"public", "t"}, column, seq_before(c, i));
  return col ? col->type->display() : "(none)";
}

zd::LintOptions in_transaction() {
  zd::LintOptions o;
  o.assume_in_transaction = true;
  return o;
}

}  // namespace

TEST_CASE("context: autocommit by default") {
  const auto c = context("SELECT 1;\nSELECT 2;");
  CHECK_FALSE(c.at(0).in_transaction());
  CHECK_FALSE(c.at(1).in_transaction());
  CHECK_FALSE(c.at(0).explicit_transaction);
  CHECK_FALSE(c.at(0).lock_timeout);
  CHECK_FALSE(c.at(0).statement_timeout);
}

TEST_CASE("context: BEGIN … COMMIT, START TRANSACTION … END, ROLLBACK") {
  const auto c = context(
      "SELECT 0;\n"
      "BEGIN;\nSELECT 2;\nCOMMIT;\n"              // 1..3
      "SELECT 4;\n"
      "START TRANSACTION;\nSELECT 6;\nEND;\n"     // 5..7
      "BEGIN;\nSELECT 9;\nROLLBACK;\n"            // 8..10
      "BEGIN WORK;\nSELECT 12;\nABORT;\n"         // 11..13
      "SELECT 14;");
  REQUIRE(c.size() == 15);
  CHECK_FALSE(c.at(0).in_transaction());
  CHECK(c.at(1).in_transaction());
  CHECK(c.at(2).in_transaction());
  CHECK(c.at(2).explicit_transaction);
  CHECK(c.at(3).in_transaction());  // COMMIT runs inside the block it ends
  CHECK_FALSE(c.at(4).in_transaction());
  CHECK(c.at(6).in_transaction());
  CHECK(c.at(6).explicit_transaction);
  CHECK_FALSE(c.at(6).transaction == c.at(2).transaction);
  CHECK(c.at(9).in_transaction());
  CHECK(c.at(12).in_transaction());
  CHECK(c.at(14).transaction == 0);
  CHECK_FALSE(c.at(14).explicit_transaction);
  CHECK(c.at(9).transaction != c.at(12).transaction);
}

TEST_CASE("context: savepoints do not end the transaction") {
  const auto c = context(
      "BEGIN;\nSAVEPOINT a;\nSELECT 2;\nROLLBACK TO SAVEPOINT a;\nRELEASE SAVEPOINT a;\n"
      "SELECT 5;\nCOMMIT;\nSELECT 7;");
  for (size_t i = 0; i <= 6; ++i) {
    INFO("statement ", i);
    CHECK(c.at(i).in_transaction());
    CHECK(c.at(i).transaction == c.at(0).transaction);
  }
  CHECK_FALSE(c.at(7).in_transaction());
}

TEST_CASE("context: COMMIT AND CHAIN starts the next transaction") {
  const auto c = context("BEGIN;\nSELECT 1;\nCOMMIT AND CHAIN;\nSELECT 3;\nCOMMIT;\nSELECT 5;");
  CHECK(c.at(3).in_transaction());
  CHECK(c.at(3).explicit_transaction);
  CHECK(c.at(3).transaction != c.at(1).transaction);
  CHECK_FALSE(c.at(5).in_transaction());
}

TEST_CASE("context: --assume-in-transaction wraps the file in one transaction") {
  const auto c = context("SELECT 0;\nSELECT 1;", in_transaction());
  CHECK(c.at(0).in_transaction());
  CHECK_FALSE(c.at(0).explicit_transaction);
  CHECK(c.at(1).transaction == c.at(0).transaction);

  // A COMMIT in the file commits the runner's transaction: what follows is autocommit.
  const auto d = context("SELECT 0;\nCOMMIT;\nSELECT 2;", in_transaction());
  CHECK(d.at(0).in_transaction());
  CHECK_FALSE(d.at(2).in_transaction());

  // A BEGIN inside the runner's transaction is ignored by PostgreSQL; its COMMIT ends
  // the runner's transaction.
  const auto e = context("SELECT 0;\nBEGIN;\nSELECT 2;\nCOMMIT;\nSELECT 4;", in_transaction());
  CHECK(e.at(2).transaction == e.at(0).transaction);
  CHECK(e.at(1).nested_begin);
  CHECK_FALSE(e.at(4).in_transaction());
}

TEST_CASE("context: SET lock_timeout and statement_timeout at session level") {
  const auto c = context(
      "SELECT 0;\n"
      "SET lock_timeout = '2s';\n"
      "SELECT 2;\n"
      "SET statement_timeout TO 30000;\n"
      "SELECT 4;\n"
      "SET lock_timeout = 0;\n"
      "SELECT 6;\n"
      "SET SESSION lock_timeout = '1500ms';\n"
      "SELECT 8;\n"
      "SET lock_timeout = '0ms';\n"
      "SELECT 10;\n"
      "SET lock_timeout = '0.5s';\n"
      "SELECT 12;\n"
      "SET lock_timeout TO DEFAULT;\n"
      "SELECT 14;\n"
      "SET lock_timeout = 5000;\n"
      "RESET lock_timeout;\n"
      "SELECT 17;\n"
      "SET lock_timeout = '3s';\n"
      "RESET ALL;\n"
      "SELECT 20;\n");
  REQUIRE(c.size() == 21);
  CHECK_FALSE(c.at(0).lock_timeout);
  CHECK(c.at(1).lock_timeout);  // in force from the SET itself on
  CHECK(c.at(2).lock_timeout);
  CHECK_FALSE(c.at(2).statement_timeout);
  CHECK(c.at(4).statement_timeout);
  CHECK(c.at(4).lock_timeout);
  CHECK_FALSE(c.at(6).lock_timeout);  // 0 disables it
  CHECK(c.at(6).statement_timeout);
  CHECK(c.at(8).lock_timeout);
  CHECK_FALSE(c.at(10).lock_timeout);
  CHECK(c.at(12).lock_timeout);
  CHECK_FALSE(c.at(14).lock_timeout);
  CHECK_FALSE(c.at(17).lock_timeout);
  CHECK_FALSE(c.at(20).lock_timeout);
  CHECK_FALSE(c.at(20).statement_timeout);
}

TEST_CASE("context: SET LOCAL lasts until the end of its transaction") {
  const auto c = context(
      "BEGIN;\nSET LOCAL lock_timeout = '2s';\nSELECT 2;\nCOMMIT;\nSELECT 4;\n"
      "SET LOCAL lock_timeout = '2s';\nSELECT 6;\n");  // outside a block: no effect
  CHECK(c.at(2).lock_timeout);
  CHECK_FALSE(c.at(4).lock_timeout);
  CHECK_FALSE(c.at(6).lock_timeout);

  // In the runner's transaction, SET LOCAL lasts for the whole file.
  const auto r = context("SET LOCAL lock_timeout = '2s';\nSELECT 1;", in_transaction());
  CHECK(r.at(1).lock_timeout);

  // SET LOCAL over a session value: the session value is back after COMMIT.
  const auto s = context(
      "SET lock_timeout = '1s';\nBEGIN;\nSET LOCAL lock_timeout = 0;\nSELECT 3;\nCOMMIT;\n"
      "SELECT 5;");
  CHECK_FALSE(s.at(3).lock_timeout);
  CHECK(s.at(5).lock_timeout);
}

TEST_CASE("context: ROLLBACK undoes a SET made in its transaction, COMMIT keeps it") {
  const auto c = context(
      "BEGIN;\nSET lock_timeout = '2s';\nSELECT 2;\nROLLBACK;\nSELECT 4;\n"
      "BEGIN;\nSET lock_timeout = '2s';\nCOMMIT;\nSELECT 8;\n"
      "BEGIN;\nSET lock_timeout = 0;\nROLLBACK;\nSELECT 12;\n");
  CHECK(c.at(2).lock_timeout);
  CHECK_FALSE(c.at(4).lock_timeout);
  CHECK(c.at(8).lock_timeout);
  CHECK(c.at(12).lock_timeout);  // the ROLLBACK undid the SET to 0
}

TEST_CASE("context: set_config") {
  const auto c = context(
      "SELECT set_config('lock_timeout', '2s', false);\nSELECT 1;\n"
      "SELECT pg_catalog.set_config('statement_timeout', '10min', false);\nSELECT 3;\n"
      "SELECT set_config('lock_timeout', '0', false);\nSELECT 5;\n");
  CHECK(c.at(1).lock_timeout);
  CHECK(c.at(3).statement_timeout);
  CHECK_FALSE(c.at(5).lock_timeout);

  const auto local = context(
      "SELECT set_config('lock_timeout', '2s', true);\nSELECT 1;\n"  // no transaction: no effect
      "BEGIN;\nSELECT set_config('lock_timeout', '2s', true);\nSELECT 4;\nCOMMIT;\nSELECT 6;\n");
  CHECK_FALSE(local.at(1).lock_timeout);
  CHECK(local.at(4).lock_timeout);
  CHECK_FALSE(local.at(6).lock_timeout);
}

TEST_CASE("context: other settings change nothing") {
  const auto c = context("SET search_path = app;\nSET lock_timeout = '1s';\nSET statement_timeout = 0;\nSELECT 3;");
  CHECK(c.at(3).lock_timeout);
  CHECK_FALSE(c.at(3).statement_timeout);
}

TEST_CASE("context: created tables by schema-qualified name") {
  const auto c = context(
      "CREATE TABLE s.t (id bigint);\n"         // 0
      "CREATE INDEX i ON other.t (id);\n"       // 1
      "CREATE TABLE u (id bigint);\n"           // 2
      "ALTER TABLE public.u ADD COLUMN a int;\n" // 3
      "CREATE TABLE \"Mixed\" (id bigint);\n"   // 4
      "SELECT 5;\n");
  CHECK_FALSE(c.created("s", "t", 0));  // not before its own CREATE
  CHECK(c.created("s", "t", 1));
  CHECK_FALSE(c.created("other", "t", 1));
  CHECK_FALSE(c.created("public", "t", 1));
  CHECK(c.created("public", "u", 3));
  CHECK(c.created("public", "Mixed", 5));
  CHECK_FALSE(c.created("public", "mixed", 5));
}

TEST_CASE("context: CREATE TABLE AS, views, and created indexes") {
  const auto c = context(
      "CREATE TABLE a AS SELECT 1 AS x;\n"
      "CREATE MATERIALIZED VIEW mv AS SELECT 1 AS x;\n"
      "CREATE VIEW v AS SELECT 1 AS x;\n"
      "CREATE INDEX a_x ON a (x);\n"
      "SELECT 4;");
  CHECK(c.created("public", "a", 4));
  CHECK(c.created("public", "mv", 4));
  CHECK(c.created("public", "v", 4));
  CHECK(c.ctx->index_created_before(zd::QualifiedName{"public", "a_x"}, c[4]));
  CHECK_FALSE(c.ctx->index_created_before(zd::QualifiedName{"public", "a_x"}, c[3]));
}

TEST_CASE("context: CREATE OR REPLACE VIEW keeps the age of the view it replaces") {
  const auto c = context(
      "CREATE VIEW v AS SELECT 1 AS x;\n"             // 0
      "CREATE OR REPLACE VIEW v AS SELECT 2 AS x;\n"  // 1
      "CREATE OR REPLACE VIEW w AS SELECT 1 AS x;\n"  // 2: w may exist from before the file
      "SELECT 3;\n");
  CHECK(c.created("public", "v", 3));
  CHECK_FALSE(c.created("public", "w", 3));
  // Without the folder's earlier files, a relation no statement named may still exist.
  CHECK_FALSE(c.ctx->catalog().never_existed(zd::QualifiedName{"public", "u"},
                                             c.ctx->sequence(c[3])));
}

TEST_CASE("context: after the folder's history, a relation no statement named did not exist") {
  zd::History history;
  const auto replay = [&](const char* sql, zd::Review review) {
    auto d = zd::decode_source("t.sql", sql);
    REQUIRE(d.source);
    auto m = zd::parse_migration(*d.source);
    const zd::FileContext ctx(*m, {}, history, review);
    return ctx.sequence(m->statements().back());
  };
  replay("CREATE TABLE users (id bigint);\nCREATE VIEW active_users AS SELECT id FROM users;\n",
         zd::Review::History);
  const uint32_t seq = replay(
      "CREATE OR REPLACE VIEW user_ids AS SELECT id FROM users;\nSELECT 1;\n", zd::Review::Alone);
  const zd::Catalog& catalog = history.catalog;
  CHECK(catalog.never_existed(zd::QualifiedName{"public", "user_ids"}, seq - 1));
  CHECK_FALSE(catalog.never_existed(zd::QualifiedName{"public", "active_users"}, seq));
  CHECK_FALSE(catalog.never_existed(zd::QualifiedName{"public", "users"}, seq));
  // The view the reviewed file made is new from then on.
  CHECK(catalog.relation_in_review(zd::QualifiedName{"public", "user_ids"}, seq));
  // A script the runner runs again may find its view there from the last run.
  zd::LintOptions reruns;
  reruns.reruns = true;
  auto d = zd::decode_source("R__views.sql", "CREATE OR REPLACE VIEW plans AS SELECT 1 AS x;\n");
  REQUIRE(d.source);
  const auto m = zd::parse_migration(*d.source);
  const zd::FileContext rerun(*m, reruns, history);
  const uint32_t first = rerun.sequence(m->statements().front());
  CHECK_FALSE(catalog.never_existed(zd::QualifiedName{"public", "plans"}, first));
  CHECK_FALSE(catalog.relation_in_review(zd::QualifiedName{"public", "plans"}, first + 1));
}

TEST_CASE("context: DROP and RENAME of created tables") {
  const auto c = context(
      "CREATE TABLE a (id bigint);\n"  // 0
      "DROP TABLE a;\n"                // 1
      "SELECT 2;\n"
      "CREATE TABLE b (id bigint);\n"  // 3
      "ALTER TABLE b RENAME TO c;\n"   // 4
      "SELECT 5;\n"
      "ALTER TABLE users RENAME TO people;\n"  // 6: users was not created here
      "SELECT 7;\n");
  CHECK(c.created("public", "a", 1));
  CHECK_FALSE(c.created("public", "a", 2));
  CHECK(c.created("public", "b", 4));
  CHECK_FALSE(c.created("public", "b", 5));
  CHECK(c.created("public", "c", 5));
  CHECK_FALSE(c.created("public", "people", 7));
}

TEST_CASE("context: ROLLBACK or COMMIT outside a transaction block changes no setting") {
  // PostgreSQL only warns "there is no transaction in progress".
  const auto c = context("SET lock_timeout = '2s';\nROLLBACK;\nSELECT 2;\nCOMMIT;\nSELECT 4;");
  CHECK(c.at(2).lock_timeout);
  CHECK(c.at(4).lock_timeout);
  CHECK_FALSE(c.at(2).in_transaction());
}

TEST_CASE("context: ROLLBACK of the runner's transaction undoes SETs from the file's start") {
  // The BEGIN is ignored inside the runner's transaction; the ROLLBACK ends that
  // transaction, and with it the SET made before the BEGIN.
  const auto c = context("SET lock_timeout = '2s';\nBEGIN;\nSELECT 2;\nROLLBACK;\nSELECT 4;",
                         in_transaction());
  CHECK(c.at(2).lock_timeout);
  CHECK_FALSE(c.at(4).lock_timeout);
  CHECK_FALSE(c.at(4).in_transaction());
}

TEST_CASE("context: a DO block's statements run in its transaction, or in one of their own") {
  // Outside a transaction block: one transaction for the body, a new one after each COMMIT.
  const auto c = context(
      "DO $$ BEGIN UPDATE a SET x = 1; UPDATE b SET x = 1; COMMIT; UPDATE c SET x = 1; END $$;\n"
      "SELECT 1;\n");
  REQUIRE(c.size() == 5);
  CHECK_FALSE(c.at(0).in_transaction());
  CHECK(c.at(1).in_transaction());
  CHECK(c.at(1).transaction == c.at(2).transaction);
  CHECK(c.at(3).in_transaction());
  CHECK(c.at(3).transaction != c.at(2).transaction);
  CHECK_FALSE(c.at(4).in_transaction());
  // Inside BEGIN … COMMIT: the block's transaction.
  const auto b = context("BEGIN;\nDO $$ BEGIN UPDATE a SET x = 1; END $$;\nCOMMIT;\n");
  REQUIRE(b.size() == 4);
  CHECK(b.at(2).transaction == b.at(1).transaction);
  CHECK(b.at(2).explicit_transaction);
}

TEST_CASE("context: a transaction's statements, as a range of the file") {
  const auto range = [](const Ctx& c, size_t i) {
    const zd::StatementRange r = c.ctx->transaction_of(c[i]);
    return std::pair{r.first, r.end};
  };
  const auto c = context(
      "SELECT 0;\nBEGIN;\nSELECT 2;\nCOMMIT;\n"
      "DO $$ BEGIN UPDATE a SET x = 1; COMMIT; UPDATE c SET x = 1; END $$;\nSELECT 7;");
  REQUIRE(c.size() == 8);
  CHECK(range(c, 0) == std::pair{0u, 1u});  // autocommit: the statement alone
  CHECK(range(c, 1) == std::pair{1u, 4u});  // BEGIN through COMMIT
  CHECK(range(c, 2) == std::pair{1u, 4u});
  CHECK(range(c, 3) == std::pair{1u, 4u});
  CHECK(range(c, 4) == std::pair{4u, 5u});  // the DO itself runs outside a block
  CHECK(range(c, 5) == std::pair{5u, 6u});  // each part of its body is a transaction
  CHECK(range(c, 6) == std::pair{6u, 7u});
  CHECK(range(c, 7) == std::pair{7u, 8u});

  // A folder's second file numbers its transactions after the first file's.
  const auto d = context("SELECT 0;\nSELECT 1;", in_transaction());
  const zd::FileContext second(*d.m, in_transaction(), *d.history);
  CHECK(second.at(d[1]).transaction != d.at(1).transaction);
  CHECK(second.transaction_of(d[1]).first == 0);
  CHECK(second.transaction_of(d[1]).end == 2);
}

TEST_CASE("context: SQL a body runs that zerodown cannot see leaves the catalog unknown, "
          "a new table new") {
  const auto c = context(
      "CREATE TABLE t (id int, email varchar(20));\n"
      "SELECT 1;\n"
      "DO $$ BEGIN EXECUTE current_setting('x'); END $$;\n"
      "SELECT 2;\n");
  REQUIRE(c.size() == 4);
  const zd::QualifiedName t{"public", "t"};
  CHECK(c.ctx->catalog().column(t, "email", c.ctx->sequence(c[1])));
  CHECK(c.created("public", "t", 1));
  CHECK_FALSE(c.ctx->catalog().column(t, "email", c.ctx->sequence(c[3])));
  CHECK_FALSE(c.ctx->catalog().relation(t, c.ctx->sequence(c[3])));
  // The dynamic SQL cannot make a table this file created old.
  CHECK(c.created("public", "t", 3));
}

TEST_CASE("context: a view naming a function does not run it") {
  const auto c = context(
      "CREATE TABLE t (id int);\n"
      "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN EXECUTE current_setting('x'); "
      "RETURN 1; END $$;\n"
      "CREATE VIEW v AS SELECT f();\n"
      "SELECT 1;\n"
      "SELECT f();\n"
      "SELECT 2;\n");
  const zd::QualifiedName t{"public", "t"};
  // Nothing ran after the view: t is known as it was.
  CHECK(c.ctx->catalog().relation(t, c.ctx->sequence(c[3])));
  // The SELECT ran the body's EXECUTE: t is unknown from there on.
  CHECK_FALSE(c.ctx->catalog().relation(t, c.ctx->sequence(c[c.size() - 1])));
}

TEST_CASE("context: the catalog lists tables and constraints in name order") {
  // Objects are found by hashed lookups; what the catalog lists must still come in name
  // order, whatever order the migration made them in, so that findings do not depend on
  // a hash.
  std::string sql = "CREATE DOMAIN money_t AS numeric;\n";
  const std::vector<std::string> made = {"public.zeta", "public.alpha", "other.beta",
                                         "public.mu",   "public.kappa", "public.delta",
                                         "other.alpha", "public.omega", "public.eta"};
  for (const std::string& table : made) {
    sql += "CREATE TABLE " + table + " (id int PRIMARY KEY, m money_t);\n";
  }
  sql +=
      "CREATE TABLE refs (z int, a int,\n"
      "  CONSTRAINT to_zeta FOREIGN KEY (z) REFERENCES zeta,\n"
      "  CONSTRAINT to_alpha FOREIGN KEY (a) REFERENCES alpha);\n"
      "ALTER TABLE refs RENAME TO refs2;\n"
      "SELECT 1;\n";
  const auto c = context(sql);
  const auto& catalog = c.ctx->catalog();
  const uint32_t end = c.ctx->sequence(c[c.size() - 1]);
  std::vector<std::string> listed;
  for (const auto& table : catalog.tables_using_type("money_t", end)) {
    listed.push_back(table.display());
  }
  std::vector<std::string> sorted = made;
  std::sort(sorted.begin(), sorted.end());
  CHECK(listed == sorted);
  const auto keys = catalog.foreign_keys_of(zd::QualifiedName{"public", "refs2"}, end);
  REQUIRE(keys.size() == 2);
  CHECK(keys[0].constraint->references->name == "alpha");
  CHECK(keys[1].constraint->references->name == "zeta");
  CHECK(catalog.foreign_keys_of(zd::QualifiedName{"public", "refs"}, end).empty());
  CHECK(catalog.primary_key(zd::QualifiedName{"public", "alpha"}, end) ==
        std::vector<std::string>{"id"});
}

TEST_CASE("context: a column is unique while one of its one-column unique indexes is left") {
  const auto c = context(
      "CREATE TABLE t (id int, email text, code text);\n"          // 0
      "CREATE UNIQUE INDEX t_email_a ON t (email);\n"             // 1
      "CREATE UNIQUE INDEX t_email_b ON t (email);\n"             // 2
      "CREATE UNIQUE INDEX t_code ON t (code) WHERE id > 0;\n"    // 3: partial, proves nothing
      "DROP INDEX t_email_a;\n"                                   // 4
      "SELECT 5;\n"
      "ALTER TABLE t RENAME TO u;\n"                              // 6
      "SELECT 7;\n"
      "ALTER INDEX t_email_b RENAME TO u_email;\n"                // 8
      "SELECT 9;\n"
      "DROP INDEX u_email;\n"                                     // 10
      "SELECT 11;\n"
      "CREATE UNIQUE INDEX u_email_again ON u (email);\n"         // 12
      "DO $$ BEGIN EXECUTE current_setting('x'); END $$;\n"       // 13
      "SELECT 14;\n");
  const auto& catalog = c.ctx->catalog();
  const auto unique = [&](const char* table, size_t before) {
    return catalog.unique_columns(zd::QualifiedName{"public", table}, c.ctx->sequence(c[before]));
  };
  using Columns = std::vector<std::string>;
  CHECK(unique("t", 1) == Columns{});
  CHECK(unique("t", 2) == Columns{"email"});
  // Two indexes on one column: the column is listed once, and stays unique when one goes.
  CHECK(unique("t", 3) == Columns{"email"});
  CHECK(unique("t", 5) == Columns{"email"});
  // The index moves with its table, and keeps its column when renamed itself.
  CHECK(unique("t", 7) == Columns{});
  CHECK(unique("u", 7) == Columns{"email"});
  CHECK(unique("u", 9) == Columns{"email"});
  CHECK(unique("u", 11) == Columns{});
  CHECK(unique("u", 13) == Columns{"email"});
  // After SQL zerodown cannot see, no index is known.
  CHECK(unique("u", 14) == Columns{});
  // A later statement does not change what was true before it.
  CHECK(unique("t", 2) == Columns{"email"});
}

TEST_CASE("context: a table renamed back and forth takes its indexes and columns each time") {
  const auto c = context(
      "CREATE TABLE t (id int, email text, code text);\n"  // 0
      "CREATE UNIQUE INDEX t_email ON t (email);\n"       // 1
      "DROP INDEX t_email;\n"                             // 2
      "CREATE UNIQUE INDEX t_email ON t (email);\n"       // 3: the same name set on t again
      "CREATE UNIQUE INDEX t_code ON t (code);\n"         // 4
      "DROP INDEX t_code;\n"                              // 5: dropped, not moved
      "ALTER TABLE t RENAME TO u;\n"                      // 6
      "SELECT 7;\n"
      "ALTER TABLE u RENAME TO t;\n"                      // 8
      "SELECT 9;\n"
      "ALTER TABLE t RENAME TO u;\n"                      // 10
      "ALTER TABLE u RENAME TO u;\n"                      // 11: its own name
      "SELECT 12;\n");
  const auto& catalog = c.ctx->catalog();
  const auto seq = [&](size_t before) { return c.ctx->sequence(c[before]); };
  const auto unique = [&](const char* table, size_t before) {
    return catalog.unique_columns(zd::QualifiedName{"public", table}, seq(before));
  };
  const auto has_column = [&](const char* table, const char* column, size_t before) {
    return catalog.column(zd::QualifiedName{"public", table}, column, seq(before)) != nullptr;
  };
  using Columns = std::vector<std::string>;
  CHECK(unique("t", 6) == Columns{"email"});
  for (const size_t before : {size_t{7}, size_t{12}}) {
    CHECK(unique("u", before) == Columns{"email"});
    CHECK(unique("t", before) == Columns{});
    CHECK(has_column("u", "email", before));
    CHECK_FALSE(has_column("t", "email", before));
  }
  CHECK(unique("t", 9) == Columns{"email"});
  CHECK(unique("u", 9) == Columns{});
  CHECK(has_column("t", "code", 9));
  CHECK_FALSE(has_column("u", "code", 9));
  CHECK(catalog.index_columns(zd::QualifiedName{"public", "t_email"}, seq(12)) == Columns{"email"});
  CHECK(catalog.index_columns(zd::QualifiedName{"public", "t_code"}, seq(12)) == Columns{});
}

TEST_CASE("catalog: a column's type as of each statement, through several changes") {
  const auto c = context(
      "CREATE TABLE t (a int, b int, c varchar(20));\n"  // 0
      "ALTER TABLE t ALTER a TYPE bigint;\n"             // 1
      "ALTER TABLE t ALTER a TYPE numeric(10,2);\n"      // 2
      "ALTER TABLE t RENAME a TO d;\n"                   // 3
      "ALTER TABLE t ALTER c TYPE varchar(20)[];\n"      // 4
      "SELECT 5;\n");
  const zd::QualifiedName t{"public", "t"};
  CHECK(type_of(c, "a", 0) == "(none)");
  CHECK(type_of(c, "a", 1) == "int4");
  CHECK(type_of(c, "a", 2) == "int8");
  CHECK(type_of(c, "a", 3) == "numeric(10,2)");
  CHECK(type_of(c, "a", 4) == "(none)");
  CHECK(type_of(c, "d", 3) == "(none)");
  CHECK(type_of(c, "d", 4) == "numeric(10,2)");
  // Columns of the same type do not change with each other.
  CHECK(type_of(c, "b", 5) == "int4");
  CHECK(type_of(c, "c", 4) == "varchar(20)");
  CHECK(type_of(c, "c", 5) == "varchar(20)[]");
  CHECK(c.ctx->catalog().column(t, "b", seq_before(c, 5))->type ==
        c.ctx->catalog().column(t, "a", seq_before(c, 1))->type);
}

TEST_CASE("catalog: forget() makes every version unknown; the last known one still shows") {
  const auto c = context(
      "CREATE TABLE t (id int);\n"                                    // 0
      "ALTER TABLE t SET TABLESPACE fast;\n"                          // 1
      "CREATE INDEX i ON t (id);\n"                                   // 2
      "SELECT 3;\n"                                                   // 3
      "DO $$ BEGIN EXECUTE current_setting('x'); END $$;\n"           // 4
      "DO $$ BEGIN EXECUTE current_setting('y'); END $$;\n"           // 5
      "SELECT 6;\n"                                                   // 6
      "DROP INDEX i;\n"                                               // 7
      "SELECT 8;\n");
  REQUIRE(c.size() == 9);
  const zd::QualifiedName t{"public", "t"};
  const zd::Catalog& catalog = c.ctx->catalog();
  REQUIRE(catalog.relation(t, seq_before(c, 2)));
  CHECK(catalog.relation(t, seq_before(c, 2))->tablespace == "fast");
  CHECK(catalog.relation(t, seq_before(c, 1))->tablespace.empty());
  CHECK(catalog.column(t, "id", seq_before(c, 3)));
  CHECK(catalog.index_exists({"public", "i"}, seq_before(c, 3)));
  // After the dynamic SQL nothing is known (the second DO finds nothing left to forget), but
  // the table is still the one this file made, as it was last seen.
  CHECK_FALSE(catalog.relation(t, seq_before(c, 6)));
  CHECK_FALSE(catalog.column(t, "id", seq_before(c, 6)));
  CHECK(catalog.column_in_review(t, "id", seq_before(c, 6)));
  const zd::RelationState* last = catalog.last_known_relation(t, seq_before(c, 6));
  REQUIRE(last);
  CHECK(last->tablespace == "fast");
  CHECK(catalog.relation_in_review(t, seq_before(c, 6)));
  // An index made unknown is not dropped; DROP INDEX drops it.
  CHECK_FALSE(catalog.index_exists({"public", "i"}, seq_before(c, 6)));
  CHECK_FALSE(catalog.index_dropped({"public", "i"}, seq_before(c, 6)));
  CHECK(catalog.index_in_review({"public", "i"}, seq_before(c, 6)));
  CHECK(catalog.index_dropped({"public", "i"}, seq_before(c, 8)));
  CHECK_FALSE(catalog.index_in_review({"public", "i"}, seq_before(c, 8)));
}

TEST_CASE("catalog: what is set after forget() is known again; a drop beside it stays a drop") {
  const auto c = context(
      "CREATE TABLE t (id int);\n"                                               // 0
      "CREATE TABLE gone (id int);\n"                                            // 1
      "DROP TABLE gone;\n"                                                       // 2
      "CREATE INDEX i ON t (id);\n"                                              // 3
      "CREATE INDEX j ON t (id);\n"                                              // 4
      // The body's statements come first (5, 6), then the DO itself (7). The SQL no one
      // can read runs after the DROP INDEX, at its sequence number.
      "DO $$ BEGIN CREATE TABLE u (id int); DROP INDEX j; EXECUTE current_setting('x'); END $$;\n"
      "ALTER TABLE t ADD COLUMN later int;\n"                                    // 8
      "CREATE TABLE v (id int);\n"                                               // 9
      "SELECT 10;\n");
  REQUIRE(c.size() == 11);
  const zd::Catalog& catalog = c.ctx->catalog();
  const zd::QualifiedName t{"public", "t"}, u{"public", "u"}, v{"public", "v"},
      gone{"public", "gone"};
  const uint32_t end = seq_before(c, 10);
  // Unknown since the dynamic SQL, whether set before the DO or inside it.
  CHECK_FALSE(catalog.relation(t, end));
  CHECK_FALSE(catalog.relation(u, end));
  CHECK_FALSE(catalog.index_exists({"public", "i"}, end));
  CHECK(catalog.last_known_relation(u, end));
  // Set after it: known.
  CHECK(catalog.relation(v, end));
  CHECK(catalog.column(t, "later", end));
  CHECK_FALSE(catalog.column(t, "id", end));
  // Dropped before it, or by a statement beside it: dropped, not merely unknown.
  CHECK_FALSE(catalog.last_known_relation(gone, end));
  CHECK(catalog.index_dropped({"public", "j"}, end));
  CHECK_FALSE(catalog.index_dropped({"public", "i"}, end));
}

TEST_CASE("catalog: partitions and foreign keys follow their table's new name") {
  const auto c = context(
      "CREATE TABLE p (id int PRIMARY KEY, at date) PARTITION BY RANGE (at);\n"           // 0
      "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');\n"  // 1
      "CREATE TABLE pd PARTITION OF p DEFAULT;\n"                                         // 2
      "CREATE TABLE r (id int REFERENCES p (id));\n"                                      // 3
      "ALTER TABLE p RENAME TO q;\n"                                                      // 4
      "ALTER TABLE q DETACH PARTITION p1;\n"                                              // 5
      "SELECT 6;\n");
  const zd::Catalog& catalog = c.ctx->catalog();
  const zd::QualifiedName p{"public", "p"}, q{"public", "q"}, p1{"public", "p1"},
      pd{"public", "pd"};
  using Names = std::vector<zd::QualifiedName>;
  CHECK(catalog.partitions(p, seq_before(c, 3)) == Names{p1, pd});
  CHECK(catalog.default_partition(p, seq_before(c, 3)) == pd);
  REQUIRE(catalog.foreign_keys_to(p, seq_before(c, 4)).size() == 1);
  CHECK(catalog.foreign_keys_to(p, seq_before(c, 4))[0].table.name == "r");

  CHECK(catalog.partitions(p, seq_before(c, 5)).empty());
  CHECK(catalog.partitions(q, seq_before(c, 5)) == Names{p1, pd});
  CHECK(catalog.foreign_keys_to(p, seq_before(c, 5)).empty());
  const auto to_q = catalog.foreign_keys_to(q, seq_before(c, 5));
  REQUIRE(to_q.size() == 1);
  CHECK(*to_q[0].constraint->references == q);
  // The key as it was before the rename still names the old table.
  CHECK(*catalog.foreign_keys_to(p, seq_before(c, 4))[0].constraint->references == p);

  CHECK(catalog.partitions(q, seq_before(c, 6)) == Names{pd});
  CHECK(catalog.default_partition(q, seq_before(c, 6)) == pd);
  REQUIRE(catalog.relation(p1, seq_before(c, 6)));
  CHECK_FALSE(catalog.relation(p1, seq_before(c, 6))->partition_of);
  CHECK(*catalog.relation(p1, seq_before(c, 5))->partition_of == q);
}
