// A migration parsed from a string, for the unit tests that look at the model.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "model/migration.hpp"

namespace zd::test {

struct Parsed {
  std::unique_ptr<Source> source;
  std::unique_ptr<Migration> m;
  const Statement& operator[](size_t i) const { return m->statements().at(i); }
  size_t size() const { return m->statements().size(); }
  std::string_view text(const Statement& s) const { return m->text(s.span); }
  std::string_view text(ByteSpan s) const { return m->text(s); }
  Position at(uint32_t offset) const { return source->position(offset); }
};

inline Parsed parse(std::string sql) {
  auto d = decode_source("t.sql", std::move(sql));
  REQUIRE(d.source);
  Parsed p;
  p.source = std::make_unique<Source>(std::move(*d.source));
  p.m = parse_migration(*p.source);
  return p;
}

}  // namespace zd::test
