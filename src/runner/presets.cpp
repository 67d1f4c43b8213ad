#include "runner/presets.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "source/ascii_case.hpp"

namespace zd::runner {

struct PathFacts {
  // The path as std::filesystem::path(p).generic_string() gives it on POSIX (runs of '/'
  // made one), split at its slashes. Asked four times a file (runner, down file, order,
  // folder): building a std::filesystem::path and a string for each part was most of what
  // discovery cost a file. The parts are views into `path`, so a PathFacts stays where it
  // was made.
  std::string path;
  std::string_view file;                     // file name
  std::vector<std::string_view> components;  // directories, outermost first
  std::string_view parent() const { return components.empty() ? "" : components.back(); }
  explicit PathFacts(std::string_view p) : path(p) {
    for (size_t twice = path.find("//"); twice != std::string::npos;
         twice = path.find("//", twice)) {
      path.erase(twice, 1);
    }
    const std::string_view all(path);
    for (size_t b = 0; b <= all.size();) {
      const size_t slash = std::min(all.find('/', b), all.size());
      if (slash > b) components.push_back(all.substr(b, slash - b));
      b = slash + 1;
    }
    if (!components.empty()) {
      file = components.back();
      components.pop_back();
    }
  }
  PathFacts(const PathFacts&) = delete;
  PathFacts& operator=(const PathFacts&) = delete;
};

namespace {

namespace fs = std::filesystem;

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         starts_with_folded(s.substr(s.size() - suffix.size()), suffix);
}

// goose: annotations start a line, no leading space, case-insensitive ("-- +goose up").
bool goose_annotation(std::string_view line, std::string_view what) {
  if (!starts_with_folded(line, "-- +goose ")) return false;
  std::string rest = ascii_lowered(line.substr(10));
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) rest.pop_back();
  return rest == what || rest.starts_with(std::string(what) + " ");
}

std::string read_small_file(const fs::path& p, size_t limit = 65536) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return {};
  std::ostringstream s;
  s << in.rdbuf();
  return std::move(s).str().substr(0, limit);
}

// key=value (or key = value) line in a small config file, case-insensitive.
bool config_says(std::string_view text, std::string_view key, std::string_view value) {
  return Lines(text).any([&](std::string_view line) {
    std::string l;
    for (const char c : line) {
      if (!std::isspace(static_cast<unsigned char>(c)) && c != '"') l += c;
    }
    l = ascii_lowered(l);
    return l == std::string(key) + "=" + std::string(value);
  });
}

// Flyway file names: V<version>__desc.sql, R__desc.sql, U<version>__desc.sql (undo).
bool flyway_name(std::string_view f, char prefix) {
  if (f.size() < 4 || f[0] != prefix || !ends_with_ci(f, ".sql")) return false;
  const size_t sep = f.find("__");
  if (sep == std::string::npos) return false;
  if (prefix == 'R') return sep == 1;
  if (sep < 2 || !is_digit(f[1])) return false;
  return std::all_of(f.begin() + 1, f.begin() + static_cast<long>(sep),
                     [](char c) { return is_digit(c) || c == '.' || c == '_'; });
}
bool flyway_path(const PathFacts& p) {
  return flyway_name(p.file, 'V') || flyway_name(p.file, 'R') || flyway_name(p.file, 'U');
}
bool flyway_down(const PathFacts& p) { return flyway_name(p.file, 'U'); }
bool flyway_repeatable(const PathFacts& p) { return flyway_name(p.file, 'R'); }
std::optional<std::string> flyway_opt_out(std::string_view path, const Lines&) {
  const std::string conf = std::string(path) + ".conf";
  if (config_says(read_small_file(conf), "executeintransaction", "false")) {
    return fs::path(conf).filename().string() + " sets executeInTransaction=false";
  }
  return std::nullopt;
}

bool goose_text(const Lines& text) {
  return text.any([](std::string_view l) { return goose_annotation(l, "up"); });
}
std::optional<std::string> goose_opt_out(std::string_view, const Lines& text) {
  if (text.any([](std::string_view l) { return goose_annotation(l, "no transaction"); })) {
    return std::string("`-- +goose NO TRANSACTION`");
  }
  return std::nullopt;
}

