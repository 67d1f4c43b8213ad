#include "parse/plpgsql.hpp"

#include <array>
#include <string>
#include <unordered_map>

namespace zd {
namespace {

struct SqlField {
  std::string_view statement;  // PLpgSQL_stmt_* node
  Key field;                   // its PLpgSQL_expr
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

// The tree holds the statements in the order of the body's text: a FOR's query before its
// loop body, IF branches in order, exception handlers after the block.
class Collector {
 public:
  explicit Collector(std::vector<BodySql>& out) : out_(out) {}

  void collect(NodeList functions) {
    for (const Node function : functions) {
      walk(function, [&](Node n) { return enter(n); }, [&](Node n) { leave(n); });
    }
  }

 private:
  struct Loop {
    size_t first;   // the first statement collected inside it
    uint32_t part;  // the transaction part it started in
  };

  bool enter(Node n) {
    const std::string_view type = n.type();
    if (type == "PLpgSQL_stmt_commit" || type == "PLpgSQL_stmt_rollback") ++transaction_part_;
    if (type.starts_with("PLpgSQL_stmt_")) collect_sql(n);
    if (is_loop(type)) loops_.push_back({out_.size(), transaction_part_});
    return true;
  }

  void leave(Node n) {
    if (!is_loop(n.type())) return;
    const Loop loop = loops_.back();
    loops_.pop_back();
    // A loop that commits runs each pass in a transaction of its own.
    if (transaction_part_ != loop.part) {
      for (size_t i = loop.first; i < out_.size(); ++i) out_[i].in_loop = !loops_.empty();
    }
  }

  void collect_sql(Node statement) {
    for (const SqlField& f : kSqlFields) {
      if (f.statement != statement.type()) continue;
      const Node expr = statement.child(f.field);
      if (!expr.is("PLpgSQL_expr") || !expr.has("query")) continue;
      out_.push_back({f.kind, std::string(expr.str("query")),
                      static_cast<uint32_t>(statement.integer("lineno", 1)), !loops_.empty(),
                      transaction_part_});
    }
  }

  std::vector<BodySql>& out_;
  std::vector<Loop> loops_;  // the loops around the node at hand
  uint32_t transaction_part_ = 0;
};

PlpgsqlBody compile(const std::string& statement) {
  PlpgsqlBody body;
  const auto parsed = pg::parse_plpgsql(statement);
  if (parsed.error) {
    body.error = parsed.error;
    return body;
  }
  if (!parsed.tree) {
    body.error = pg::Error{"the PL/pgSQL parse tree could not be read", 0};
    return body;
  }
  Collector(body.sql).collect(parsed.tree->root_list());
  return body;
}

// The bodies a thread has compiled, by the text it was given, up to kMemoBytes of text (then
// it starts afresh): a compile depends on nothing else.
class CompiledBodies {
 public:
  const PlpgsqlBody* find(const std::string& statement) const {
    const auto known = bodies_.find(statement);
    return known == bodies_.end() ? nullptr : &known->second;
  }
  void add(const std::string& statement, const PlpgsqlBody& body) {
    size_t bytes = statement.size();
    for (const BodySql& sql : body.sql) bytes += sql.text.size();
    if (bytes > kMemoBytes) return;
    if (bytes_ + bytes > kMemoBytes) {
      bodies_.clear();
      bytes_ = 0;
    }
    bodies_.emplace(statement, body);
    bytes_ += bytes;
  }

 private:
  static constexpr size_t kMemoBytes = size_t{1} << 20;
  std::unordered_map<std::string, PlpgsqlBody> bodies_;
  size_t bytes_ = 0;
};

}  // namespace

PlpgsqlBody read_plpgsql(const std::string& statement) {
  thread_local CompiledBodies compiled;
  if (const PlpgsqlBody* known = compiled.find(statement)) return *known;
  PlpgsqlBody body = compile(statement);
  compiled.add(statement, body);
  return body;
}

}  // namespace zd
