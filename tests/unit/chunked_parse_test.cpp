// A large file parsed in chunks (parse/chunks.hpp) gives the model the whole-file parse
// gives: the same statements, spans, tokens, errors and node positions, whatever the
// chunk size and the number of threads. The chunk size is made tiny so that a small file
// is cut at every statement end that may be cut.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/migration.hpp"
#include "parse/chunk_pipeline.hpp"
#include "parse/chunks.hpp"
#include "parse/libpg_query.hpp"
#include "parse/prepare.hpp"

namespace {

// A statement as the model has it, node positions as file offsets.
struct Seen {
  std::string kind;
  uint32_t span_begin, span_end, trivia_begin;
  size_t tokens;
  std::string error;
  uint32_t error_offset;
  bool nested;
  uint32_t parent, body_of, call_begin, call_end;
  std::vector<uint32_t> node_offsets;
  bool operator==(const Seen&) const = default;
};

struct Parsed {
  std::unique_ptr<zd::Source> source;
  std::unique_ptr<zd::Migration> m;
};

Parsed parse(const std::string& sql, zd::ParseOptions options) {
  auto d = zd::decode_source("big.sql", sql);
  REQUIRE(d.source);
  Parsed p{std::make_unique<zd::Source>(std::move(*d.source)), nullptr};
  p.m = zd::parse_migration(*p.source, {}, options);
  return p;
}

std::vector<Seen> seen(const zd::Migration& m) {
  std::vector<Seen> out;
  for (const zd::Statement& s : m.statements()) {
    Seen x{std::string(s.kind()),
           s.span.begin,
           s.span.end,
           s.trivia_begin,
           s.tokens.size(),
           s.error ? s.error->message : "",
           s.error ? s.error->offset : 0,
           s.nested != nullptr,
           s.nested ? s.nested->parent : 0,
           s.nested ? s.nested->body_of : 0,
           s.nested ? s.nested->call.begin : 0,
           s.nested ? s.nested->call.end : 0,
           {}};
    zd::walk(s.node, [&](zd::Node n) {
      if (const auto loc = n.location()) x.node_offsets.push_back(s.file_offset(*loc));
      return true;
    });
    out.push_back(std::move(x));
  }
  return out;
}

// Statements whose locations count from a chunk's start rather than the file's.
size_t chunked_statements(const zd::Migration& m) {
  size_t n = 0;
  for (const zd::Statement& s : m.statements()) n += !s.nested && s.location_base > 0 ? 1u : 0u;
  return n;
}

// Every kind of statement end: a rule's actions and an SQL-standard body hold `;` that
// end nothing, empty statements, comments, a DO block and a called function, whose
// statements take their positions from the top-level statement's.
const std::string kBlock = "-- a comment before\n"
                           "CREATE TABLE t (id bigint PRIMARY KEY, a int);\n"
                           "CREATE TABLE log (id bigint, at timestamptz);;\n"
                           "CREATE RULE r AS ON INSERT TO t DO ALSO (\n"
                           "  INSERT INTO log VALUES (new.id, now());\n"
                           "  INSERT INTO log VALUES (new.id + 1, now())\n"
                           ");\n"
                           "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC\n"
                           "  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;\n"
                           "  SELECT x + 1;\n"
                           "END;\n"
                           "ALTER TABLE t ADD COLUMN b int /* inside */ DEFAULT 0;\n"
                           "CREATE FUNCTION g() RETURNS void LANGUAGE plpgsql AS $$\n"
                           "BEGIN\n"
                           "  ALTER TABLE t ADD COLUMN IF NOT EXISTS c text;\n"
                           "END $$;\n"
                           "SELECT g();\n"
                           "DO $$ BEGIN CREATE INDEX ON t (a); END $$;\n";

std::string file_of(size_t blocks, const std::string& tail = "") {
  std::string sql;
  for (size_t i = 0; i < blocks; ++i) sql += kBlock;
  return sql + tail;
}

std::vector<uint32_t> location_bases(const zd::Migration& m) {
  std::vector<uint32_t> out;
  for (const zd::Statement& s : m.statements()) out.push_back(s.location_base);
  return out;
}

std::string repeat(std::string_view unit, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += unit;
  return out;
}

}  // namespace

