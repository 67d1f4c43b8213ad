// Runner presets (src/runner): recognition, transaction wrapping and opt-outs, down files,
// the order of a directory's files, and goose/dbmate sections in prepare.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/discover.hpp"
#include "lint/lint.hpp"
#include "parse/prepare.hpp"
#include "runner/presets.hpp"

namespace {

namespace r = zd::runner;

std::string runner_of(const std::string& path, const std::string& text = "") {
  return std::string(r::decide(path, text, "auto", false).preset->name);
}

const std::string kRunners = std::string(ZERODOWN_FIXTURES_DIR) + "/runners";

}  // namespace

TEST_CASE("runner: recognised from file names and markers") {
  CHECK(runner_of("db/migration/V3__add_index.sql") == "flyway");
  CHECK(runner_of("db/migration/V1.2_3__x.sql") == "flyway");
  CHECK(runner_of("db/migration/R__views.sql") == "flyway");
  CHECK(runner_of("x/20240101_a.sql", "-- +goose Up\nSELECT 1;\n") == "goose");
  CHECK(runner_of("x/20240101_a.sql", "-- +goose up\n") == "goose");
  CHECK(runner_of("x/20240101_a.sql", "  -- +goose Up\n") == "psql");  // leading space: no
  CHECK(runner_of("x/1_a.sql", "-- migrate:up\nSELECT 1;\n") == "dbmate");
  CHECK(runner_of("m/000001_init.up.sql") == "golang-migrate");
  CHECK(runner_of("m/000001_init.down.sql") == "golang-migrate");
  CHECK(runner_of("m/20240101000000000000_x.postgres.up.sql") == "popx");
  CHECK(runner_of("m/20240101000000000000_x.autocommit.up.sql") == "popx");
  CHECK(runner_of("prisma/migrations/20240101000000_init/migration.sql") == "prisma");
  CHECK(runner_of("migrations/2024-01-01-000000_init/up.sql") == "diesel");
  CHECK(runner_of("db/structure.sql") == "rails");
  CHECK(runner_of("out.sql", "BEGIN;\n\n-- Running upgrade  -> abc\n\nCOMMIT;\n") == "alembic");
  CHECK(runner_of("out.sql", "BEGIN;\n--\n-- Create model Book\n--\nCREATE TABLE b (id int);\n"
                             "COMMIT;\n") == "django");
  CHECK(runner_of("schema/deploy/x.sql") == "psql");  // no sqitch.plan: not sqitch
  CHECK(runner_of(kRunners + "/sqitch/deploy/appschema.sql") == "sqitch");
  CHECK(runner_of("V3_add_index.sql") == "psql");  // one underscore: not Flyway
  CHECK(runner_of("init.sql") == "psql");
}

TEST_CASE("runner: transaction wrapping and per-file opt-outs") {
  CHECK(r::decide("a.sql", "", "auto", false).in_transaction == false);
  CHECK(r::decide("a.sql", "", "auto", true).in_transaction == true);
  CHECK(r::decide("a.sql", "", "plain", false).preset->name == "psql");
  CHECK(r::decide("a.sql", "-- +goose Up\n", "auto", false).in_transaction);
  const auto goose = r::decide("a.sql", "-- +goose Up\n-- +goose NO TRANSACTION\n", "auto", true);
  CHECK_FALSE(goose.in_transaction);
  CHECK(goose.transaction_why.find("NO TRANSACTION") != std::string::npos);
  CHECK_FALSE(r::decide("a.sql", "-- migrate:up transaction:false\n", "auto", false).in_transaction);
  CHECK(r::decide("a.sql", "-- migrate:up\n", "auto", false).in_transaction);
  CHECK(r::decide("x/000001_a.up.sql", "", "auto", false).in_transaction);
  CHECK_FALSE(r::decide("x/1_a.autocommit.up.sql", "", "auto", false).in_transaction);
  CHECK(r::decide("a.sql", "", "diesel", false).in_transaction);
  const std::string flyway = kRunners + "/flyway/db/migration/";
  CHECK(r::decide(flyway + "V2__index_orders_customer.sql", "", "auto", false).in_transaction);
  CHECK_FALSE(r::decide(flyway + "V11__index_orders_status.sql", "", "auto", false).in_transaction);
  // Flyway runs a repeatable script again whenever it changes; versioned scripts run once.
  CHECK(r::decide(flyway + "R__orders_by_status.sql", "", "auto", false).reruns);
  CHECK_FALSE(r::decide(flyway + "V2__index_orders_customer.sql", "", "auto", false).reruns);
  const std::string diesel = kRunners + "/diesel/migrations/";
  CHECK(r::decide(diesel + "2024-04-02-000000_index_crates_name/up.sql", "", "auto", false)
            .in_transaction);
  CHECK_FALSE(r::decide(diesel + "2024-04-03-000000_index_crates_updated/up.sql", "", "auto",
                        false)
                  .in_transaction);
}

