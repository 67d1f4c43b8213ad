// zd::quote_identifier, quote_identifier_after_dot and quote_literal: names and values as SQL
// that PostgreSQL reads back unchanged.
#include "parse/quote.hpp"

#include <doctest/doctest.h>

using zd::quote_identifier;
using zd::quote_identifier_after_dot;
using zd::quote_literal;

TEST_CASE("quote_identifier: plain lower-case names stay as they are") {
  CHECK(quote_identifier("orders") == "orders");
  CHECK(quote_identifier("_tmp_2") == "_tmp_2");
  CHECK(quote_identifier("idx_orders_created_at") == "idx_orders_created_at");
}

TEST_CASE("quote_identifier: what PostgreSQL would fold or refuse is double-quoted") {
  // Unquoted, these would name user, createdat and user_orgid_fkey.
  CHECK(quote_identifier("User") == "\"User\"");
  CHECK(quote_identifier("createdAt") == "\"createdAt\"");
  CHECK(quote_identifier("User_orgId_fkey") == "\"User_orgId_fkey\"");
  CHECK(quote_identifier("2fa_codes") == "\"2fa_codes\"");
  CHECK(quote_identifier("first name") == "\"first name\"");
  CHECK(quote_identifier("say\"hi") == "\"say\"\"hi\"");
  CHECK(quote_identifier("\"") == "\"\"\"\"");
  CHECK(quote_identifier("café") == "\"café\"");
  CHECK(quote_identifier("ключ") == "\"ключ\"");
  // Valid unquoted after the first character, but quote_ident() quotes it: format('%I').
  CHECK(quote_identifier("cost$") == "\"cost$\"");
  CHECK(quote_identifier("") == "\"\"");
}

TEST_CASE("quote_identifier: only unreserved keywords stand unquoted as names") {
  // Unreserved: `CREATE TABLE t (name text, version int, key text)` parses.
  CHECK(quote_identifier("name") == "name");
  CHECK(quote_identifier("version") == "version");
  CHECK(quote_identifier("key") == "key");
  // Reserved: `ALTER TABLE t ALTER COLUMN user …` is a syntax error.
  CHECK(quote_identifier("user") == "\"user\"");
  CHECK(quote_identifier("order") == "\"order\"");
  CHECK(quote_identifier("check") == "\"check\"");
  // Column-name keywords are refused as function or type names.
  CHECK(quote_identifier("int") == "\"int\"");
  CHECK(quote_identifier("timestamp") == "\"timestamp\"");
  // Type-or-function-name keywords are refused as column names.
  CHECK(quote_identifier("left") == "\"left\"");
  CHECK(quote_identifier("authorization") == "\"authorization\"");
}

TEST_CASE("quote_identifier_after_dot: any keyword is a name after `schema.`") {
  CHECK(quote_identifier_after_dot("user") == "user");
  CHECK(quote_identifier_after_dot("order") == "order");
  CHECK(quote_identifier_after_dot("orders") == "orders");
  CHECK(quote_identifier_after_dot("User") == "\"User\"");
  CHECK(quote_identifier_after_dot("a b") == "\"a b\"");
  CHECK(quote_identifier_after_dot("9lives") == "\"9lives\"");
  CHECK(quote_identifier_after_dot("") == "\"\"");
}

TEST_CASE("quote_literal: quotes doubled; a backslash makes an E'' literal") {
  CHECK(quote_literal("active") == "'active'");
  CHECK(quote_literal("") == "''");
  CHECK(quote_literal("it's") == "'it''s'");
  CHECK(quote_literal("Pending Review") == "'Pending Review'");
  CHECK(quote_literal("a\\b") == "E'a\\\\b'");
  CHECK(quote_literal("it's\\") == "E'it''s\\\\'");
}
