// zerodown-bench-corpus: writes the synthetic inputs of scripts/bench. The same arguments
// give the same bytes on every machine: the random numbers come from a fixed-seed
// SplitMix64 of our own (std::uniform_int_distribution differs between standard libraries).
//
//   zerodown-bench-corpus statements N FILE   one file of N mixed statements
//   zerodown-bench-corpus bytes N FILE        one file of mixed statements, N bytes or a little more
//   zerodown-bench-corpus migrations N DIR    N migration files of 5–40 statements, written in
//                                             the styles of several runners (plain psql, goose,
//                                             dbmate, Flyway, golang-migrate, Prisma)
//
// The statements are what migrations hold: tables, columns, constraints, indexes (some
// CONCURRENTLY, some not), backfills, seed data, comments, PL/pgSQL functions and triggers
// in dollar quotes, transaction control and settings. Some of them are dangerous on
// purpose, so that the rules and the reporters have findings to produce.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform enough in [lo, hi] for a benchmark corpus.
  uint32_t between(uint32_t lo, uint32_t hi) {
    return lo + static_cast<uint32_t>(next() % (static_cast<uint64_t>(hi - lo) + 1));
  }
  template <typename T, size_t N>
  const T& pick(const T (&items)[N]) {
    return items[next() % N];
  }
  bool chance(uint32_t percent) { return between(1, 100) <= percent; }

 private:
  uint64_t state_;
};

constexpr std::string_view kTables[] = {
    "users",     "accounts", "orders",       "order_items", "payments", "invoices",
    "products",  "events",   "sessions",     "audit_log",   "projects", "memberships",
    "api_keys",  "webhooks", "notifications", "comments",   "documents", "tags"};
constexpr std::string_view kColumns[] = {
    "status",    "email",      "created_at", "updated_at", "deleted_at", "amount_cents",
    "currency",  "external_id", "metadata",  "priority",   "title",      "description",
    "owner_id",  "archived",   "score",      "locale",     "region",     "version"};
constexpr std::string_view kTypes[] = {
    "text",        "bigint", "integer",    "boolean", "timestamptz", "jsonb",
    "varchar(255)", "uuid",  "numeric(12,2)", "date",  "smallint",    "text[]"};
constexpr std::string_view kDefaults[] = {"0", "false", "now()", "'{}'::jsonb", "''",
                                          "gen_random_uuid()"};
constexpr std::string_view kWords[] = {"active", "pending", "archived", "eu-west", "admin",
                                       "trial",  "paid",    "refunded", "draft",   "public"};

// One statement (with its `;` and line end), sometimes led by a comment.
class StatementWriter {
 public:
  explicit StatementWriter(Random& random) : r_(random) {}

  std::string next() {
    std::string out;
    if (r_.chance(15)) out += "-- " + std::string(r_.pick(kWords)) + ": see the ticket\n";
    switch (r_.between(0, 20)) {
      case 0:
      case 1: out += create_table(); break;
      case 2:
      case 3:
      case 4: out += add_column(); break;
      case 5: out += add_constraint(); break;
      case 6:
      case 7: out += create_index(); break;
      case 8: out += update(); break;
      case 9:
      case 10: out += insert(); break;
      case 11: out += remove(); break;
      case 12: out += comment_on(); break;
      case 13: out += create_function(); break;
      case 14: out += alter_column(); break;
      case 15: out += setting(); break;
      case 16: out += drop(); break;
      case 17: out += rename(); break;
      case 18: out += create_view(); break;
      case 19: out += create_trigger(); break;
      default: out += block_comment() + add_column(); break;
    }
    return out;
  }

 private:
  std::string table() { return std::string(r_.pick(kTables)); }
  std::string column() { return std::string(r_.pick(kColumns)); }
  std::string number(uint32_t lo, uint32_t hi) { return std::to_string(r_.between(lo, hi)); }
  std::string suffix() { return "_" + number(1, 999); }

  std::string create_table() {
    const std::string name = table() + suffix();
    std::string out = "CREATE TABLE " + std::string(r_.chance(50) ? "IF NOT EXISTS " : "") +
                      name + " (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
    const uint32_t columns = r_.between(2, 9);
    for (uint32_t i = 0; i < columns; ++i) {
      out += ",\n    " + column() + "_" + std::to_string(i) + " " + std::string(r_.pick(kTypes));
      if (r_.chance(30)) out += " NOT NULL";
      if (r_.chance(20)) out += " DEFAULT " + std::string(r_.pick(kDefaults));
    }
    // A foreign key to another table of the migration: most often one created with it, not
    // one of the few core tables (a schema where thousands of tables point at `users` would
    // make every DELETE FROM users lock thousands of tables, and its findings list them all).
    if (r_.chance(40)) {
      out += ",\n    " + table() + "_id bigint NOT NULL REFERENCES " + table() + suffix() +
             " (id) ON DELETE CASCADE";
    }
    if (r_.chance(20)) out += ",\n    UNIQUE (" + column() + "_0)";
    return out + "\n);\n";
  }