TEST_CASE("chunks: cut only at statement ends outside rule actions and BEGIN ATOMIC bodies") {
  const std::string sql = file_of(1);
  const auto scanned = zd::pg::scan(sql);
  const auto size = static_cast<uint32_t>(sql.size());
  const auto chunks = zd::pg::cut_into_chunks(scanned.tokens, size, 1);
  std::vector<std::string> ends;
  for (const auto& c : chunks) {
    ends.push_back(sql.substr(c.begin, c.end - c.begin));
  }
  REQUIRE(chunks.size() == 10);
  CHECK(chunks.front().begin == 0);
  CHECK(chunks.back().end == size);
  for (size_t i = 1; i < chunks.size(); ++i) CHECK(chunks[i].begin == chunks[i - 1].end);
  CHECK(ends[3].ends_with("now())\n);"));    // the whole rule
  CHECK(ends[4].ends_with("x + 1;\nEND;"));  // the whole function, CASE … END inside
  // One chunk (the whole file) when the file is not larger than a chunk.
  CHECK(zd::pg::cut_into_chunks(scanned.tokens, size, size).size() == 1);
  CHECK(zd::pg::cut_into_chunks(scanned.tokens, size, size / 2).size() == 2);
}

TEST_CASE("chunks: the model is the whole-file parse's, on one thread or several") {
  const std::string sql = file_of(40);
  const Parsed whole = parse(sql, {1, UINT32_MAX});
  const auto expected = seen(*whole.m);
  REQUIRE(expected.size() == 40 * 10);  // 8 top-level and 2 nested statements a block
  CHECK(chunked_statements(*whole.m) == 0);
  for (const uint32_t chunk_bytes : {1u, 100u, 1000u, 7000u}) {
    for (const unsigned threads : {1u, 2u, 3u}) {
      CAPTURE(chunk_bytes);
      CAPTURE(threads);
      const Parsed chunked = parse(sql, {threads, chunk_bytes});
      CHECK(chunked_statements(*chunked.m) > 0);
      CHECK(seen(*chunked.m) == expected);
      CHECK(chunked.m->top_level() == whole.m->top_level());
      CHECK(chunked.m->comments().size() == whole.m->comments().size());
    }
  }
  // At the smallest size every statement but the first is a chunk of its own.
  CHECK(chunked_statements(*parse(sql, {2, 1}).m) == whole.m->top_level().size() - 1);
}

TEST_CASE("chunks: a statement that does not parse costs only itself, as in one parse") {
  // The bad statement is in a chunk of its own: every chunk before and after parses, the
  // file falls back to one parse, then to statement by statement.
  const std::string sql = file_of(5, "ALTER TABLE t ADD COLUMN;\n") + file_of(5);
  const Parsed whole = parse(sql, {1, UINT32_MAX});
  const auto expected = seen(*whole.m);
  const auto bad = static_cast<uint32_t>(sql.find("ADD COLUMN;") + 10);
  CHECK(std::any_of(expected.begin(), expected.end(),
                    [&](const Seen& s) { return !s.error.empty() && s.error_offset == bad; }));
  for (const unsigned threads : {1u, 2u}) {
    CAPTURE(threads);
    CHECK(seen(*parse(sql, {threads, 1}).m) == expected);
    CHECK(seen(*parse(sql, {threads, 300}).m) == expected);
  }
}

TEST_CASE("chunks: cut apart, a rule or a BEGIN ATOMIC body would not parse") {
  // What the cuts avoid. PostgreSQL rejects the first half; the second half of a body may
  // well parse (`SELECT x + 1; END;` is a SELECT and a COMMIT), which is why a file is
  // taken from its chunks only when every one of them parses.
  const std::string sql = file_of(1);
  for (const std::string_view inner : {"now());", "THEN 1 ELSE 0 END;"}) {
    CAPTURE(inner);
    const size_t cut = sql.find(inner) + inner.size();
    CHECK(zd::pg::parse(sql.substr(0, cut)).error);
  }
  CHECK_FALSE(zd::pg::parse(sql.substr(sql.find("THEN 1 ELSE 0 END;") + 18)).error);
  CHECK_FALSE(zd::pg::parse(sql).error);
}

