// The value of a SQL string literal as PostgreSQL reads it, with the place in the literal's
// text each byte of the value comes from: so that SQL held in a string (a DO block, a
// function body, an EXECUTE string) can be parsed and its positions mapped back to the file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zd {

// A text and, for each of its bytes and for its end, the offset in the source it comes from.
struct MappedText {
  std::string text;
  std::vector<uint32_t> from;
};

// The value of `literal`, one string constant token, mapped to offsets in the token: `$tag$…$tag$`
// (verbatim), `'…'` (a doubled quote is one quote; standard_conforming_strings is on, as it is by
// default since 9.1) or `E'…'` (backslash escapes \' \\ \n \r \t \b \f; octal, hex and Unicode
// escapes are not decoded). nullopt for anything else.
std::optional<MappedText> decode_string_literal(std::string_view literal);

}  // namespace zd
