// What findings share instead of copying (lint/shared_text.hpp, share_attached_locks): the
// same help text once per file, and each statement's lock list handed to its own findings.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lint/lint.hpp"
#include "lint/shared_text.hpp"

TEST_CASE("shared text: one copy per distinct text, none for an empty one") {
  zd::TextPool pool;
  const zd::SharedText a = pool.share("Build the index CONCURRENTLY.");
  const zd::SharedText b = pool.share("Build the index CONCURRENTLY.");
  const zd::SharedText c = pool.share("Something else.");
  CHECK(&a.str() == &b.str());
  CHECK(&a.str() != &c.str());
  CHECK(c.str() == "Something else.");
  CHECK(pool.share("").empty());
  CHECK(zd::SharedText().str().empty());
}

TEST_CASE("findings: shared helps, and each its own statement's locks, in position order") {
  const auto r = zd::lint_bytes("t.sql",
                                "SET lock_timeout = '2s';\n"
                                "CREATE INDEX b ON users (id);\n"
                                "CREATE INDEX a ON orders (id);\n",
                                {});
  REQUIRE_FALSE(r.error);
  std::vector<const zd::Finding*> found;
  for (const auto& f : r.findings) {
    if (f.rule->id == "lock-create-index") found.push_back(&f);
  }
  REQUIRE(found.size() == 2);
  CHECK(found[0]->start.line == 2);
  CHECK(found[1]->start.line == 3);
  CHECK(&found[0]->help.str() == &found[1]->help.str());
  const auto table = [](const zd::Finding& f) {
    REQUIRE(f.lock);
    REQUIRE(f.lock->locks);
    for (const auto& l : *f.lock->locks) {
      if (l.role == zd::RelationRole::Table) return l.relation.display();
    }
    return std::string();
  };
  CHECK(table(*found[0]) == "public.users");
  CHECK(table(*found[1]) == "public.orders");
}
