// zerodown.toml: loading and validation (positions, did-you-mean), per-path overrides,
// the search up the directory tree, and precedence (defaults < file < overrides < command
// line).
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "config/load.hpp"
#include "config/resolve.hpp"
#include "context/context.hpp"
#include "lint/lint.hpp"
#include "lint/rule.hpp"

namespace fs = std::filesystem;

namespace {

zd::config::Loaded parse(const std::string& toml) {
  return zd::config::parse_config(toml, "/repo/db/zerodown.toml", "db/zerodown.toml");
}

// The settings for a path below /repo/db from one config text.
zd::config::Settings settings_for(const std::string& toml, const std::string& path,
                                  const zd::config::Layer& command_line = {}) {
  const auto loaded = parse(toml);
  REQUIRE(loaded.errors.empty());
  zd::config::Settings s;
  s.apply(loaded.file->base);
  for (const auto& o : loaded.file->overrides) {
    if (loaded.file->covers(o, path)) s.apply(o.layer);
  }
  s.apply(command_line);
  return s;
}

bool runs(const zd::config::Settings& s, std::string_view rule) {
  return zd::rule_enabled(*zd::find_rule(rule), s.lint_options());
}

// A scratch directory tree, removed at the end of the test.
struct Tree {
  fs::path root;
  Tree() {
    std::string tmpl = (fs::temp_directory_path() / "zerodown-config-XXXXXX").string();
    root = fs::path(mkdtemp(tmpl.data()));
  }
  ~Tree() { fs::remove_all(root); }
  void write(const std::string& relative, const std::string& text) const {
    fs::create_directories((root / relative).parent_path());
    std::ofstream(root / relative) << text;
  }
};

}  // namespace

TEST_CASE("config: every key at the top level") {
  const auto s =
      settings_for("pg_version = \"13.4\"\nrunner = \"goose\"\nassume_in_transaction = true\n"
                   "lint_down = true\nfail_on = \"error\"\nrequire_suppression_reason = true\n"
                   "lock_timeout = \"5s\"\nstatement_timeout = 0\nselect = [\"type-json\"]\n"
                   "ignore = [\"compat\"]\n[severity]\nlock-create-index = \"info\"\n",
                   "/repo/db/a.sql");
  CHECK(s.pg_version.value.major == 13);
  CHECK(s.pg_version.origin.text == "db/zerodown.toml:1");
  CHECK(s.runner.value == "goose");
  CHECK(s.assume_in_transaction.value);
  CHECK(s.runner_options().lint_down);
  CHECK(s.fail_on.value == zd::FailOn::Error);
  CHECK(s.lock_timeout.value.in_force);
  CHECK_FALSE(s.statement_timeout.value.in_force);
  CHECK(s.statement_timeout.origin.text == "db/zerodown.toml:8");
  CHECK(runs(s, "type-json"));
  CHECK(runs(s, "suppression-without-reason"));
  CHECK_FALSE(runs(s, "compat-drop-column"));
  const auto o = s.lint_options();
  REQUIRE(o.severity.size() == 1);
  CHECK(o.severity[0].first == "lock-create-index");
  CHECK(o.severity[0].second == zd::Severity::Info);
  CHECK(s.severity[0].second.origin.text == "db/zerodown.toml:12");
}

TEST_CASE("config: defaults when the file sets nothing") {
  const auto s = settings_for("", "/repo/db/a.sql");
  CHECK(s.pg_version.value.major == 15);
  CHECK(s.pg_version.origin.is_default());
  CHECK(s.runner.value == "auto");
  CHECK(s.fail_on.value == zd::FailOn::Warning);
  CHECK(runs(s, "lock-create-index"));
  CHECK_FALSE(runs(s, "type-json"));
}