TEST_CASE("runner: Flyway and implicit transactions decided from the statements") {
  const auto tx = [](const std::string& path, const std::string& sql) {
    return zd::lint_bytes(path, sql, {}).runner_note;
  };
  CHECK(tx("V1__a.sql", "CREATE INDEX CONCURRENTLY i ON t (a);").find("no transaction") !=
        std::string::npos);
  CHECK(tx("V1__a.sql", "SET lock_timeout = '1s'; CREATE INDEX CONCURRENTLY i ON t (a);")
            .find("in a transaction") != std::string::npos);
  CHECK(tx("m/1_a.up.sql", "CREATE INDEX CONCURRENTLY i ON t (a);").find("no transaction") !=
        std::string::npos);
  CHECK(tx("m/1_a.up.sql", "SELECT 1; CREATE INDEX CONCURRENTLY i ON t (a);")
            .find("in a transaction") != std::string::npos);
  // Its own BEGIN takes over the implicit transaction: no nested BEGIN.
  CHECK(tx("m/1_a.up.sql", "BEGIN; SELECT 1; COMMIT;").find("takes over") != std::string::npos);
  CHECK(zd::lint_bytes("m/1_a.up.sql", "BEGIN; SELECT 1; COMMIT;", {}).findings.empty());
  // Weak content signs lose to a path: a sqitch deploy script with Django-like banners.
  CHECK(r::decide(kRunners + "/sqitch/deploy/appschema.sql", "BEGIN;\n--\n-- x\n--\nSELECT 1;\n",
                  "auto", false)
            .preset->name == "sqitch");
}

TEST_CASE("runner: down files") {
  CHECK(r::is_down_file("m/000001_a.down.sql", "auto"));
  CHECK_FALSE(r::is_down_file("m/000001_a.up.sql", "auto"));
  CHECK(r::is_down_file("migrations/2024-01-01-000000_a/down.sql", "auto"));
  CHECK(r::is_down_file("db/U2__undo.sql", "auto"));
  CHECK(r::is_down_file(kRunners + "/sqitch/revert/appschema.sql", "auto"));
  CHECK(r::is_down_file(kRunners + "/sqitch/verify/appschema.sql", "auto"));
  CHECK_FALSE(r::is_down_file(kRunners + "/sqitch/deploy/appschema.sql", "auto"));
  CHECK_FALSE(r::is_down_file("down.sql", "auto"));  // not under a diesel folder
}

TEST_CASE("runner: a file's migration folder") {
  // Its directory, or the one above a migration's own directory (prisma, diesel); read as
  // std::filesystem reads a path: runs of '/' are one, a name alone has no directory.
  CHECK(r::migration_folder("db/migrations/0001_init.sql") == "db/migrations");
  CHECK(r::migration_folder("prisma/migrations/20240101_init/migration.sql") ==
        "prisma/migrations");
  CHECK(r::migration_folder("migrations/2024-01-01-000000_a/up.sql") == "migrations");
  CHECK(r::migration_folder("db//migrations///0001_init.sql") == "db/migrations");
  CHECK(r::migration_folder("/0001_init.sql") == "/");
  CHECK(r::migration_folder("0001_init.sql").empty());
  CHECK(r::migration_folder("/migrations/2024-01-01-000000_a/up.sql") == "/migrations");
  // No migrations/ above it: not diesel's layout, its own directory is the folder.
  CHECK(r::migration_folder("2024-01-01-000000_a/up.sql") == "2024-01-01-000000_a");
  CHECK(r::migration_folder("migrations/20240101_init/migration.sql") == "migrations");
}

