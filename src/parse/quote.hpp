// Names and values written into SQL for the user (fixes, the SQL in help texts) and into
// the text of a resolved format(): quoted so that PostgreSQL reads back exactly the name or
// value meant. Unquoted, PostgreSQL folds a name to lower case ("User" would become user)
// and refuses most keywords as names.
#pragma once

#include <string>
#include <string_view>

namespace zd {

// PostgreSQL's quote_ident() (quote_identifier in ruleutils.c): as is when it is made of
// a-z, 0-9 and `_`, does not start with a digit, and is no keyword or an unreserved one;
// else double-quoted, with `"` doubled. For a name that stands alone: a column, a
// constraint, an index being created, a schema.
std::string quote_identifier(std::string_view name);

// The same for the part of a qualified name after `schema.`: PostgreSQL's grammar takes any
// keyword there (qualified_name, any_name and func_name end in `'.' attr_name`, a ColLabel),
// so `ALTER TABLE public.user …` parses and names table user; only case and odd characters
// need the quotes.
std::string quote_identifier_after_dot(std::string_view name);

// PostgreSQL's quote_literal(): single-quoted, `'` doubled; with a backslash, an E'' literal
// with `\` doubled, which reads the same whatever standard_conforming_strings says.
std::string quote_literal(std::string_view value);

}  // namespace zd
