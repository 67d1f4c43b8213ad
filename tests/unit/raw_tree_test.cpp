// zd::pg::parse reads libpg_query's parse nodes; what it gives must be, entry for entry, the
// tree pg_query_parse's JSON gives (zd::pg::parse_via_json): the same keys, values and
// omissions, the same folding, the same errors and depth limit. Checked on every fixture and
// on the node shapes that libpg_query's JSON writes by hand.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "parse/libpg_query.hpp"

namespace fs = std::filesystem;

namespace {

void check_same(const std::string& sql) {
  const zd::pg::ParseResult raw = zd::pg::parse(sql);
  const zd::pg::ParseResult json = zd::pg::parse_via_json(sql);
  CHECK(raw == json);
}

}  // namespace

TEST_CASE("raw parse tree: the JSON's tree on every fixture") {
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(ZERODOWN_FIXTURES_DIR)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".sql") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string sql{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    CAPTURE(entry.path().string());
    check_same(sql);
    ++files;
  }
  CHECK(files > 300);
}

TEST_CASE("raw parse tree: the nodes libpg_query's JSON writes by hand") {
  const std::vector<std::string> cases = {
      "",
      "-- only a comment",
      // Constants: an integer below 1 has no ival, a false boolean an empty object, NULL
      // only isnull; location always, 0 included.
      "SELECT 1, 0, -1, -2147483648, 9223372036854775807, true, false, 1.5, 1e10, B'101', "
      "X'1F', 'text', E'esc\\n\\t', NULL",
      "SELECT 5",
      // Value nodes in lists (Integer, Float, String, Boolean elsewhere than A_Const).
      "CREATE SEQUENCE s INCREMENT BY -1 MINVALUE -100 START 5 CACHE 1",
      "ALTER TABLE t ALTER COLUMN c SET STATISTICS -1",
      "SELECT a::numeric(10, 2), b::varchar(-1)",
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql COST 0.5 ROWS 10 AS 'select 1'",
      "COPY t FROM STDIN WITH (FORMAT csv, HEADER true, FREEZE false, DELIMITER ',')",
      // A struct held in place: CREATE FOREIGN TABLE's CreateStmt.
      "CREATE FOREIGN TABLE ft (a int NOT NULL, b text) SERVER srv OPTIONS (table_name 'x')",
      // Expressions whose struct starts with an Expr header.
      "SELECT a AND b OR NOT c, x IS NULL, y IS NOT TRUE, CASE WHEN a THEN 1 ELSE 2 END, "
      "COALESCE(a, b), GREATEST(1, 2), ROW(1, 2), CURRENT_DATE, CURRENT_TIMESTAMP(3), "
      "EXISTS (SELECT 1), a IS DISTINCT FROM b, NULLIF(a, b), a = ANY (ARRAY[1, 2]), "
      "XMLELEMENT(NAME x, 'y'), a COLLATE \"C\"",
      // Enums whose C values are characters, bit masks or -1.
      "CREATE FUNCTION g(IN a int, OUT b int, INOUT c int, VARIADIC d int[]) "
      "RETURNS record LANGUAGE sql AS 'select 1'",
      "CREATE TABLE p (a int) PARTITION BY RANGE (a); "
      "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (MINVALUE) TO (MAXVALUE)",
      "SELECT (1, 2) < (3, 4), (1, 2) >= (3, 4)",
      "SELECT * FROM t FETCH FIRST 5 ROWS WITH TIES",
      // Many node types at once.
      "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) "
      "SELECT DISTINCT ON (n) n, count(*) FILTER (WHERE n > 1) OVER (PARTITION BY n ORDER BY n "
      "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM r TABLESAMPLE BERNOULLI (10) "
      "LEFT JOIN LATERAL (SELECT 1) s ON true GROUP BY GROUPING SETS ((n), ()) "
      "ORDER BY n DESC NULLS LAST LIMIT 1 OFFSET 2 FOR UPDATE SKIP LOCKED",
      "INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = EXCLUDED.a RETURNING *",
      "MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE "
      "WHEN NOT MATCHED THEN INSERT VALUES (s.a)",
      "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t USING gin (a jsonb_path_ops) "
      "INCLUDE (b) WITH (fastupdate = off) WHERE a IS NOT NULL",
      "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (b) ON DELETE SET NULL (a) "
      "NOT VALID, ALTER COLUMN c TYPE bigint USING c::bigint, DROP COLUMN IF EXISTS d CASCADE",
      "CREATE TRIGGER tr BEFORE UPDATE OF a ON t FOR EACH ROW WHEN (OLD.a IS DISTINCT FROM "
      "NEW.a) EXECUTE FUNCTION f()",
      "DO $$ BEGIN RAISE NOTICE 'x'; END $$",
      "CREATE FUNCTION h() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END",
      "GRANT SELECT (a, b) ON t TO r WITH GRANT OPTION",
      "CREATE POLICY p ON t FOR SELECT TO PUBLIC USING (a = current_user)",
      "ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO r",
      "CREATE PUBLICATION pub FOR TABLES IN SCHEMA s, TABLE t (a) WHERE (a > 1)",
      "SELECT $1, $2::int, t.* , (t).a, a[1:2], a[1], 'x' || 'y', -a, +a",
      "VACUUM (ANALYZE, VERBOSE) t (a); EXPLAIN (COSTS OFF) SELECT 1",
      "PREPARE p(int) AS SELECT $1; EXECUTE p(1); DEALLOCATE p",
      "SET LOCAL lock_timeout = '5s'; RESET ALL; SHOW search_path",
      "CREATE TYPE e AS ENUM ('a', 'b'); ALTER TYPE e ADD VALUE IF NOT EXISTS 'c' BEFORE 'a'",
      "CREATE DOMAIN d AS int CHECK (VALUE > 0) NOT NULL DEFAULT 1",
      "SELECT XMLPARSE(DOCUMENT '<a/>'), JSON_OBJECT('a': 1)",
      // Errors: the same message and position.
      "ALTER TABLE t ADD COLUMN;",
      "SELECT 'unterminated",
      "CREATE TABLE (",
  };
  for (const std::string& sql : cases) {
    CAPTURE(sql);
    check_same(sql);
  }
}

TEST_CASE("raw parse tree: nesting beyond the tree's depth limit is refused alike") {
  std::string deep = "SELECT ";
  for (int i = 0; i < 1500; ++i) deep += "(1 + ";
  deep += "1";
  for (int i = 0; i < 1500; ++i) deep += ")";
  const zd::pg::ParseResult raw = zd::pg::parse(deep);
  CHECK(raw == zd::pg::parse_via_json(deep));
  if (!raw.error) CHECK(raw.tree_failure == zd::ParseTree::Failure::TooDeep);
}