TEST_CASE("config: unknown keys and rule ids are errors with a did-you-mean, at their place") {
  const auto l = parse("pg_verison = 14\n"
                       "select = [\"lock\", \"lock-create-idx\"]\n"
                       "[severity]\n"
                       "type-jsno = \"error\"\n"
                       "[[overrides]]\n"
                       "paths = [\"legacy/**\"]\n"
                       "fial_on = \"never\"\n");
  CHECK_FALSE(l.file);
  REQUIRE(l.errors.size() == 4);
  CHECK(l.errors[0] ==
        "db/zerodown.toml:1:1: unknown key 'pg_verison' (did you mean 'pg_version'?); "
        "docs/configuration.md lists every key");
  CHECK(l.errors[1] ==
        "db/zerodown.toml:2:19: select: unknown rule or category 'lock-create-idx' (did you "
        "mean 'lock-create-index'?)");
  CHECK(l.errors[2] ==
        "db/zerodown.toml:4:1: severity: unknown rule 'type-jsno' (did you mean 'type-json'?)");
  CHECK(l.errors[3].starts_with("db/zerodown.toml:7:1: unknown key 'fial_on' (did you mean "
                                "'fail_on'?)"));
}

TEST_CASE("config: wrong types and values") {
  const auto l = parse("pg_version = 9\n"
                       "runner = \"gose\"\n"
                       "lint_down = \"yes\"\n"
                       "fail_on = \"warn\"\n"
                       "lock_timeout = \"5 parsecs\"\n"
                       "select = \"lock\"\n"
                       "paths = [\"x\"]\n"
                       "[severity]\n"
                       "type-json = \"fatal\"\n");
  REQUIRE(l.errors.size() == 8);
  CHECK(l.errors[0].starts_with("db/zerodown.toml:1:14: pg_version: '9' is not a PostgreSQL "
                                "version from 11 to 17"));
  CHECK(l.errors[1] == "db/zerodown.toml:2:10: runner: unknown runner 'gose' (did you mean "
                       "'goose'?)");
  CHECK(l.errors[2] == "db/zerodown.toml:3:13: lint_down must be true or false, not a string");
  CHECK(l.errors[3] == "db/zerodown.toml:4:11: fail_on: 'warn' is not a level (did you mean "
                       "'warning'?)");
  CHECK(l.errors[4].starts_with("db/zerodown.toml:5:16: lock_timeout: '5 parsecs' is not a "
                                "duration"));
  CHECK(l.errors[5].starts_with("db/zerodown.toml:6:10: select must be an array"));
  CHECK(l.errors[6] == "db/zerodown.toml:7:1: 'paths' belongs inside an [[overrides]] table");
  CHECK(l.errors[7] == "db/zerodown.toml:9:13: severity.type-json must be \"error\", "
                       "\"warning\" or \"info\"");
}

TEST_CASE("config: malformed TOML is one error with its position") {
  const auto l = parse("pg_version = 15\nrunner = \"goose\nselect = []\n");
  CHECK_FALSE(l.file);
  REQUIRE(l.errors.size() == 1);
  CHECK(l.errors[0].starts_with("db/zerodown.toml:2:"));
  CHECK(l.errors[0].find("invalid TOML") != std::string::npos);
}

TEST_CASE("config: overrides apply in order to the paths they match, relative to the file") {
  const std::string toml = "pg_version = 14\n"
                           "ignore = [\"type\"]\n"
                           "[[overrides]]\n"
                           "paths = [\"legacy/**\"]\n"
                           "pg_version = 11\n"
                           "select = [\"type-json\"]\n"
                           "[severity]\n"
                           "type-json = \"error\"\n"
                           "[[overrides]]\n"
                           "paths = [\"*_data.sql\"]\n"
                           "fail_on = \"never\"\n";
  const auto plain = settings_for(toml, "/repo/db/a.sql");
  CHECK(plain.pg_version.value.major == 14);
  CHECK_FALSE(runs(plain, "type-json"));
  CHECK(plain.fail_on.value == zd::FailOn::Warning);

  const auto legacy = settings_for(toml, "/repo/db/legacy/2019/a.sql");
  CHECK(legacy.pg_version.value.major == 11);
  CHECK(legacy.pg_version.origin.text == "db/zerodown.toml:5 (override legacy/**)");
  // The override's select wins over the top level's ignore; the rest of `type` stays off.
  CHECK(runs(legacy, "type-json"));
  CHECK_FALSE(runs(legacy, "type-serial"));
  CHECK(legacy.lint_options().severity.at(0).second == zd::Severity::Error);

  // A pattern without `/` matches the file name at any depth.
  CHECK(settings_for(toml, "/repo/db/legacy/x/9_data.sql").fail_on.value == zd::FailOn::Never);
  // Paths outside the config's directory are never covered.
  CHECK(settings_for(toml, "/repo/legacy/a.sql").pg_version.value.major == 14);
}

