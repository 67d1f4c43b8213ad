// The statements inside DO blocks and PL/pgSQL function bodies, added to the Migration
// in the order they run, each parsed like a top-level statement and mapped back to its
// place in the file.
//
// - A DO block runs where it is written. A CREATE FUNCTION/PROCEDURE body runs only when
//   the file calls it (CALL p(), SELECT f(), PERFORM f() in another body, f() anywhere in a
//   statement that runs its expressions, not in a view or a table's default): it is added
//   at each call, as part of the calling statement. A function
//   that is never called, and a trigger function (run by the trigger, not the file), adds
//   nothing: creating it locks no table. PostgreSQL still checks a PL/pgSQL body when it
//   creates the function (unless check_function_bodies is off), so a body that does not
//   parse is a syntax error there. A statement that only stores an expression (CREATE
//   VIEW, SET DEFAULT …) does not run the functions in it. An IMMUTABLE or STABLE function
//   cannot write anything: a body of one zerodown cannot read leaves nothing unknown.
// - EXECUTE of a literal, of literals joined with || or of format() over literals is
//   parsed like static SQL; any other EXECUTE is OpaqueCode.
// - Positions: each byte of a nested statement's text maps to the byte of the file it
//   comes from (Statement::offset_map), through the body's quoting ('…' with doubled
//   quotes or $tag$…$tag$) and an EXECUTE string's own quoting.
#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "model/migration.hpp"
#include "model/names.hpp"
#include "model/spans.hpp"
#include "parse/chunks.hpp"
#include "parse/dynamic_sql.hpp"
#include "parse/plpgsql.hpp"
#include "parse/string_literal.hpp"
#include "source/ascii_case.hpp"