  std::string add_column() {
    std::string out = "ALTER TABLE " + table() + " ADD COLUMN " +
                      std::string(r_.chance(40) ? "IF NOT EXISTS " : "") + column() + suffix() +
                      " " + std::string(r_.pick(kTypes));
    if (r_.chance(25)) out += " NOT NULL";
    if (r_.chance(30)) out += " DEFAULT " + std::string(r_.pick(kDefaults));
    return out + ";\n";
  }

  std::string add_constraint() {
    const std::string t = table();
    switch (r_.between(0, 3)) {
      case 0:
        return "ALTER TABLE " + t + " ADD CONSTRAINT " + t + "_owner_fk FOREIGN KEY (owner_id) "
               "REFERENCES users (id)" + (r_.chance(50) ? " NOT VALID" : "") + ";\n";
      case 1:
        return "ALTER TABLE " + t + " ADD CONSTRAINT " + t + "_amount_check CHECK (amount_cents "
               ">= 0)" + (r_.chance(50) ? " NOT VALID" : "") + ";\n";
      case 2: return "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + t + "_owner_fk;\n";
      default:
        return "ALTER TABLE " + t + " ADD CONSTRAINT " + t + "_external_key UNIQUE (external_id);\n";
    }
  }

  std::string create_index() {
    const std::string t = table();
    const std::string c = column();
    std::string out = std::string("CREATE ") + (r_.chance(25) ? "UNIQUE " : "") + "INDEX " +
                      (r_.chance(50) ? "CONCURRENTLY " : "") +
                      (r_.chance(40) ? "IF NOT EXISTS " : "") + "idx_" + t + "_" + c + suffix() +
                      " ON " + t;
    if (r_.chance(20)) out += " USING gin";
    out += " (" + c + (r_.chance(30) ? ", created_at DESC" : "") + ")";
    if (r_.chance(25)) out += " WHERE deleted_at IS NULL";
    return out + ";\n";
  }

  std::string update() {
    std::string out = "UPDATE " + table() + " SET " + column() + " = '" +
                      std::string(r_.pick(kWords)) + "'";
    if (r_.chance(70)) {
      out += "\nWHERE id IN (SELECT id FROM " + table() + " WHERE " + column() +
             " IS NULL LIMIT " + number(100, 10000) + ")";
    }
    return out + ";\n";
  }

  std::string insert() {
    std::string out = "INSERT INTO " + table() + " (" + column() + ", " + column() + ") VALUES";
    const uint32_t rows = r_.between(1, 6);
    for (uint32_t i = 0; i < rows; ++i) {
      out += std::string(i ? "," : "") + "\n    ('" + std::string(r_.pick(kWords)) + "', " +
             number(0, 100000) + ")";
    }
    if (r_.chance(30)) out += "\nON CONFLICT DO NOTHING";
    return out + ";\n";
  }

  std::string remove() {
    return "DELETE FROM " + table() + " WHERE created_at < now() - interval '" +
           number(30, 365) + " days'" + (r_.chance(30) ? "" : " AND archived") + ";\n";
  }

  std::string comment_on() {
    return "COMMENT ON COLUMN " + table() + "." + column() + " IS 'The " +
           std::string(r_.pick(kWords)) + " value; it''s set by the application.';\n";
  }

  std::string create_function() {
    return "CREATE OR REPLACE FUNCTION touch_" + table() + suffix() +
           "() RETURNS trigger\nLANGUAGE plpgsql AS $$\nBEGIN\n"
           "    -- keep updated_at current; a ';' in a comment must not end the statement\n"
           "    NEW.updated_at := now();\n    IF NEW.status = 'archived' THEN\n"
           "        RAISE NOTICE 'archiving %', NEW.id;\n    END IF;\n    RETURN NEW;\n"
           "END;\n$$;\n";
  }

  std::string create_trigger() {
    const std::string t = table();
    return "CREATE TRIGGER touch_" + t + "_trg BEFORE UPDATE ON " + t +
           "\n    FOR EACH ROW EXECUTE FUNCTION touch_" + t + "();\n";
  }

  std::string alter_column() {
    const std::string t = table();
    const std::string c = column();
    switch (r_.between(0, 3)) {
      case 0: return "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL;\n";
      case 1:
        return "ALTER TABLE " + t + " ALTER COLUMN " + c + " TYPE " +
               std::string(r_.pick(kTypes)) + ";\n";
      case 2:
        return "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT " +
               std::string(r_.pick(kDefaults)) + ";\n";
      default: return "ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP NOT NULL;\n";
    }
  }

