# How zerodown finds its dependencies: Debian packages only, never copied sources.
# Each find fails with the name of the package that provides it, so a fresh machine
# knows exactly what to install (scripts/setup installs all of them).
#
# Pinned versions (Debian 12 "bookworm"):
#   libpg-query-dev      15-4.0.0   PostgreSQL 15 grammar
#   postgresql-server-dev-15  15.x  PostgreSQL 15's parse node structs (parse/raw_tree.cpp)
#   libcli11-dev         2.1.2      command line
#   libfmt-dev           9.1.0      formatting
#   nlohmann-json3-dev   3.11.2     writing JSON reports
#   libtomlplusplus-dev  3.3.0      reading zerodown.toml
#   doctest-dev          2.4.9      unit and fixture tests
#   libmimalloc-dev      2.0.9      malloc (docs/performance.md; not in sanitizer builds)

include_guard(GLOBAL)

function(zerodown_require_package what debian_package)
  message(FATAL_ERROR
    "zerodown: ${what} not found. Install the Debian package '${debian_package}' "
    "(or run scripts/setup, which installs every dependency).")
endfunction()

find_path(PG_QUERY_INCLUDE_DIR pg_query.h)
find_library(PG_QUERY_LIBRARY NAMES pg_query)
if(NOT PG_QUERY_INCLUDE_DIR OR NOT PG_QUERY_LIBRARY)
  zerodown_require_package("libpg_query (pg_query.h, libpg_query)" libpg-query-dev)
endif()
add_library(zerodown_pg_query INTERFACE)
target_include_directories(zerodown_pg_query SYSTEM INTERFACE ${PG_QUERY_INCLUDE_DIR})
target_link_libraries(zerodown_pg_query INTERFACE ${PG_QUERY_LIBRARY})

# libpg_query's parse nodes are PostgreSQL 15's C structs; its own package does not ship
# their definitions, PostgreSQL's server headers do. Only parse/raw_tree.cpp includes them
# (they define macros such as printf and foreach), as system headers.
find_path(PG_SERVER_INCLUDE_DIR nodes/parsenodes.h PATHS /usr/include/postgresql/15/server
          NO_DEFAULT_PATH)
if(NOT PG_SERVER_INCLUDE_DIR)
  zerodown_require_package("PostgreSQL 15's server headers (nodes/parsenodes.h)"
                           postgresql-server-dev-15)
endif()
find_file(PG_QUERY_PROTO pg_query/pg_query.proto PATHS ${PG_QUERY_INCLUDE_DIR})
if(NOT PG_QUERY_PROTO)
  zerodown_require_package("libpg_query's pg_query.proto" libpg-query-dev)
endif()

find_package(CLI11 QUIET)
if(NOT CLI11_FOUND)
  zerodown_require_package("CLI11" libcli11-dev)
endif()

find_package(fmt QUIET)
if(NOT fmt_FOUND)
  zerodown_require_package("fmt" libfmt-dev)
endif()

find_package(nlohmann_json 3.10 QUIET)
if(NOT nlohmann_json_FOUND)
  zerodown_require_package("nlohmann/json" nlohmann-json3-dev)
endif()

# Debian builds toml++ as a shared library; its CMake package config says so
# (TOML_HEADER_ONLY=0), so the headers only declare what libtomlplusplus.so defines.
find_package(tomlplusplus 3 QUIET)
if(NOT tomlplusplus_FOUND)
  zerodown_require_package("toml++" libtomlplusplus-dev)
endif()

find_package(Threads REQUIRED)

# mimalloc serves every malloc and free of the process, libpg_query's included: linked as a
# shared library, it comes before libc in the dynamic linker's search, as LD_PRELOAD would.
# The sanitizers bring their own malloc, which must see every block: without mimalloc there.
set(ZERODOWN_MIMALLOC OFF)
if(NOT ZERODOWN_SANITIZE AND NOT ZERODOWN_FUZZ)
  find_package(mimalloc 2.0 QUIET)
  if(NOT mimalloc_FOUND)
    zerodown_require_package("mimalloc" libmimalloc-dev)
  endif()
  set(ZERODOWN_MIMALLOC ON)
endif()

if(ZERODOWN_BUILD_TESTS)
  find_package(doctest QUIET)
  if(NOT doctest_FOUND)
    zerodown_require_package("doctest" doctest-dev)
  endif()
endif()
