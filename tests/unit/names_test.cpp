// zd::QualifiedName::sql: names as SQL to paste into a migration.
#include <doctest/doctest.h>

#include "model/names.hpp"

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
