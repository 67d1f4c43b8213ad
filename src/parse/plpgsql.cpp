#include "parse/plpgsql.hpp"

#include <simdjson.h>

#include <array>

namespace zd {
namespace {

using simdjson::dom::element;

struct SqlField {
  std::string_view statement;  // PLpgSQL_stmt_* node
  std::string_view field;      // its PLpgSQL_expr
  BodySqlKind kind;
};
constexpr std::array kSqlFields = {
    SqlField{"PLpgSQL_stmt_execsql", "sqlstmt", BodySqlKind::Static},
    SqlField{"PLpgSQL_stmt_perform", "expr", BodySqlKind::Perform},
    SqlField{"PLpgSQL_stmt_call", "expr", BodySqlKind::Static},
    SqlField{"PLpgSQL_stmt_fors", "query", BodySqlKind::Static},
    SqlField{"PLpgSQL_stmt_return_query", "query", BodySqlKind::Static},
    SqlField{"PLpgSQL_stmt_return_query", "dynquery", BodySqlKind::Dynamic},
    SqlField{"PLpgSQL_stmt_dynexecute", "query", BodySqlKind::Dynamic},
    SqlField{"PLpgSQL_stmt_dynfors", "query", BodySqlKind::Dynamic},
    SqlField{"PLpgSQL_stmt_open", "dynquery", BodySqlKind::Dynamic},
};

bool is_loop(std::string_view statement) {
  return statement == "PLpgSQL_stmt_loop" || statement == "PLpgSQL_stmt_while" ||
         statement == "PLpgSQL_stmt_fori" || statement == "PLpgSQL_stmt_fors" ||
         statement == "PLpgSQL_stmt_forc" || statement == "PLpgSQL_stmt_dynfors" ||
         statement == "PLpgSQL_stmt_foreach_a";
}

class Collector {
 public:
  explicit Collector(std::vector<BodySql>& out) : out_(out) {}

  // The JSON holds the statements in the order of the body's text: a FOR's query before
  // its loop body, IF branches in order, exception handlers after the block.
  void visit(element value, bool in_loop) {
    simdjson::dom::array items;
    if (value.get_array().get(items) == simdjson::SUCCESS) {
      for (const element item : items) visit(item, in_loop);
      return;
    }
    simdjson::dom::object fields;
    if (value.get_object().get(fields) != simdjson::SUCCESS) return;
    for (const auto field : fields) {
      const std::string_view key = field.key;
      if (key == "PLpgSQL_stmt_commit" || key == "PLpgSQL_stmt_rollback") ++transaction_part_;
      if (key.starts_with("PLpgSQL_stmt_")) collect(key, field.value, in_loop);
      if (!is_loop(key)) {
        visit(field.value, in_loop);
        continue;
      }
      // A loop that commits runs each pass in a transaction of its own.
      const size_t first = out_.size();
      const uint32_t part = transaction_part_;
      visit(field.value, true);
      if (transaction_part_ != part) {
        for (size_t i = first; i < out_.size(); ++i) out_[i].in_loop = in_loop;
      }
    }
  }

 private:
  void collect(std::string_view statement, element fields, bool in_loop) {
    for (const SqlField& f : kSqlFields) {
      if (f.statement != statement) continue;
      std::string_view query;
      if (fields[f.field]["PLpgSQL_expr"]["query"].get(query) != simdjson::SUCCESS) continue;
      int64_t line = 1;
      if (fields["lineno"].get(line) != simdjson::SUCCESS) line = 1;
      out_.push_back(
          {f.kind, std::string(query), static_cast<uint32_t>(line), in_loop, transaction_part_});
    }
  }

  std::vector<BodySql>& out_;
  uint32_t transaction_part_ = 0;
};

}  // namespace

PlpgsqlBody read_plpgsql(const std::string& statement) {
  PlpgsqlBody body;
  const auto parsed = pg::parse_plpgsql(statement);
  if (parsed.error) {
    body.error = parsed.error;
    return body;
  }
  thread_local simdjson::dom::parser parser;
  element root;
  if (parser.parse(parsed.json).get(root) != simdjson::SUCCESS) {
    body.error = pg::Error{"the PL/pgSQL parse tree could not be read", 0};
    return body;
  }
  Collector(body.sql).visit(root, false);
  return body;
}

}  // namespace zd