namespace zd {
namespace {

// A body's text as PL/pgSQL reads it and, for each byte and its end, the file offset.
struct Body {
  std::string text;
  std::vector<uint32_t> to_file;
  ByteSpan token;      // the string constant in the file
  bool exact = false;  // false: its start stands for every position (a literal not decoded)
};

struct Definition {
  uint32_t statement = 0;
  std::string name;
  std::string language;
  bool trigger = false;
  Body body;
  PlpgsqlBody sql;
  std::string unanalysable;  // why the body is not analysed; empty: it is
  // IMMUTABLE or STABLE: PostgreSQL refuses any statement that writes in it ("… is not
  // allowed in a non-volatile function"), in SQL and every procedural language. (A C
  // function is trusted to keep the promise, not held to it.)
  bool read_only = false;
};

// PostgreSQL's parse_bool: true, false, yes, no (or a prefix of them), on, off, 1, 0.
bool is_false_setting(Node value) {
  if (value.is("A_Const") && value.has("ival")) return value.child("ival").integer("ival") == 0;
  const std::string v = ascii_lowered(value.string_value());
  const auto prefix_of = [&](std::string_view word, size_t at_least) {
    return v.size() >= at_least && std::string_view(word).starts_with(v);
  };
  return prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || v == "0";
}

std::string_view option(NodeList options, std::string_view name) {
  for (const Node o : options) {
    if (o.str("defname") != name) continue;
    const Node arg = o.child("arg");
    return arg.is("List") ? arg.list("items")[0].string_value() : arg.string_value();
  }
  return {};
}

// The strings of a CREATE FUNCTION's AS clause.
NodeList as_items(NodeList options) {
  for (const Node o : options) {
    if (o.str("defname") == "as") return o.child("arg").list("items");
  }
  return {};
}

// The statements whose body libpg_query's PL/pgSQL parser reads: a DO block in PL/pgSQL
// (its default language), a function or procedure in PL/pgSQL with its one AS string (with
// none, a SQL-standard body or two, PostgreSQL refuses it, and the parser must not be given
// it).
bool has_plpgsql_body(const Statement& s) {
  if (s.error) return false;
  if (s.is("DoStmt")) {
    const std::string_view language = option(s.node.list("args"), "language");
    return language.empty() || language == "plpgsql";
  }
  const NodeList options = s.node.list("options");
  return s.is("CreateFunctionStmt") && option(options, "language") == "plpgsql" &&
         as_items(options).size() == 1;
}

// The text a body is compiled from: the statement, with a function's name replaced by one
// of our own where that cannot change the compile, so that one body created under many
// names (touch_users(), touch_orders(), …) is compiled once (read_plpgsql keeps what it
// compiled, by text). PL/pgSQL labels the body's outer block with the function's name
// (`fn.param` reads a parameter), so the name is replaced only when nothing after it spells
// any part of it, nor the name put in its place.
std::string compiled_text(const Migration& m, const Statement& s) {
  constexpr std::string_view kStandIn = "zerodown_function";
  const std::string_view text = m.text(s.span);
  if (!s.is("CreateFunctionStmt")) return std::string(text);
  // CREATE [OR REPLACE] FUNCTION|PROCEDURE name (…
  const auto keyword = std::find_if(s.tokens.begin(), s.tokens.end(), [&](const pg::Token& t) {
    const std::string_view word = m.text({t.begin, t.end});
    return iequals(word, "function") || iequals(word, "procedure");
  });
  const auto paren = std::find_if(keyword, s.tokens.end(),
                                  [](const pg::Token& t) { return t.kind == pg::kOpenParen; });
  if (paren == s.tokens.end()) return std::string(text);
  const std::string_view rest = text.substr(paren->begin - s.span.begin);
  // Letters in any case: the text folded once (a body runs to thousands of bytes, and each
  // part of the name is looked for in all of it).
  const std::string folded = ascii_lowered(rest);
  if (folded.find(kStandIn) != std::string::npos) return std::string(text);
  for (auto part = std::next(keyword); part != paren; ++part) {
    std::string_view word = m.text({part->begin, part->end});
    if (word.size() >= 2 && word.front() == '"' && word.back() == '"') {
      word = word.substr(1, word.size() - 2);
    }
    if (word != "." && folded.find(ascii_lowered(word)) != std::string::npos) {
      return std::string(text);
    }
  }
  return std::string(text.substr(0, keyword->end - s.span.begin)) + " " +
         std::string(kStandIn) + std::string(rest);
}

// Bodies read on several threads only when there are enough to share: a thread costs more
// than a few bodies.
constexpr size_t kBodiesPerThread = 32;

// PostgreSQL's first line of a body is line 1; PL/pgSQL counts '\n' only.
// Where each line of `text` starts. A body of thousands of statements asks for the line of
// each: counting lines from the top every time was quadratic in the body's length.
std::vector<uint32_t> line_starts(std::string_view text) {
  std::vector<uint32_t> starts{0};
  for (size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1)) {
    starts.push_back(static_cast<uint32_t>(at + 1));
  }
  return starts;
}

// Where `sql` (as PL/pgSQL keeps it: an INTO clause blanked with spaces) is in `body`, at
// or after `from`: a blank of `sql` matches any byte.
std::optional<uint32_t> find_sql(std::string_view body, std::string_view sql, uint32_t from) {
  if (sql.empty()) return std::nullopt;
  for (size_t p = from; p + sql.size() <= body.size(); ++p) {
    bool match = true;
    for (size_t i = 0; i < sql.size() && match; ++i) {
      match = sql[i] == ' ' || sql[i] == body[p + i];
    }
    if (match) return static_cast<uint32_t>(p);
  }
  return std::nullopt;
}

// For each byte of the statement's text and its end, the offset in the body.
// `lines`: line_starts(body).
std::optional<std::vector<uint32_t>> locate(std::string_view body,
                                            const std::vector<uint32_t>& lines,
                                            const BodySql& sql, uint32_t from) {
  // PL/pgSQL numbers lines from 1; a line past the end stands for the end.
  const uint32_t line = sql.line <= 1              ? 0
                        : sql.line - 1 < lines.size() ? lines[sql.line - 1]
                                                      : static_cast<uint32_t>(body.size());
  std::vector<uint32_t> map(sql.text.size() + 1);
  if (sql.kind == BodySqlKind::Perform) {
    // PL/pgSQL keeps `PERFORM expr` as `SELECT expr`: what follows SELECT is the text after
    // PERFORM, and SELECT maps onto PERFORM.
    constexpr size_t kSelect = 6, kPerform = 7;
    const std::string_view rest = std::string_view(sql.text).substr(kSelect);
    auto at = find_sql(body, rest, std::max(line, from));
    if (!at) at = find_sql(body, rest, line);
    if (!at) return std::nullopt;
    const uint32_t keyword =
        *at >= kPerform && iequals(body.substr(*at - kPerform, kPerform), "perform")
            ? *at - static_cast<uint32_t>(kPerform)
            : *at;
    for (size_t i = 0; i < map.size(); ++i) {
      // The last byte of SELECT stands for the last of PERFORM, so the keyword spans it all.
      const size_t in_keyword = i + 1 == kSelect ? kPerform - 1 : i;
      map[i] = i < kSelect ? keyword + static_cast<uint32_t>(in_keyword)
                           : *at + static_cast<uint32_t>(i - kSelect);
    }
    return map;
  }
  auto at = find_sql(body, sql.text, std::max(line, from));
  if (!at) at = find_sql(body, sql.text, line);
  if (!at) return std::nullopt;
  for (size_t i = 0; i < map.size(); ++i) map[i] = *at + static_cast<uint32_t>(i);
  return map;
}

bool is_sql_command(std::string_view word) {
  static constexpr std::string_view kCommands[] = {
      "alter",  "analyze", "call",     "cluster", "comment", "create",  "delete", "drop",
      "grant",  "insert",  "lock",     "merge",   "refresh", "reindex", "reset",  "revoke",
      "select", "set",     "truncate", "update",  "vacuum",  "with"};
  return std::any_of(std::begin(kCommands), std::end(kCommands),
                     [&](std::string_view c) { return iequals(word, c); });
}

// PL/pgSQL reports no position for an error in a body. The usual one is a SQL statement
// that does not parse: find the first such statement (a SQL command word that starts a
// PL/pgSQL statement, up to its `;`) and parse it alone for PostgreSQL's message and place.
std::optional<pg::Error> find_sql_error(const std::string& body) {
  const auto scanned = pg::scan(body);
  std::vector<pg::Token> tokens;
  for (const auto& t : scanned.tokens) {
    if (!t.is_comment()) tokens.push_back(t);
  }
  const auto word = [&](size_t i) {
    return std::string_view(body).substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
  };
  int depth = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    depth += tokens[i].kind == pg::kOpenParen ? 1 : tokens[i].kind == pg::kCloseParen ? -1 : 0;
    const bool starts = i == 0 || tokens[i - 1].kind == pg::kSemicolon ||
                        iequals(word(i - 1), "begin") || iequals(word(i - 1), "then") ||
                        iequals(word(i - 1), "else") || iequals(word(i - 1), "loop");
    if (depth != 0 || !starts || !is_sql_command(word(i))) continue;
    size_t end = i;
    for (int d = 0; end < tokens.size() && (d > 0 || tokens[end].kind != pg::kSemicolon); ++end) {
      d += tokens[end].kind == pg::kOpenParen ? 1 : tokens[end].kind == pg::kCloseParen ? -1 : 0;
    }
    const uint32_t stop = end < tokens.size() ? tokens[end].begin : tokens.back().end;
    const auto parsed = pg::parse(body.substr(tokens[i].begin, stop - tokens[i].begin));
    if (parsed.error) {
      return pg::Error{parsed.error->message, tokens[i].begin + parsed.error->offset};
    }
  }
  return std::nullopt;
}

