// zd::QualifiedName::sql: names as SQL to paste into a migration; zd::name_hash, the hash of
// the catalog's maps.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "model/names.hpp"
#include "source/name_hash.hpp"

using zd::QualifiedName;

TEST_CASE("QualifiedName::sql quotes what PostgreSQL would fold or refuse") {
  CHECK(QualifiedName{"public", "idx_orders_status"}.sql() == "public.idx_orders_status");
  // Unquoted, Event_createdAt_idx would name event_createdat_idx.
  CHECK(QualifiedName{"public", "Event_createdAt_idx"}.sql() == "public.\"Event_createdAt_idx\"");
  CHECK(QualifiedName{"Billing", "a b"}.sql() == "\"Billing\".\"a b\"");
  CHECK(QualifiedName{"public", "2fa_codes_idx"}.sql() == "public.\"2fa_codes_idx\"");
  CHECK(QualifiedName{"public", "say\"hi"}.sql() == "public.\"say\"\"hi\"");
  CHECK(QualifiedName{"public", "cost$idx"}.sql() == "public.\"cost$idx\"");
}

TEST_CASE("QualifiedName::sql: a keyword is quoted as the schema, not as the name after it") {
  // `ALTER TABLE public.user …` names table user: after `schema.` any keyword is a name.
  CHECK(QualifiedName{"public", "user"}.sql() == "public.user");
  CHECK(QualifiedName{"user", "orders"}.sql() == "\"user\".orders");
  CHECK(QualifiedName{"Billing", "order"}.sql() == "\"Billing\".order");
}

TEST_CASE("name_hash: every byte of a name of any length counts") {
  // Names of 0 to 40 bytes, and each of them with one byte changed at each position: every
  // load of name_hash (the two halves of a short name, the overlapping last word of a long
  // one) is reached, and no byte is left out of the hash.
  std::set<uint64_t> seen;
  size_t names = 0;
  for (size_t n = 0; n <= 40; ++n) {
    const std::string name(n, 'a');
    seen.insert(zd::name_hash(name));
    ++names;
    for (size_t i = 0; i < n; ++i) {
      std::string changed = name;
      changed[i] = 'b';
      seen.insert(zd::name_hash(changed));
      ++names;
    }
  }
  CHECK(seen.size() == names);
  CHECK(zd::name_hash(std::string("orders")) == zd::name_hash(std::string_view("orders")));
  // The schema and the name are not interchangeable.
  const std::hash<QualifiedName> h;
  CHECK(h(QualifiedName{"public", "orders"}) == h(QualifiedName{"public", "orders"}));
  CHECK(h(QualifiedName{"public", "orders"}) != h(QualifiedName{"orders", "public"}));
}