TEST_CASE("config: override paths must stay inside the config's directory") {
  const auto l = parse("[[overrides]]\npaths = [\"../other/**\", \"/abs\"]\nrunner = \"goose\"\n");
  REQUIRE(l.errors.size() == 2);
  CHECK(l.errors[0].starts_with("db/zerodown.toml:2:10: paths: '../other/**' must be a glob"));
  const auto none = parse("[[overrides]]\nrunner = \"goose\"\n");
  REQUIRE(none.errors.size() == 1);
  CHECK(none.errors[0].find("has no paths") != std::string::npos);
}

TEST_CASE("config: the command line wins over the file and its overrides") {
  zd::config::Layer cli;
  cli.pg_version = {{zd::PgVersion{16}, {"command line (--pg-version)"}}};
  cli.select = {{{"compat-drop-column"}, {"command line (--select)"}}};
  const auto s =
      settings_for("pg_version = 13\nignore = [\"compat\"]\n[[overrides]]\npaths = [\"a.sql\"]\n"
                   "pg_version = 12\n",
                   "/repo/db/a.sql", cli);
  CHECK(s.pg_version.value.major == 16);
  CHECK(s.pg_version.origin.text == "command line (--pg-version)");
  CHECK(runs(s, "compat-drop-column"));
  CHECK_FALSE(runs(s, "compat-drop-table"));
}

TEST_CASE("config: rule selection, the most specific selector wins within a layer") {
  zd::LintOptions o;
  o.selection.push_back({{"lock"}, {"all"}});
  CHECK(zd::rule_enabled(*zd::find_rule("lock-create-index"), o));
  CHECK_FALSE(zd::rule_enabled(*zd::find_rule("compat-drop-column"), o));
  o.selection.back() = {{"type-json"}, {"type"}};
  CHECK(zd::rule_enabled(*zd::find_rule("type-json"), o));
  o.selection.back() = {{"lock-*"}, {"lock-*"}};
  CHECK_FALSE(zd::rule_enabled(*zd::find_rule("lock-create-index"), o));
}

TEST_CASE("config: the nearest zerodown.toml governs, each directory looked up once") {
  Tree t;
  t.write("zerodown.toml", "pg_version = 13\n");
  t.write("service-a/migrations/001.sql", "SELECT 1;\n");
  t.write("service-b/.zerodown.toml", "pg_version = 16\n");
  t.write("service-b/migrations/001.sql", "SELECT 1;\n");
  t.write("broken/zerodown.toml", "pg_version = \n");
  t.write("broken/001.sql", "SELECT 1;\n");
  t.write("both/zerodown.toml", "\n");
  t.write("both/.zerodown.toml", "\n");
  zd::config::Configuration c({});
  const auto a = c.resolve((t.root / "service-a/migrations/001.sql").string());
  CHECK(a->pg_version.value.major == 13);
  CHECK(c.resolve((t.root / "service-b/migrations/001.sql").string())->pg_version.value.major ==
        16);
  const auto broken = c.resolve((t.root / "broken/001.sql").string());
  CHECK(broken->error.starts_with("not checked: its configuration "));
  CHECK(c.resolve((t.root / "both/x.sql").string())->error.starts_with("not checked"));
  const auto errors = c.errors();
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].find("broken/zerodown.toml:1:") != std::string::npos);
  CHECK(errors[1].find("both zerodown.toml and .zerodown.toml") != std::string::npos);

  // --config: one file for everything; --no-config: none.
  const auto b = (t.root / "service-b/.zerodown.toml").string();
  zd::config::Configuration named({b, false, {}});
  CHECK(named.resolve((t.root / "service-a/migrations/001.sql").string())->pg_version.value.major ==
        16);
  zd::config::Configuration none({"", true, {}});
  CHECK(none.resolve((t.root / "service-a/migrations/001.sql").string())
            ->pg_version.origin.is_default());
}