// `… at or near "THEN"`: the first token of the body with that text (the body's start
// when there is none). PL/pgSQL stops at the first error, so the first is a fair guess.
size_t near_token(const std::string& body, std::string_view message) {
  constexpr std::string_view kNear = " at or near \"";
  const size_t at = message.find(kNear);
  if (at == std::string_view::npos || !message.ends_with('"')) return 0;
  const std::string_view word =
      message.substr(at + kNear.size(), message.size() - at - kNear.size() - 1);
  for (const auto& t : pg::scan(body).tokens) {
    if (iequals(std::string_view(body).substr(t.begin, t.end - t.begin), word)) return t.begin;
  }
  return 0;
}

// Errors of PL/pgSQL's grammar itself (`IF THEN`: "missing expression at or near THEN").
// Others depend on what libpg_query, having no catalog, cannot know and say nothing about
// the body: an OUT parameter is not a known variable to it, so `out_param = x;` ends in
// "missing expression at or near ";"" or "… is not a known variable"; nor are a
// `refcursor` variable or FOR over EXECUTE into a `record`.
bool is_syntax_error(std::string_view message) {
  if (message.starts_with("missing ")) return !message.ends_with("at or near \";\"");
  return message.find("syntax error") != std::string_view::npos ||
         message.starts_with("unterminated ");
}