  std::string setting() {
    switch (r_.between(0, 2)) {
      case 0: return "SET lock_timeout = '" + number(1, 10) + "s';\n";
      case 1: return "SET statement_timeout = '" + number(1, 30) + "min';\n";
      default: return "SET search_path TO public;\n";
    }
  }

  std::string drop() {
    switch (r_.between(0, 2)) {
      case 0: return "DROP INDEX CONCURRENTLY IF EXISTS idx_" + table() + suffix() + ";\n";
      case 1: return "ALTER TABLE " + table() + " DROP COLUMN IF EXISTS " + column() + ";\n";
      default: return "DROP TABLE IF EXISTS " + table() + "_backup" + suffix() + ";\n";
    }
  }

  std::string rename() {
    if (r_.chance(50)) {
      return "ALTER TABLE " + table() + " RENAME COLUMN " + column() + " TO " + column() +
             "_old;\n";
    }
    return "ALTER TABLE " + table() + suffix() + " RENAME TO " + table() + suffix() + ";\n";
  }

  std::string create_view() {
    const std::string t = table();
    return "CREATE OR REPLACE VIEW active_" + t + " AS\nSELECT t.id, t." + column() +
           ", count(*) AS n\nFROM " + t + " t\nJOIN " + table() +
           " o ON o.owner_id = t.id\nWHERE t.deleted_at IS NULL\nGROUP BY t.id, t." +
           column() + ";\n";
  }

  std::string block_comment() {
    return "/*\n * " + std::string(r_.pick(kWords)) +
           ": backwards compatible; the old code ignores the new column.\n */\n";
  }

  Random& r_;
};

enum class Style { Plain, Goose, Dbmate, Flyway, GolangMigrate, Prisma };
constexpr Style kStyles[] = {Style::Plain,  Style::Goose,         Style::Dbmate,
                             Style::Flyway, Style::GolangMigrate, Style::Prisma};

struct Migration {
  fs::path path;  // relative to the output directory
  std::string text;
};

std::string body(StatementWriter& writer, uint32_t statements) {
  std::string out;
  for (uint32_t i = 0; i < statements; ++i) out += writer.next();
  return out;
}

// The i-th migration: its runner's file naming, markers and transaction habits.
Migration migration(Random& r, StatementWriter& writer, uint32_t i) {
  const Style style = r.pick(kStyles);
  const uint32_t statements = r.between(5, 40);
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "2024%04u%06u", i % 10000, i);
  const std::string name = "change_" + std::to_string(i);
  switch (style) {
    case Style::Plain:
      return {fs::path("plain") / (std::string(stamp) + "_" + name + ".sql"),
              "BEGIN;\n" + body(writer, statements) + "COMMIT;\n"};
    case Style::Goose:
      return {fs::path("goose") / (std::string(stamp) + "_" + name + ".sql"),
              "-- +goose Up\n" + body(writer, statements) +
                  "\n-- +goose Down\nDROP TABLE IF EXISTS " + name + ";\n"};
    case Style::Dbmate:
      return {fs::path("dbmate") / (std::string(stamp) + "_" + name + ".sql"),
              "-- migrate:up\n" + body(writer, statements) + "\n-- migrate:down\nDROP TABLE " +
                  name + ";\n"};
    case Style::Flyway:
      return {fs::path("flyway") / ("V" + std::to_string(i + 1) + "__" + name + ".sql"),
              body(writer, statements)};
    case Style::GolangMigrate:
      return {fs::path("golang-migrate") / (std::to_string(i + 1) + "_" + name + ".up.sql"),
              body(writer, statements)};
    case Style::Prisma:
      return {fs::path("prisma") / "migrations" / (std::string(stamp) + "_" + name) /
                  "migration.sql",
              "-- CreateTable\n" + body(writer, statements)};
  }
  return {};
}

bool write_file(const fs::path& path, const std::string& text) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "zerodown-bench-corpus: cannot write " << path.string() << '\n';
    return false;
  }
  return true;
}

int usage() {
  std::cerr << "usage: zerodown-bench-corpus statements N FILE | bytes N FILE | migrations N DIR\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) return usage();
  const std::string_view kind = argv[1];
  uint64_t n = 0;
  try {
    size_t used = 0;
    n = std::stoull(argv[2], &used);
    if (used != std::string_view(argv[2]).size() || n == 0) return usage();
  } catch (const std::exception&) {
    return usage();
  }
  const fs::path out = argv[3];
  Random random(20240611);
  StatementWriter writer(random);

  if (kind == "statements" || kind == "bytes") {
    std::string text;
    for (uint64_t i = 0; kind == "statements" ? i < n : text.size() < n; ++i) {
      text += writer.next();
    }
    return write_file(out, text) ? 0 : 1;
  }
  if (kind == "migrations") {
    for (uint32_t i = 0; i < n; ++i) {
      const Migration m = migration(random, writer, i);
      if (!write_file(out / m.path, m.text)) return 1;
    }
    return 0;
  }
  return usage();
}