bool dbmate_marker(std::string_view line, std::string_view what) {
  return starts_with_folded(line, "-- migrate:") &&
         ascii_lowered(line.substr(11)).starts_with(what);
}
bool dbmate_text(const Lines& text) {
  return text.any([](std::string_view l) { return dbmate_marker(l, "up"); });
}
std::optional<std::string> dbmate_opt_out(std::string_view, const Lines& text) {
  if (text.any([](std::string_view l) {
        return dbmate_marker(l, "up") &&
               ascii_lowered(l).find("transaction:false") != std::string::npos;
      })) {
    return std::string("`-- migrate:up transaction:false`");
  }
  return std::nullopt;
}

bool leading_number(std::string_view s) { return !s.empty() && is_digit(s[0]); }
bool up_or_down_sql(std::string_view f) {
  return ends_with_ci(f, ".up.sql") || ends_with_ci(f, ".down.sql");
}
bool down_sql(const PathFacts& p) { return ends_with_ci(p.file, ".down.sql"); }

bool popx_dialect(std::string_view f) {
  const std::string l = ascii_lowered(f);
  for (const char* d : {".postgres.", ".cockroach.", ".mysql.", ".sqlite3.", ".autocommit."}) {
    if (l.find(d) != std::string::npos) return true;
  }
  return false;
}
bool popx_path(const PathFacts& p) {
  return leading_number(p.file) && up_or_down_sql(p.file) && popx_dialect(p.file);
}
std::optional<std::string> popx_opt_out(std::string_view path, const Lines&) {
  if (ascii_lowered(PathFacts(path).file).find(".autocommit.") != std::string::npos) {
    return std::string("`.autocommit.` in the file name");
  }
  return std::nullopt;
}

bool golang_migrate_path(const PathFacts& p) {
  return leading_number(p.file) && up_or_down_sql(p.file);
}

bool prisma_path(const PathFacts& p) {
  const auto& c = p.components;
  return p.file == "migration.sql" && c.size() >= 2 && c[c.size() - 2] == "migrations";
}

bool diesel_path(const PathFacts& p) {
  const auto& c = p.components;
  return (p.file == "up.sql" || p.file == "down.sql") && c.size() >= 2 &&
         c[c.size() - 2] == "migrations" && leading_number(p.parent());
}
bool diesel_down(const PathFacts& p) { return p.file == "down.sql"; }
std::optional<std::string> diesel_opt_out(std::string_view path, const Lines&) {
  const fs::path meta = fs::path(path).parent_path() / "metadata.toml";
  if (config_says(read_small_file(meta), "run_in_transaction", "false")) {
    return std::string("metadata.toml sets run_in_transaction = false");
  }
  return std::nullopt;
}

// A deploy/, revert/ or verify/ folder beside a sqitch.plan (or beside each other).
bool sqitch_path(const PathFacts& p) {
  const std::string_view dir = p.parent();
  if (dir != "deploy" && dir != "revert" && dir != "verify") return false;
  const fs::path project = fs::path(p.path).parent_path().parent_path();
  std::error_code ec;
  if (fs::exists(project / "sqitch.plan", ec)) return true;
  return fs::is_directory(project / "deploy", ec) && fs::is_directory(project / "revert", ec);
}
bool sqitch_down(const PathFacts& p) { return p.parent() == "revert" || p.parent() == "verify"; }

bool alembic_text(const Lines& text) {
  return text.any([](std::string_view l) { return starts_with_folded(l, "-- running upgrade"); });
}

// `manage.py sqlmigrate` output: BEGIN; then operations each under a `--`/`-- Op`/`--` banner.
bool django_text(const Lines& text) {
  int banner = 0;
  bool begin = false;
  text.any([&](std::string_view l) {
    if (l == "BEGIN;") begin = true;
    if (banner == 0 && l == "--") banner = 1;
    else if (banner == 1 && l.starts_with("-- ")) banner = 2;
    else if (banner == 2 && l == "--") return begin;
    else banner = l == "--" ? 1 : 0;
    return false;
  });
  return begin && banner == 2;
}

bool rails_path(const PathFacts& p) { return p.file == "structure.sql"; }
bool rails_text(const Lines& text) {
  return text.any([](std::string_view l) {
    return starts_with_folded(l, "insert into \"schema_migrations\" (version) values") ||
           starts_with_folded(l, "insert into schema_migrations (version) values");
  });
}

}  // namespace