// Does the statement evaluate the expressions it holds? A view's query, a policy, a rule,
// a trigger's WHEN, a function's SQL body, a domain's CHECK and a new table's defaults and
// CHECKs are stored for later: creating them calls none of the functions they name (a
// `CREATE VIEW … AS SELECT f()` runs f only when the view is read). A materialized view
// created WITH NO DATA does not run its query either.
bool evaluates_expressions(const Statement& s) {
  static constexpr Key kStoresExpressions[] = {
      "ViewStmt",       "CreatePolicyStmt",   "AlterPolicyStmt",  "RuleStmt",
      "CreateTrigStmt", "CreateFunctionStmt", "CreateDomainStmt", "CreateStmt"};
  for (const Key stores : kStoresExpressions) {
    if (s.is(stores)) return false;
  }
  return !(s.is("CreateTableAsStmt") && s.node.child("into").flag("skipData"));
}

}  // namespace

class NestedStatements {
 public:
  NestedStatements(Migration& m, unsigned threads) : m_(m), threads_(threads) {}

  void run() {
    std::vector<Statement> top = std::move(m_.statements_);
    read_bodies(top);
    m_.statements_.clear();
    m_.statements_.reserve(top.size());
    m_.top_level_.reserve(top.size());
    for (Statement& s : top) {
      const uint32_t index = push(std::move(s));
      m_.top_level_.push_back(index);
      const Statement& t = m_.statements_[index];
      if (t.error) continue;
      track_check_function_bodies(t);
      if (t.is("DoStmt")) {
        run_do_block(index);
      } else if (t.is("CreateFunctionStmt")) {
        define(index);
      }
      run_calls(index);
    }
  }

 private:
  // Each PL/pgSQL body is compiled by libpg_query on its own, whatever the statements around
  // it: all of a file's are read first, on the threads its chunks were parsed on when there
  // are many, and taken in order as the statements are replayed.
  void read_bodies(const std::vector<Statement>& top) {
    std::vector<const Statement*> with_body;
    for (const Statement& s : top) {
      if (has_plpgsql_body(s)) with_body.push_back(&s);
    }
    bodies_.resize(with_body.size());
    const size_t blocks = (with_body.size() + kBodiesPerThread - 1) / kBodiesPerThread;
    run_in_parallel(blocks, blocks > 1 ? threads_ : 1, [&](size_t block) {
      const size_t end = std::min(with_body.size(), (block + 1) * kBodiesPerThread);
      for (size_t i = block * kBodiesPerThread; i < end; ++i) {
        bodies_[i] = read_plpgsql(compiled_text(m_, *with_body[i]));
      }
    });
  }
  // The body of the statement being replayed, read by read_bodies.
  PlpgsqlBody next_body() { return std::move(bodies_[next_body_++]); }

  uint32_t push(Statement&& s) {
    s.index = static_cast<uint32_t>(m_.statements_.size());
    m_.statements_.push_back(std::move(s));
    return m_.statements_.back().index;
  }

