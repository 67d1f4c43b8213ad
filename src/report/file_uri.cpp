#include "report/file_uri.hpp"

#include <fmt/format.h>

namespace zd {

std::string percent_encode_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                            (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' ||
                            c == '~' || c == '/';
    if (unreserved) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", byte);
    }
  }
  return out;
}

std::string file_uri(std::string_view absolute_path, bool directory) {
  std::string uri = "file://" + percent_encode_path(absolute_path);
  if (directory && uri.back() != '/') uri += '/';
  return uri;
}

std::string_view without_dot_slash(std::string_view path) {
  while (path.starts_with("./")) {
    path.remove_prefix(2);
    while (path.starts_with('/')) path.remove_prefix(1);
  }
  return path;
}

std::string relative_uri(std::string_view path) {
  return percent_encode_path(without_dot_slash(path));
}

}  // namespace zd
