#include "parse/libpg_query.hpp"

#include <pg_query.h>

#include <memory>

#include "parse/fast_scan.hpp"
#include "parse/pg_error.hpp"
#include "source/source.hpp"

namespace zd::pg {
namespace {

// Minimal protobuf reader for pg_query.proto's ScanResult; decoding it by hand spares a
// dependency on libprotobuf-c for four integer fields.
class ProtoReader {
 public:
  ProtoReader(const uint8_t* p, size_t n) : p_(p), end_(p + n) {}
  bool done() const { return p_ >= end_; }
  bool ok() const { return ok_; }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64 && p_ < end_; shift += 7) {
      const uint8_t b = *p_++;
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    ok_ = false;
    return 0;
  }
  // Skips a field of the given wire type; returns a sub-reader for length-delimited ones.
  ProtoReader bytes() {
    const auto n = static_cast<size_t>(varint());
    if (n > static_cast<size_t>(end_ - p_)) {
      ok_ = false;
      return {p_, 0};
    }
    ProtoReader sub(p_, n);
    p_ += n;
    return sub;
  }
  void skip(uint32_t wire_type) {
    switch (wire_type) {
      case 0: varint(); break;
      case 1: advance(8); break;
      case 2: bytes(); break;
      case 5: advance(4); break;
      default: ok_ = false; p_ = end_;
    }
  }

 private:
  void advance(size_t n) {
    if (n > static_cast<size_t>(end_ - p_)) ok_ = false, n = static_cast<size_t>(end_ - p_);
    p_ += n;
  }
  const uint8_t* p_;
  const uint8_t* end_;
  bool ok_ = true;
};

Token decode_token(ProtoReader r) {
  Token t;
  while (!r.done() && r.ok()) {
    const uint64_t key = r.varint();
    const auto field = static_cast<uint32_t>(key >> 3);
    const auto wire = static_cast<uint32_t>(key & 7);
    if (wire != 0) {
      r.skip(wire);
      continue;
    }
    const auto v = static_cast<uint32_t>(r.varint());
    switch (field) {
      case 1: t.begin = v; break;
      case 2: t.end = v; break;
      case 4: t.kind = static_cast<uint16_t>(v); break;
      case 5: t.keyword_kind = static_cast<uint16_t>(v); break;
      default: break;
    }
  }
  return t;
}

// Read straight from libpg_query's buffer, before it is freed: the JSON is never copied.
void read_tree(const char* json, ParseResult& out) {
  auto built = ParseTree::from_json(json);
  out.tree = std::move(built.tree);
  out.tree_failure = built.failure;
}

}  // namespace

// libpg_query reports `cursorpos` as a 1-based character position (0: unknown).
Error make_error(const PgQueryError& e, std::string_view text) {
  std::string message = e.message ? e.message : "parse error";
  // The scanner quotes the whole rest of the input after an unterminated literal, line
  // ends included: drop the quote when it is long or spans lines, so that a message stays
  // on one line (the gcc format is one line a finding); the position shows the place.
  if (const auto at = message.find(" at or near \"");
      at != std::string::npos &&
      (message.size() - at > 60 || message.find_first_of("\r\n", at) != std::string::npos)) {
    message.erase(at);
  }
  // Bison's own words when its stack overflows on deep nesting (PostgreSQL says the same).
  if (message.starts_with("memory exhausted")) {
    message = "the statement is nested too deeply for PostgreSQL's parser (" + message + ")";
  }
  const size_t chars = e.cursorpos > 0 ? static_cast<size_t>(e.cursorpos - 1) : 0;
  return {std::move(message), byte_offset_of_character(text, chars)};
}

SplitResult split(std::string_view text) {
  SplitResult out;
  const PgQuerySplitResult r = pg_query_split_with_scanner(text.data());
  const std::unique_ptr<const PgQuerySplitResult, void (*)(const PgQuerySplitResult*)> guard(
      &r, [](const PgQuerySplitResult* p) { pg_query_free_split_result(*p); });
  if (r.error) {
    out.error = make_error(*r.error, text);
    return out;
  }
  out.statements.reserve(static_cast<size_t>(r.n_stmts));
  for (int i = 0; i < r.n_stmts; ++i) {
    const auto begin = static_cast<uint32_t>(r.stmts[i]->stmt_location);
    out.statements.push_back({begin, begin + static_cast<uint32_t>(r.stmts[i]->stmt_len)});
  }
  return out;
}

ScanResult scan(std::string_view text) {
  if (auto tokens = fast_scan(text)) return {std::move(*tokens), std::nullopt};
  return scan_with_postgres(text);
}

ScanResult scan_with_postgres(std::string_view text) {
  ScanResult out;
  const PgQueryScanResult r = pg_query_scan(text.data());
  const std::unique_ptr<const PgQueryScanResult, void (*)(const PgQueryScanResult*)> guard(
      &r, [](const PgQueryScanResult* p) { pg_query_free_scan_result(*p); });
  if (r.error) {
    out.error = make_error(*r.error, text);
    return out;
  }
  ProtoReader reader(reinterpret_cast<const uint8_t*>(r.pbuf.data), r.pbuf.len);
  while (!reader.done() && reader.ok()) {
    const uint64_t key = reader.varint();
    if (key == ((2 << 3) | 2)) {
      out.tokens.push_back(decode_token(reader.bytes()));
    } else {
      reader.skip(static_cast<uint32_t>(key & 7));
    }
  }
  return out;
}

bool operator==(const ParseResult& a, const ParseResult& b) {
  const bool same_tree = a.tree && b.tree ? *a.tree == *b.tree : a.tree == b.tree;
  return same_tree && a.error == b.error && a.tree_failure == b.tree_failure;
}

ParseResult parse_via_json(std::string_view text) {
  ParseResult out;
  const PgQueryParseResult r = pg_query_parse(text.data());
  const std::unique_ptr<const PgQueryParseResult, void (*)(const PgQueryParseResult*)> guard(
      &r, [](const PgQueryParseResult* p) { pg_query_free_parse_result(*p); });
  if (r.error) {
    out.error = make_error(*r.error, text);
  } else {
    read_tree(r.parse_tree, out);
  }
  return out;
}

ParseResult parse_plpgsql(std::string_view text) {
  ParseResult out;
  const PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(text.data());
  const std::unique_ptr<const PgQueryPlpgsqlParseResult, void (*)(const PgQueryPlpgsqlParseResult*)>
      guard(&r, [](const PgQueryPlpgsqlParseResult* p) { pg_query_free_plpgsql_parse_result(*p); });
  if (r.error) {
    out.error = Error{r.error->message ? r.error->message : "PL/pgSQL parse error", 0};
  } else {
    read_tree(r.plpgsql_funcs, out);
  }
  return out;
}

}  // namespace zd::pg
