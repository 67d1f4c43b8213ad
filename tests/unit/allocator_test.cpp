// The release build's malloc is mimalloc's (third_party/dependencies.cmake). Linked as a
// shared library, it serves the whole process only while the dynamic linker finds it before
// libc: these tests fail if a change to the build lets glibc's malloc in again. Sanitizer
// builds keep their runtime's malloc and have nothing to check.
#ifdef ZERODOWN_MIMALLOC
#include <doctest/doctest.h>
#include <mimalloc.h>
#include <pg_query.h>

#include <cstdlib>
#include <memory>
#include <string>

TEST_CASE("malloc and operator new are mimalloc's") {
  void* block = std::malloc(100);
  CHECK(mi_is_in_heap_region(block));
  std::free(block);
  const auto text = std::make_unique<std::string>(1000, 'x');
  CHECK(mi_is_in_heap_region(text->data()));
}

TEST_CASE("libpg_query allocates with mimalloc too") {
  // pg_query_parse returns its JSON in a block libpg_query mallocs itself.
  const PgQueryParseResult result = pg_query_parse("SELECT 1");
  REQUIRE(result.parse_tree != nullptr);
  CHECK(mi_is_in_heap_region(result.parse_tree));
  pg_query_free_parse_result(result);
}
#endif
