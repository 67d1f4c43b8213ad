#include "context/options.hpp"

#include <charconv>

namespace zd {

std::optional<PgVersion> PgVersion::parse(std::string_view text) {
  int major = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), major);
  if (ec != std::errc{} || end == text.data()) return std::nullopt;
  std::string_view rest(end, static_cast<size_t>(text.data() + text.size() - end));
  if (!rest.empty()) {
    int minor = 0;
    if (rest[0] != '.') return std::nullopt;
    rest.remove_prefix(1);
    const auto [e2, ec2] = std::from_chars(rest.data(), rest.data() + rest.size(), minor);
    if (ec2 != std::errc{} || e2 != rest.data() + rest.size()) return std::nullopt;
  }
  if (major < kOldest || major > kNewest) return std::nullopt;
  return PgVersion{major};
}

}  // namespace zd