// The presets. Recognition (decide): section markers first (they are explicit), then
// paths, then other content signs; a file nothing recognises is plain psql.
const std::vector<Preset>& presets() {
  static const std::vector<Preset> table = {
      {"psql", "the default: no runner's file name or marker", Wrap::None,
       "psql runs each statement on its own (autocommit) unless the file says BEGIN", "",
       Sections::None, "none", Order::Lexical,
       "https://www.postgresql.org/docs/current/app-psql.html (AUTOCOMMIT, on by default)"},
      {"goose", "a line `-- +goose Up`", Wrap::Transaction,
       "goose runs each migration in a transaction", "`-- +goose NO TRANSACTION`",
       Sections::Goose, "the `-- +goose Down` section", Order::Numeric,
       "https://pressly.github.io/goose/documentation/annotations/", nullptr, goose_text,
       goose_opt_out},
      {"dbmate", "a line `-- migrate:up`", Wrap::Transaction,
       "dbmate runs each migration in a transaction",
       "`-- migrate:up transaction:false`", Sections::Dbmate, "the `-- migrate:down` section",
       Order::Numeric,
       "https://github.com/amacneil/dbmate#readme (Features: run atomically inside a "
       "transaction; transaction:false option, v1.5.0)",
       nullptr, dbmate_text, dbmate_opt_out},
      {"alembic", "a line `-- Running upgrade` (alembic upgrade --sql)", Wrap::OwnBegin,
       "the offline script carries its own BEGIN/COMMIT (transaction_per_migration)", "",
       Sections::None, "none (downgrade --sql writes a separate script)", Order::Lexical,
       "https://alembic.sqlalchemy.org/en/latest/offline.html", nullptr, alembic_text},
      {"django", "`BEGIN;` and `--`/`-- Operation`/`--` banners (manage.py sqlmigrate)",
       Wrap::OwnBegin, "sqlmigrate prints BEGIN/COMMIT itself for atomic migrations", "",
       Sections::None, "none", Order::Lexical,
       "https://docs.djangoproject.com/en/stable/ref/django-admin/#sqlmigrate", nullptr,
       django_text},
      {"flyway", "file name V<version>__x.sql, R__x.sql (U<version>__ = undo)",
       Wrap::Transaction,
       "Flyway runs each migration in a transaction; a script made only of statements that "
       "cannot run in one (CREATE INDEX CONCURRENTLY …) runs without, a mix is refused unless "
       "mixed=true",
       "`<script>.sql.conf` with executeInTransaction=false", Sections::None,
       "U<version>__ undo scripts", Order::Flyway,
       "https://documentation.red-gate.com/fd/flyway-execute-in-transaction-setting-277578997."
       "html; https://www.red-gate.com/blog/flyway-6-1-0-released (script config files); "
       "flyway/flyway#3854 (PostgreSQLParser.detectCanExecuteInTransaction); mixed: "
       "default false",
       flyway_path, nullptr, flyway_opt_out, flyway_down, true, flyway_repeatable},
      {"prisma", "prisma's migrations/<name>/migration.sql", Wrap::Implicit,
       "prisma migrate sends migration.sql as one script: PostgreSQL runs it as one implicit "
       "transaction (a lone CREATE INDEX CONCURRENTLY works, a mixed file fails)",
       "", Sections::None, "none", Order::Lexical,
       "prisma/prisma discussion #3774 (no explicit transaction); prisma/orm discussion #10601 "
       "(split CONCURRENTLY into its own migration)",
       prisma_path},
      {"diesel", "migrations/<version>_<name>/up.sql and down.sql", Wrap::Transaction,
       "diesel runs each migration in its own transaction",
       "metadata.toml with run_in_transaction = false", Sections::None, "down.sql",
       Order::Lexical,
       "https://docs.rs/diesel_migrations (Transactions); "
       "https://docs.diesel.rs/2.2.x/diesel/migration/trait.MigrationMetadata.html",
       diesel_path, nullptr, diesel_opt_out, diesel_down},
      {"popx", "<version>_<name>[.postgres][.autocommit].up.sql (ory/popx, kratos)",
       Wrap::Transaction, "popx runs each migration in a transaction",
       "`.autocommit.` in the file name", Sections::None, "*.down.sql", Order::Numeric,
       "github.com/ory/popx file naming (`.autocommit.`); not checked against documentation "
       "here",
       popx_path, nullptr, popx_opt_out, down_sql},
      {"golang-migrate", "<version>_<name>.up.sql / .down.sql", Wrap::Implicit,
       "the postgres driver sends the whole file as one multi-statement simple query: one "
       "implicit transaction (unless x-multi-statement=true splits it)",
       "", Sections::None, "*.down.sql", Order::Numeric,
       "https://github.com/golang-migrate/migrate/tree/master/database/postgres (Multi-statement "
       "mode); golang-migrate/migrate#495",
       golang_migrate_path, nullptr, nullptr, down_sql},
      {"sqitch", "deploy/, revert/, verify/ beside a sqitch.plan", Wrap::None,
       "sqitch runs scripts with psql: no transaction unless the script says BEGIN", "",
       Sections::None, "revert/ and verify/ scripts", Order::Sqitch,
       "https://sqitch.org/docs/manual/sqitchtutorial/ (scripts carry their own BEGIN/COMMIT); "
       "https://sqitch.org/docs/manual/sqitch-plan/ (deploy order)",
       sqitch_path, nullptr, nullptr, sqitch_down},
      {"rails", "structure.sql, or INSERT INTO schema_migrations (version)", Wrap::None,
       "a structure.sql-style dump is loaded with psql: no transaction", "", Sections::None,
       "none", Order::Lexical,
       "https://guides.rubyonrails.org/active_record_migrations.html#types-of-schema-dumps",
       rails_path, rails_text},
  };
  return table;
}