TEST_CASE("config: files of one folder share its settings, unless an override names them") {
  Tree t;
  t.write("zerodown.toml",
          "pg_version = 13\n[[overrides]]\npaths = [\"legacy/**\"]\npg_version = 11\n"
          "[[overrides]]\npaths = [\"*_data.sql\", \"..old.sql\"]\nfail_on = \"never\"\n"
          "[[overrides]]\npaths = [\"legacy\"]\npg_version = 12\n");
  zd::config::Configuration c({});
  const auto at = [&](const std::string& relative) {
    return *c.resolve((t.root / relative).string());
  };
  // Asked twice each, so that the second answer comes from the folder's cached settings.
  for (int pass = 0; pass < 2; ++pass) {
    CHECK(at("a.sql").pg_version.value.major == 13);
    CHECK(at("a.sql").fail_on.value == zd::FailOn::Warning);
    CHECK(at("1_data.sql").fail_on.value == zd::FailOn::Never);
    // A name that starts with two dots is inside the config's directory.
    CHECK(at("..old.sql").fail_on.value == zd::FailOn::Never);
    // Both directory overrides apply in file order; the file-name one only to its file.
    CHECK(at("legacy/b.sql").pg_version.value.major == 12);
    CHECK(at("legacy/b.sql").fail_on.value == zd::FailOn::Warning);
    const auto named = at("legacy/2_data.sql");
    CHECK(named.pg_version.value.major == 12);
    CHECK(named.fail_on.value == zd::FailOn::Never);
    CHECK(named.fail_on.origin.text.ends_with("zerodown.toml:7 (override *_data.sql, ..old.sql)"));
  }
  // One Settings for all the files and folders the same overrides cover, however many
  // there are; a file an override names has its own.
  const auto shared = [&](const std::string& relative) {
    return c.resolve((t.root / relative).string());
  };
  CHECK(shared("a.sql") == shared("b.sql"));
  CHECK(shared("a.sql") == shared("20240101_init/migration.sql"));
  CHECK(shared("a.sql") != shared("legacy/b.sql"));
  CHECK(shared("1_data.sql") == shared("2_data.sql"));
  CHECK(shared("a.sql") != shared("1_data.sql"));
}

TEST_CASE("config: a config file over the size limit is refused before parsing") {
  Tree t;
  t.write("zerodown.toml", "# " + std::string(zd::config::kMaxConfigBytes, 'x') + "\n");
  const auto l = zd::config::load_config(t.root / "zerodown.toml", "zerodown.toml");
  REQUIRE(l.errors.size() == 1);
  CHECK(l.errors[0].find("may be at most 1048576 bytes") != std::string::npos);
}

TEST_CASE("config: timeouts in PostgreSQL's syntax") {
  using zd::config::Timeout;
  CHECK(Timeout::parse("5s")->in_force);
  CHECK(Timeout::parse("1.5 min")->in_force);
  CHECK(Timeout::parse("200")->in_force);
  CHECK_FALSE(Timeout::parse("0")->in_force);
  CHECK_FALSE(Timeout::parse("0ms")->in_force);
  CHECK_FALSE(Timeout::parse("5 sec"));
  CHECK_FALSE(Timeout::parse("-1"));
  CHECK_FALSE(Timeout::parse("s"));
}

TEST_CASE("config: a lock_timeout the runner sets holds from the first statement") {
  const auto source = zd::decode_source(
      "t.sql", "CREATE INDEX i ON orders (id);\nRESET lock_timeout;\nSET lock_timeout = 0;\n");
  REQUIRE(source.source);
  const auto m = zd::parse_migration(*source.source);
  zd::LintOptions options;
  options.lock_timeout = true;
  zd::History history;
  const zd::FileContext c(*m, options, history);
  CHECK(c.at(m->statements()[0]).lock_timeout);
  // RESET goes back to the connection's value, an explicit 0 switches it off.
  CHECK(c.at(m->statements()[1]).lock_timeout);
  CHECK_FALSE(c.at(m->statements()[2]).lock_timeout);
  CHECK_FALSE(c.at(m->statements()[0]).statement_timeout);
}
