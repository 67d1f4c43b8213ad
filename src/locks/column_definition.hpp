// Reading a column definition (CREATE TABLE, ADD COLUMN) the way PostgreSQL decides
// whether adding it rewrites the table: since 11 a default is stored in the catalog
// (`attmissingval`) unless it is volatile, so only volatile defaults, serial and identity
// columns and STORED generated columns still rewrite.
#pragma once

#include <string>
#include <string_view>

#include "locks/facts.hpp"
#include "model/node.hpp"

namespace zd {

struct ColumnDefinition {
  std::string_view name;
  std::string_view type;      // last part of the type name: "int4", "varchar", "bigserial"
  bool serial = false;        // serial types: a sequence and a nextval() default
  bool not_null = false;      // NOT NULL or PRIMARY KEY
  Node default_expression;    // invalid when there is no DEFAULT (or DEFAULT NULL)
  bool identity = false;      // GENERATED … AS IDENTITY
  bool generated_stored = false;
  bool check = false;
  bool unique_or_primary_key = false;
  Node references;            // the Constraint node of an inline REFERENCES
};

ColumnDefinition read_column_definition(Node column_def);

// Volatility of an expression as far as PostgreSQL's catalog would say. Builtins
// outside the known volatile list are taken as immutable or stable; a function in a
// user schema is unknown.
struct Volatility {
  Tri is_volatile = Tri::No;
  std::string function;  // the volatile (or unknown) function that decided it
};
Volatility volatility_of(Node expression);

}  // namespace zd