TEST_CASE("runner: order of a directory's files") {
  const auto sorted = [](std::vector<std::string> files) {
    std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
      return r::order_key(a, "auto") < r::order_key(b, "auto");
    });
    return files;
  };
  CHECK(sorted({"R__view.sql", "V10__c.sql", "V2__b.sql", "V1.10__e.sql", "V1.9__d.sql"}) ==
        std::vector<std::string>{"V1.9__d.sql", "V1.10__e.sql", "V2__b.sql", "V10__c.sql",
                                 "R__view.sql"});
  CHECK(sorted({"10_c.up.sql", "2_b.up.sql", "1_a.up.sql"}) ==
        std::vector<std::string>{"1_a.up.sql", "2_b.up.sql", "10_c.up.sql"});
  CHECK(sorted({"b.sql", "a.sql"}) == std::vector<std::string>{"a.sql", "b.sql"});
  // Versions wider than 64 bits (popx) still compare as numbers.
  CHECK(sorted({"20241029153900000002_b.up.sql", "9_a.up.sql"}) ==
        std::vector<std::string>{"9_a.up.sql", "20241029153900000002_b.up.sql"});
}

TEST_CASE("runner: a directory walk skips down files and keeps the runner's order") {
  const auto d = zd::discover_inputs({kRunners + "/flyway"}, "");
  std::vector<std::string> names;
  for (const auto& i : d.inputs) names.push_back(i.path.substr(i.path.rfind('/') + 1));
  CHECK(names == std::vector<std::string>{"V1__create_orders.sql", "V2__index_orders_customer.sql",
                                          "V10__index_orders_created_at.sql",
                                          "V11__index_orders_status.sql",
                                          "R__orders_by_status.sql"});
  REQUIRE(d.skipped_down.size() == 1);
  CHECK(d.skipped_down[0].ends_with("U2__undo_index_orders_customer.sql"));
  zd::runner::Options all;
  all.lint_down = true;
  CHECK(zd::discover_inputs({kRunners + "/flyway"}, "", all).inputs.size() == 6);
  // An explicitly named down file is linted.
  CHECK(zd::discover_inputs({kRunners + "/golang-migrate/migrations/000001_create_users.down.sql"},
                            "")
            .inputs.size() == 1);
}

TEST_CASE("prepare: goose sections and statement blocks keep offsets") {
  const std::string in =
      "-- +goose Up\n"
      "-- +goose StatementBegin\n"
      "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$\n"
      "-- +goose StatementEnd\n"
      "SELECT 1;\n"
      "-- +goose Down\n"
      "DROP FUNCTION f();\n";
  zd::PrepareOptions goose{zd::runner::Sections::Goose, false};
  const auto p = zd::blank_non_sql(in, goose);
  REQUIRE(p.text.size() == in.size());
  // The StatementEnd line became the missing `;` and spaces.
  const size_t end = in.find("-- +goose StatementEnd");
  CHECK(p.text[end] == ';');
  CHECK(p.text.substr(end + 1, 21) == std::string(21, ' '));
  // The down section is blanked, its line ends kept.
  const size_t down = in.find("-- +goose Down");
  CHECK(p.text.substr(down).find_first_not_of(" \n") == std::string::npos);
  CHECK(std::count(p.text.begin(), p.text.end(), '\n') == std::count(in.begin(), in.end(), '\n'));
  // With lint_down the down section stays.
  goose.lint_down = true;
  CHECK(zd::blank_non_sql(in, goose).text.find("DROP FUNCTION f();") == in.find("DROP FUNCTION"));
  // A block already ending in `;` gets no second one.
  const std::string with_semi = "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n-- +goose StatementEnd\n";
  const auto semi = zd::blank_non_sql(with_semi, {zd::runner::Sections::Goose, false}).text;
  CHECK(std::count(semi.begin(), semi.end(), ';') == 1);
}

