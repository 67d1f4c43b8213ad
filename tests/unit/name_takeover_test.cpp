// A name taken over later in the same transaction (analysis/name_takeover.cpp): read
// directly when little of the transaction follows, looked up in the file's index when much
// does. The findings are the same either way.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "lint/lint.hpp"

TEST_CASE("name takeovers: the same findings after a short and a long rest of the transaction") {
  for (const int fillers : {3, 70, 500}) {
    CAPTURE(fillers);
    std::string sql =
        "BEGIN;\n"
        "ALTER TABLE users DROP COLUMN email;\n"                  // 2: taken over
        "ALTER TABLE orders RENAME TO orders_old;\n"              // 3: swapped: quiet
        "ALTER TABLE users RENAME COLUMN name TO full_name;\n"    // 4: taken over
        "DROP TABLE accounts;\n"                                  // 5: a view takes its name
        "ALTER TABLE users ALTER COLUMN nick DROP NOT NULL;\n"    // 6: dropped after: quiet
        "ALTER TYPE mood RENAME TO feeling;\n";                   // 7: type swapped: quiet
    for (int i = 0; i < fillers; ++i) sql += fmt::format("SELECT {};\n", i);
    const int after = 8 + fillers;
    sql +=
        "ALTER TABLE users ADD COLUMN email text;\n"
        "ALTER TABLE orders_new RENAME TO orders;\n"
        "ALTER TABLE users ADD COLUMN name text;\n"
        "CREATE VIEW accounts AS SELECT 1 AS id;\n"
        "ALTER TABLE users DROP COLUMN nick;\n"
        "CREATE TYPE mood AS ENUM ('a');\n"
        "COMMIT;\n";
    const auto r = zd::lint_bytes("t.sql", sql, {});
    REQUIRE_FALSE(r.error);
    std::vector<std::string> compat;
    for (const auto& f : r.findings) {
      if (f.rule->id.starts_with("compat-")) {
        compat.push_back(fmt::format("{} {}", f.start.line, f.rule->id));
        if (f.start.line == 2) CHECK(f.message.find(fmt::format("line {}", after)) != std::string::npos);
        if (f.start.line == 4) CHECK(f.message.find(fmt::format("line {}", after + 2)) != std::string::npos);
      }
    }
    CHECK(compat == std::vector<std::string>{
                        "2 compat-drop-column", "4 compat-rename-column",
                        fmt::format("{} compat-rename-table", after + 1),
                        fmt::format("{} compat-drop-column", after + 4)});
  }
}
