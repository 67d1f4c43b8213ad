// Paths as URIs (RFC 3986), for SARIF's artifact locations.
#pragma once

#include <string>
#include <string_view>

namespace zd {

// Every byte but the unreserved characters (letters, digits, - . _ ~) and `/` becomes %XX:
// spaces, non-ASCII bytes (UTF-8 or not), and `:` `#` `?` `%`, which would otherwise read
// as a scheme, a fragment, a query or an escape.
std::string percent_encode_path(std::string_view path);

// `file:///abs/path` for an absolute path (with a trailing `/` when `directory`).
std::string file_uri(std::string_view absolute_path, bool directory = false);

// The path without its leading `./` (as many as there are): `./a.sql` is `a.sql`.
std::string_view without_dot_slash(std::string_view path);

// A relative path as a relative URI reference: without_dot_slash, then percent-encoded.
std::string relative_uri(std::string_view path);

}  // namespace zd