TEST_CASE("prepare: dbmate down section blanked, up section kept") {
  const std::string in = "-- migrate:up\nSELECT 1;\n-- migrate:down\nDROP TABLE t;\n-- migrate:up\nSELECT 2;\n";
  const auto p = zd::blank_non_sql(in, {zd::runner::Sections::Dbmate, false});
  CHECK(p.text.find("DROP") == std::string::npos);
  CHECK(p.text.find("SELECT 2;") == in.find("SELECT 2;"));
}

TEST_CASE("lint: a goose down section is not linted unless asked, then at its own position") {
  const std::string sql = "-- +goose Up\nSELECT 1;\n-- +goose Down\nDROP TABLE accounts;\n";
  CHECK(zd::lint_bytes("a.sql", sql, {}).findings.empty());
  zd::runner::Options down;
  down.lint_down = true;
  const auto r = zd::lint_bytes("a.sql", sql, {}, down);
  REQUIRE_FALSE(r.findings.empty());
  CHECK(r.findings[0].start.line == 4);
}

// fixtures/runners/ is skipped by the fixture runner (its down files and sections only make
// sense per repository; tests/cli/cases/runners checks positions): here each file's findings,
// linted alone as when named on the command line, must be the rules its `-- expect:` lines
// name, as a multiset.
TEST_CASE("runner fixtures: each file's findings are the ones it expects") {
  namespace fs = std::filesystem;
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(kRunners)) {
    if (!e.is_regular_file() || e.path().extension() != ".sql") continue;
    ++files;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string text = bytes.str();
    std::vector<std::string> want;
    for (size_t at = text.find("-- expect: "); at != std::string::npos;
         at = text.find("-- expect: ", at + 1)) {
      const size_t end = text.find('\n', at);
      std::string list = text.substr(at + 11, end - at - 11);
      for (size_t b = 0; b <= list.size();) {
        size_t c = list.find(',', b);
        if (c == std::string::npos) c = list.size();
        std::string id = list.substr(b, c - b);
        id.erase(0, id.find_first_not_of(' '));
        id.erase(id.find_last_not_of(' ') + 1);
        if (!id.empty()) want.push_back(id);
        b = c + 1;
      }
    }
    std::vector<std::string> got;
    for (const auto& f : zd::lint_bytes(e.path().generic_string(), text, {}).findings) {
      got.emplace_back(f.rule->id);
    }
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    INFO("fixture ", e.path().generic_string());
    CHECK(got == want);
  }
  CHECK(files > 30);
}

TEST_CASE("discovery: a path named twice is checked once, where it first came") {
  const std::string dir = kRunners + "/flyway";
  const std::string v10 = dir + "/db/migration/V10__index_orders_created_at.sql";
  const auto names = [](const zd::Discovery& d) {
    std::vector<std::string> out;
    for (const auto& i : d.inputs) {
      out.push_back(i.is_stdin ? "-" : i.path.substr(i.path.rfind('/') + 1));
    }
    return out;
  };
  CHECK(names(zd::discover_inputs({v10, dir, v10}, "")) ==
        std::vector<std::string>{"V10__index_orders_created_at.sql", "V1__create_orders.sql",
                                 "V2__index_orders_customer.sql", "V11__index_orders_status.sql",
                                 "R__orders_by_status.sql"});
  CHECK(names(zd::discover_inputs({dir, v10, dir}, "")) ==
        std::vector<std::string>{"V1__create_orders.sql", "V2__index_orders_customer.sql",
                                 "V10__index_orders_created_at.sql", "V11__index_orders_status.sql",
                                 "R__orders_by_status.sql"});
  // Standard input is read each time it is named.
  CHECK(names(zd::discover_inputs({"-", v10, "-"}, "")) ==
        std::vector<std::string>{"-", "V10__index_orders_created_at.sql", "-"});
}
