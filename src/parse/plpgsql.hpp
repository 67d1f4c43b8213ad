// The SQL a PL/pgSQL body runs, as libpg_query's PL/pgSQL parser (PostgreSQL's own) reads
// it: every statement in execution-text order, whatever IF, CASE, LOOP or EXCEPTION branch
// it is in (any of them may run).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parse/libpg_query.hpp"

namespace zd {

enum class BodySqlKind : uint8_t {
  Static,   // a SQL statement, a FOR … IN query, RETURN QUERY, CALL
  Perform,  // PERFORM expr: PL/pgSQL keeps it as `SELECT expr`
  Dynamic,  // EXECUTE, FOR … IN EXECUTE, RETURN QUERY EXECUTE, OPEN … FOR EXECUTE: the
            // text is the expression that computes the SQL string
};

struct BodySql {
  BodySqlKind kind = BodySqlKind::Static;
  // As PL/pgSQL keeps it: the statement's text without its `;`, an INTO clause blanked
  // out with spaces (so the text keeps its length), PERFORM replaced by SELECT.
  std::string text;
  uint32_t line = 1;  // 1-based, from the body's first line
  // Inside a LOOP, WHILE or FOR that has no COMMIT or ROLLBACK: it may run many times,
  // all in one transaction.
  bool in_loop = false;
  uint32_t transaction_part = 0;  // COMMIT/ROLLBACK statements of the body before it
};

struct PlpgsqlBody {
  std::vector<BodySql> sql;
  std::optional<pg::Error> error;  // the body does not parse (offset: unknown, 0)
};

// `statement` is the text of a DO statement or of a CREATE FUNCTION/PROCEDURE … LANGUAGE
// plpgsql statement (NUL-terminated). Migrations often create one body many times over (a
// trigger function per table that sets updated_at): each thread keeps what it compiled and
// compiles a text once: 339 compiles on the real corpus where there were 418
// (nested_statements.cpp replaces the function's name, so that it does not tell copies apart).
PlpgsqlBody read_plpgsql(const std::string& statement);

}  // namespace zd