const Preset* find_preset(std::string_view name) {
  if (name == "plain") name = "psql";
  for (const Preset& p : presets()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::string preset_names() {
  std::string out = "auto";
  for (const Preset& p : presets()) out += ", " + std::string(p.name);
  return out + ", plain";
}

namespace {

const Preset* by_path(const PathFacts& facts) {
  for (const Preset& p : presets()) {
    if (p.by_path && p.by_path(facts)) return &p;
  }
  return nullptr;
}

}  // namespace

std::string migration_folder(std::string_view path) {
  const PathFacts facts(path);
  // std::filesystem::path::parent_path of a generic path, without building one.
  const auto parent = [](std::string_view p) {
    const size_t slash = p.rfind('/');
    return slash == std::string_view::npos ? std::string_view{}
                                           : p.substr(0, slash == 0 ? 1 : slash);
  };
  const std::string_view folder = parent(facts.path);
  return std::string(prisma_path(facts) || diesel_path(facts) ? parent(folder) : folder);
}

Decision decide(std::string_view path, std::string_view text, std::string_view runner,
                bool assume_in_transaction) {
  Decision d;
  if (runner != "auto") {
    d.preset = find_preset(runner);
    d.why = "--runner " + std::string(runner);
  }
  // Section markers (goose, dbmate) are explicit: they come first. Then paths, then the
  // weaker content signs of generated output (alembic, django, rails).
  const Lines lines(text);
  const auto by_text = [&](bool sectioned) {
    for (const Preset& p : presets()) {
      if (d.preset) break;
      if (p.by_text && (p.sections != Sections::None) == sectioned && p.by_text(lines)) {
        d.preset = &p;
        d.why = "content: " + std::string(p.recognised_by);
      }
    }
  };
  if (!d.preset) by_text(true);
  const PathFacts facts(path);
  if (!d.preset) {
    if ((d.preset = by_path(facts))) d.why = "path: " + std::string(d.preset->recognised_by);
  }
  if (!d.preset) by_text(false);
  if (!d.preset) {
    d.preset = find_preset("psql");
    d.why = "no runner's file name or marker found";
  }
  const Preset& p = *d.preset;
  d.reruns = p.reruns && p.reruns(facts);
  const auto out = p.opts_out ? p.opts_out(path, lines) : std::nullopt;
  if (out) {
    d.transaction_why = "opted out by " + *out;
  } else if (p.wrap == Wrap::Transaction || p.wrap == Wrap::Implicit) {
    d.in_transaction = true;
    d.transaction_why = std::string(p.wrap_how);
    d.alone_if_all_nontransactional = p.alone_if_all_nontransactional;
  } else if (assume_in_transaction) {
    d.in_transaction = true;
    d.transaction_why = "--assume-in-transaction";
  } else {
    d.transaction_why = std::string(p.wrap_how);
  }
  return d;
}

bool is_down_file(std::string_view path, std::string_view runner) {
  const PathFacts facts(path);
  const Preset* p = runner == "auto" ? by_path(facts) : find_preset(runner);
  return p && p->is_down_file && p->is_down_file(facts);
}

Lines::Lines(std::string_view text) : text_(text) {
  for (size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1)) {
    ends_.push_back(at);
  }
  ends_.push_back(text.size());
}

namespace {

std::string padded(std::string_view digits) {
  while (digits.size() > 1 && digits[0] == '0') digits.remove_prefix(1);
  return std::string(digits.size() < 40 ? 40 - digits.size() : 0, '0') + std::string(digits);
}

// The position of each deploy script in a sqitch.plan: changes deploy in the order the plan
// lists them. A change reworked after a tag keeps its earlier version as deploy/NAME@TAG.sql,
// which is the last occurrence of NAME before that tag. Plans are read once per run.
std::optional<size_t> sqitch_plan_position(const fs::path& plan, const std::string& script) {
  static std::mutex mutex;
  static std::map<std::string, std::map<std::string, size_t>> plans;
  const std::lock_guard lock(mutex);
  auto [it, inserted] = plans.try_emplace(plan.generic_string());
  if (inserted) {
    std::map<std::string, size_t>& positions = it->second;
    std::map<std::string, size_t> latest;  // change name → its last position so far
    size_t position = 0;
    Lines(read_small_file(plan, size_t{64} << 20)).any([&](std::string_view line) {
      const size_t begin = line.find_first_not_of(" \t");
      if (begin == std::string_view::npos) return false;
      line.remove_prefix(begin);
      const std::string_view word = line.substr(0, line.find_first_of(" \t"));
      if (word.empty() || word[0] == '%' || word[0] == '#') return false;
      if (word[0] == '@') {
        // The versions before this tag are the NAME@TAG scripts.
        for (const auto& [name, at] : latest) {
          positions.emplace(name + std::string(word), at);
        }
        return false;
      }
      latest[std::string(word)] = position;
      positions[std::string(word)] = position++;
      return false;
    });
  }
  const auto found = it->second.find(script);
  if (found == it->second.end()) return std::nullopt;
  return found->second;
}

}  // namespace

OrderKey order_key(std::string_view path, std::string_view runner) {
  const PathFacts facts(path);
  const Preset* p = runner == "auto" ? by_path(facts) : find_preset(runner);
  OrderKey key;
  key.name = std::string(facts.file);
  // A file no path rule recognises keeps path order (goose and dbmate, recognised by
  // content, name files by equal-width timestamps or zero-padded numbers anyway).
  const Order order = p ? p->order : Order::Lexical;
  const std::string_view f = facts.file;
  if (order == Order::Flyway) {
    if (flyway_name(f, 'V') || flyway_name(f, 'U')) {
      const size_t sep = f.find("__");
      size_t b = 1;
      for (size_t i = 1; i <= sep; ++i) {
        if (i == sep || f[i] == '.' || f[i] == '_') {
          key.numbers.push_back(padded(f.substr(b, i - b)));
          b = i + 1;
        }
      }
      key.group = f[0] == 'V' ? 0 : 2;
    } else {
      key.group = flyway_name(f, 'R') ? 1 : 3;
    }
  } else if (order == Order::Sqitch) {
    const fs::path script(path);
    const auto position = sqitch_plan_position(
        script.parent_path().parent_path() / "sqitch.plan", script.stem().string());
    // Scripts the plan does not list come after the ones it does.
    key.group = position ? 0 : 1;
    if (position) key.numbers.push_back(padded(std::to_string(*position)));
  } else if (order == Order::Numeric) {
    // A leading number (version, timestamp) compares as a number: 2_x before 10_x.
    size_t n = 0;
    while (n < f.size() && is_digit(f[n])) ++n;
    if (n > 0) key.numbers.push_back(padded(f.substr(0, n)));
  }
  return key;
}

}  // namespace zd::runner