  // The body's string constant: a DO block's only one, or the one after a function's AS.
  Body read_body(uint32_t index, std::string_view value) const {
    const Statement& s = m_.statements_[index];
    const bool is_do = s.is("DoStmt");
    Body body;
    body.text = std::string(value);
    body.token = {s.span.begin, s.span.begin};
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      const pg::Token& t = s.tokens[i];
      const bool after_as =
          i > 0 && iequals(m_.text({s.tokens[i - 1].begin, s.tokens[i - 1].end}), "as");
      if (t.kind != pg::kSConst || (!is_do && !after_as)) continue;
      body.token = {t.begin, t.end};
      break;
    }
    const auto decoded = decode_string_literal(m_.text(body.token));
    body.exact = decoded && decoded->text == value;
    if (body.exact) {
      for (const uint32_t f : decoded->from) body.to_file.push_back(body.token.begin + f);
    } else {
      // Not a literal zerodown decodes (U&'…', adjacent literals): its start stands for
      // every position inside.
      body.to_file.assign(value.size() + 1, body.token.begin);
    }
    return body;
  }

  void run_do_block(uint32_t index) {
    const NodeList args = m_.statements_[index].node.list("args");
    const std::string_view language = option(args, "language");
    const Body body = read_body(index, option(args, "as"));
    if (!has_plpgsql_body(m_.statements_[index])) {
      add_opaque(body.token, index, index,
                 "a DO block in LANGUAGE " + std::string(language) + " is not analysed");
      return;
    }
    const PlpgsqlBody sql = next_body();
    if (sql.error) {
      const std::string why = body_error(index, body, *sql.error);
      if (!why.empty()) add_opaque(body.token, index, index, why);
      return;
    }
    run_body(sql, body, Nesting{index, index, {}, false, 0, {}});
  }

  void define(uint32_t index) {
    const Node n = m_.statements_[index].node;
    Definition d;
    d.statement = index;
    d.name = std::string(last_name(n.list("funcname")));
    d.language = std::string(option(n.list("options"), "language"));
    const auto returns = last_name(n.child("returnType").list("names"));
    d.trigger = returns == "trigger" || returns == "event_trigger";
    if (d.language == "plpgsql" && !has_plpgsql_body(m_.statements_[index])) {
      d.unanalysable = "the body of " + d.name + "() is not a PL/pgSQL body";
    } else if (d.language == "plpgsql") {
      d.body = read_body(index, option(n.list("options"), "as"));
      d.sql = next_body();
      if (d.sql.error) d.unanalysable = body_error(index, d.body, *d.sql.error, check_bodies());
    } else {
      d.unanalysable = "the body of " + d.name + "() (LANGUAGE " + d.language + ") is not analysed";
    }
    const auto volatility = option(n.list("options"), "volatility");
    d.read_only = (volatility == "immutable" || volatility == "stable") && d.language != "c" &&
                  d.language != "internal";
    definitions_[d.name] = std::move(d);
  }

  // A body that does not parse makes its statement a syntax error (PostgreSQL refuses
  // it) when PostgreSQL `checks` it; one that libpg_query cannot read is not analysed:
  // the reason, or empty.
  std::string body_error(uint32_t index, const Body& body, const pg::Error& error,
                         bool checks = true) {
    Statement& s = m_.statements_[index];
    std::optional<SyntaxError> syntax;
    if (const auto sql = find_sql_error(body.text)) {
      syntax = SyntaxError{sql->message, body.to_file[std::min(sql->offset, body.text.size())]};
    } else if (is_syntax_error(error.message) && body.exact) {
      // libpg_query reads a body it was given in a form zerodown does not decode (U&'…')
      // less well than PostgreSQL: no syntax error on its word alone.
      syntax = SyntaxError{"in the PL/pgSQL body: " + error.message,
                           body.to_file[near_token(body.text, error.message)]};
    }
    if (syntax && checks) {
      s.error = std::make_shared<const SyntaxError>(std::move(*syntax));
      return {};
    }
    if (syntax) {
      return "the PL/pgSQL body does not compile (" + syntax->message +
             "); with check_function_bodies off PostgreSQL created the function anyway, and "
             "each call fails";
    }
    return "the PL/pgSQL body could not be analysed (" + error.message + ")";
  }

  // SET [LOCAL] check_function_bodies: off, PostgreSQL creates a function without
  // compiling its body (pg_dump's output starts so).
  void track_check_function_bodies(const Statement& t) {
    if (t.is("TransactionStmt")) {
      const auto kind = t.node.str("kind");
      if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK") local_check_off_.reset();
      return;
    }
    if (!t.is("VariableSetStmt")) return;
    const auto kind = t.node.str("kind");
    if (kind == "VAR_RESET_ALL") {
      session_check_off_ = false;
      local_check_off_.reset();
      return;
    }
    if (t.node.str("name") != "check_function_bodies") return;
    const bool off = kind == "VAR_SET_VALUE" && is_false_setting(t.node.list("args")[0]);
    if (t.node.flag("is_local")) {
      local_check_off_ = off;
    } else {
      session_check_off_ = off;
      local_check_off_.reset();
    }
  }
  bool check_bodies() const { return !local_check_off_.value_or(session_check_off_); }

  void run_body(const PlpgsqlBody& sql, const Body& body, Nesting nesting) {
    uint32_t from = 0;
    const std::vector<uint32_t> lines = line_starts(body.text);
    for (const BodySql& piece : sql.sql) {
      Nesting n = nesting;
      n.in_loop = piece.in_loop;
      n.transaction_part = piece.transaction_part;
      const auto in_body = locate(body.text, lines, piece, from);
      if (!in_body) {
        add_opaque(body.token, n.parent, n.body_of,
                   "a statement of the body could not be located in its text");
        continue;
      }
      from = in_body->back();
      const auto to_file = [&](uint32_t body_offset) { return body.to_file[body_offset]; };
      if (piece.kind != BodySqlKind::Dynamic) {
        std::vector<uint32_t> map;
        for (const uint32_t b : *in_body) map.push_back(to_file(b));
        add_sql(piece.text, std::move(map), n);
        continue;
      }
      const auto resolved = resolve_dynamic_sql(piece.text);
      if (!resolved) {
        add_opaque({to_file(in_body->front()), to_file(in_body->back())}, n.parent, n.body_of,
                   "EXECUTE of a string computed at run time");
        continue;
      }
      std::vector<uint32_t> map;
      for (const uint32_t e : resolved->from) map.push_back(to_file((*in_body)[e]));
      add_sql(resolved->text, std::move(map), n);
    }
  }

  // Parses one nested statement's text (several for an EXECUTE string with `;`).
  void add_sql(const std::string& text, std::vector<uint32_t> map, const Nesting& nesting) {
    const std::vector<uint32_t>& offsets = m_.offset_maps_.emplace_back(std::move(map));
    const auto scanned = pg::scan(text);
    std::vector<pg::Token>& tokens = m_.nested_tokens_.emplace_back();
    for (const auto& t : scanned.tokens) {
      if (t.is_comment() || t.end <= t.begin) continue;
      tokens.push_back({offsets[t.begin], offsets[t.end - 1] + 1, t.kind, t.keyword_kind});
    }
    Nesting& where = m_.nestings_.emplace_back(nesting);
    where.offset_map = offsets;
    Statement s;
    s.nested = &where;
    const auto parsed = pg::parse(text);
    if (parsed.error) {
      s.error = std::make_shared<const SyntaxError>(
          SyntaxError{parsed.error->message, offsets[std::min(parsed.error->offset, text.size())]});
      s.tokens = tokens;
      s.span = tokens.empty() ? ByteSpan{offsets.front(), offsets.back()}
                              : ByteSpan{tokens.front().begin, tokens.back().end};
      s.trivia_begin = s.span.begin;
      push(std::move(s));
      return;
    }
    if (!parsed.tree) return;
    m_.trees_.push_back(parsed.tree);
    for (const Node raw : parsed.tree->root().list("stmts")) {
      const auto begin = static_cast<uint32_t>(raw.integer("stmt_location"));
      const auto len = static_cast<uint32_t>(raw.integer("stmt_len"));
      const auto size = static_cast<uint32_t>(text.size());
      const uint32_t end = len == 0 ? size : std::min(size, begin + len);
      Statement one = s;
      one.node = raw.child("stmt");
      // The statement's own tokens, in text order (a format() substitution may map a
      // token to an earlier file offset).
      const auto first = std::find_if(tokens.begin(), tokens.end(), [&](const pg::Token& t) {
        return t.begin >= offsets[begin];
      });
      auto last = first;
      while (last != tokens.end() && last->begin < offsets[end] && last->kind != pg::kSemicolon) {
        ++last;
      }
      one.tokens = std::span<const pg::Token>(first, last);
      one.span = first == last ? ByteSpan{offsets[begin], offsets[end]}
                               : ByteSpan{first->begin, std::prev(last)->end};
      one.trivia_begin = one.span.begin;
      const uint32_t index = push(std::move(one));
      if (m_.statements_[index].is("DoStmt")) {
        // EXECUTE 'DO …': a body within a body, not followed.
        add_opaque(m_.statements_[index].span, nesting.parent, nesting.body_of,
                   "a DO block run from inside a body is not analysed");
      }
      run_calls(index);
    }
  }

  // Function bodies of this file that statement `index` calls, run as part of it.
  void run_calls(uint32_t index) {
    if (definitions_.empty() || !evaluates_expressions(m_.statements_[index])) return;
    std::vector<std::pair<std::string, uint32_t>> calls;  // name, location
    const Node node = m_.statements_[index].node;
    if (node.is("CallStmt")) {
      const Node call = node.child("funccall");
      calls.emplace_back(last_name(call.list("funcname")), call.integer("location"));
    }
    walk(node, [&](Node n) {
      // ALTER COLUMN … SET DEFAULT stores the default for later INSERTs.
      if (n.is("AlterTableCmd") && n.str("subtype") == "AT_ColumnDefault") return false;
      if (n.is("FuncCall")) {
        calls.emplace_back(last_name(n.list("funcname")), n.integer("location"));
      }
      return true;
    });
    for (const auto& [name, location] : calls) {
      const auto it = definitions_.find(name);
      if (it == definitions_.end() || it->second.trigger) continue;
      const Definition& d = it->second;
      const Statement& caller = m_.statements_[index];
      const uint32_t parent = caller.nested ? caller.nested->parent : index;
      const ByteSpan call =
          name_span_at(caller, caller.file_offset(static_cast<uint32_t>(location)));
      if (!d.unanalysable.empty()) {
        if (d.read_only) continue;  // whatever it runs, it writes nothing
        const uint32_t holder = caller.nested ? caller.nested->body_of : index;
        if (!m_.statements_[d.statement].error) add_opaque(call, parent, holder, d.unanalysable);
        continue;
      }
      constexpr size_t kMaxDepth = 8;
      if (std::find(running_.begin(), running_.end(), d.statement) != running_.end() ||
          running_.size() >= kMaxDepth) {
        continue;  // recursion: its statements are already there once
      }
      running_.push_back(d.statement);
      run_body(d.sql, d.body, Nesting{parent, d.statement, call, false, 0, {}});
      running_.pop_back();
    }
  }

  void add_opaque(ByteSpan span, uint32_t parent, uint32_t holder, std::string why) {
    m_.opaque_code_.push_back(
        {span, static_cast<uint32_t>(m_.statements_.size() - 1), parent, holder, std::move(why)});
  }

  Migration& m_;
  const unsigned threads_;
  std::vector<PlpgsqlBody> bodies_;  // read_bodies'
  size_t next_body_ = 0;
  std::map<std::string, Definition, std::less<>> definitions_;
  std::vector<uint32_t> running_;        // the function bodies being added, innermost last
  bool session_check_off_ = false;       // SET check_function_bodies = off
  std::optional<bool> local_check_off_;  // SET LOCAL …, until the transaction ends
};

void add_nested_statements(Migration& m, unsigned threads) { NestedStatements(m, threads).run(); }

}  // namespace zd