TEST_CASE("chunks: parsed while the file is scanned, the model is the one-thread model") {
  // With two threads a large file's chunks are parsed as the scanner passes their ends; each
  // way out of that (the fast scanner giving up, an unterminated literal, a chunk that does
  // not parse, nesting too deep for the file as a whole) must give what one thread gives.
  struct Case {
    std::string name;
    std::string sql;
  };
  const std::vector<Case> cases = {
      {"clean", file_of(40)},
      {"an E'' literal far into the file", file_of(30, "SELECT E'a\\nb';\n") + file_of(10)},
      {"an unterminated literal at the end", file_of(40, "SELECT 'no end;\n")},
      {"a chunk that does not parse", file_of(30, "ALTER TABLE t ADD COLUMN;\n") + file_of(10)},
      {"too deep", file_of(30, "SELECT " + repeat("1+", 20000) + "1;\n") + file_of(10)},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    for (const uint32_t chunk_bytes : {300u, 4000u}) {
      CAPTURE(chunk_bytes);
      const Parsed one = parse(c.sql, {1, chunk_bytes});
      const Parsed two = parse(c.sql, {2, chunk_bytes});
      CHECK(seen(*two.m) == seen(*one.m));
      CHECK(location_bases(*two.m) == location_bases(*one.m));
      CHECK(two.m->top_level() == one.m->top_level());
      CHECK(two.m->comments().size() == one.m->comments().size());
    }
  }
}

namespace {

zd::pg::ChunkPipeline::Parsed pipelined(const std::string& sql, zd::ParseOptions options) {
  const auto scanned = zd::pg::scan(sql);
  REQUIRE_FALSE(scanned.error);
  zd::pg::ChunkPipeline pipeline(static_cast<uint32_t>(sql.size()), options, [&](zd::pg::Range r) {
    return zd::pg::parse(std::string(sql, r.begin, r.end - r.begin)).tree;
  });
  // Told in parts of 7 tokens, comments included, as the scanner tells them.
  const std::span<const zd::pg::Token> all(scanned.tokens);
  for (size_t i = 0; i < all.size(); i += 7) {
    pipeline.scanned(all.subspan(i, std::min<size_t>(7, all.size() - i)));
  }
  pipeline.scanned_all();
  return pipeline.parse_rest();
}

std::vector<zd::pg::Token> without_comments(const std::string& sql) {
  std::vector<zd::pg::Token> out;
  for (const auto& t : zd::pg::scan(sql).tokens) {
    if (!t.is_comment()) out.push_back(t);
  }
  return out;
}

}  // namespace

TEST_CASE("chunks: the pipeline cuts where cut_into_chunks does, told the tokens in parts") {
  // A comment between BEGIN and ATOMIC: the cuts are made on the tokens without comments.
  const std::string sql =
      file_of(20, "CREATE FUNCTION h() RETURNS int LANGUAGE sql BEGIN /* c */ ATOMIC\n"
                  "  SELECT 1;\n  SELECT 2;\nEND;\n") +
      file_of(5);
  for (const uint32_t chunk_bytes : {1u, 500u}) {
    const auto expected = zd::pg::cut_into_chunks(without_comments(sql),
                                                  static_cast<uint32_t>(sql.size()), chunk_bytes);
    REQUIRE(expected.size() > 10);
    for (const unsigned threads : {1u, 2u, 3u}) {
      CAPTURE(chunk_bytes);
      CAPTURE(threads);
      const auto parsed = pipelined(sql, {threads, chunk_bytes});
      CHECK_FALSE(parsed.too_deep);
      REQUIRE(parsed.chunks.size() == expected.size());
      for (size_t i = 0; i < expected.size(); ++i) {
        CHECK(parsed.chunks[i].begin == expected[i].begin);
        CHECK(parsed.chunks[i].end == expected[i].end);
      }
      REQUIRE(parsed.trees.size() == expected.size());
      CHECK(std::all_of(parsed.trees.begin(), parsed.trees.end(), [](const auto& t) { return t; }));
    }
  }
}

TEST_CASE("chunks: the pipeline's nesting bound is the whole file's, not each chunk's") {
  // Each statement is some 20,000 levels deep alone, but the `[` left open in the first (a
  // syntax error) adds its levels to everything after it: the file is too deep as a whole
  // although no chunk is on its own.
  const std::string sql = file_of(2, "SELECT " + repeat("1+", 10000) + "a[1;\n") +
                          file_of(2, "SELECT " + repeat("1+", 10000) + "1;\n");
  const auto code = without_comments(sql);
  REQUIRE(zd::pg::nesting_bound(code) > zd::pg::kMaxNesting);
  const auto chunks = zd::pg::cut_into_chunks(code, static_cast<uint32_t>(sql.size()), 500);
  REQUIRE(chunks.size() > 2);
  for (const auto& c : chunks) {
    CHECK(zd::pg::nesting_bound(without_comments(sql.substr(c.begin, c.end - c.begin))) <=
          zd::pg::kMaxNesting);
  }
  const auto parsed = pipelined(sql, {2, 500});
  CHECK(parsed.too_deep);
  CHECK(parsed.trees.empty());
}
