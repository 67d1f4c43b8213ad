// The small encodings the reporters need: URIs for SARIF, the GitHub runner's escaping,
// UTF-16 columns for GitHub's annotations.
#include <doctest/doctest.h>

#include "report/file_uri.hpp"
#include "report/github_reporter.hpp"
#include "report/utf16_column.hpp"

TEST_CASE("file uri: spaces, non-ASCII bytes and URI delimiters are percent-encoded") {
  CHECK(zd::percent_encode_path("db/migrations/001_init.sql") == "db/migrations/001_init.sql");
  CHECK(zd::percent_encode_path("my migrations/été.sql") == "my%20migrations/%C3%A9t%C3%A9.sql");
  CHECK(zd::percent_encode_path("a:b#c?d%e.sql") == "a%3Ab%23c%3Fd%25e.sql");
  CHECK(zd::relative_uri("././/a b.sql") == "a%20b.sql");
  CHECK(zd::relative_uri("<stdin>") == "%3Cstdin%3E");
  CHECK(zd::without_dot_slash("./m/x.sql") == "m/x.sql");
  CHECK(zd::without_dot_slash("../x.sql") == "../x.sql");
  CHECK(zd::file_uri("/srv/app/m 1.sql") == "file:///srv/app/m%201.sql");
  CHECK(zd::file_uri("/srv/app", true) == "file:///srv/app/");
  CHECK(zd::file_uri("/", true) == "file:///");
}

TEST_CASE("github escaping: the runner's escapeData and escapeProperty") {
  CHECK(zd::github_escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b");
  CHECK(zd::github_escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A");
}

TEST_CASE("utf16 column: characters outside the BMP take two code units") {
  auto decoded = zd::decode_source("t.sql", "-- é😀x\nSELECT 1;\n");
  REQUIRE(decoded.source);
  const zd::Source& s = *decoded.source;
  CHECK(zd::utf16_column(s, {1, 1}) == 1);
  CHECK(zd::utf16_column(s, {1, 4}) == 4);  // é is one unit
  CHECK(zd::utf16_column(s, {1, 5}) == 5);  // 😀 starts here …
  CHECK(zd::utf16_column(s, {1, 6}) == 7);  // … and takes two
  CHECK(zd::utf16_column(s, {1, 7}) == 8);  // past the end of the line
  CHECK(zd::utf16_column(s, {2, 3}) == 3);
  CHECK_FALSE(s.bmp_only());
  // Without such characters a column is its UTF-16 column, read from no line.
  auto bmp = zd::decode_source("t.sql", "-- é€x\nSELECT 1;\n");
  REQUIRE(bmp.source);
  CHECK(bmp.source->bmp_only());
  CHECK(zd::utf16_column(*bmp.source, {1, 6}) == 6);
  CHECK(zd::utf16_column(*bmp.source, {1, 9}) == 9);  // past the end of the line
}
