#include "lint/suppressions.hpp"

#include <cctype>

namespace zd {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The comment's body without its markers, and the body's offset in the file.
std::pair<std::string_view, uint32_t> comment_body(const Comment& c) {
  std::string_view t = c.text;
  uint32_t offset = c.span.begin;
  if (t.starts_with("--")) {
    t.remove_prefix(2), offset += 2;
  } else if (t.starts_with("/*")) {
    t.remove_prefix(2), offset += 2;
    if (t.ends_with("*/")) t.remove_suffix(2);
  }
  return {t, offset};
}

}  // namespace

std::vector<Suppression> read_suppressions(const Migration& m) {
  std::vector<Suppression> out;
  for (const Comment& c : m.comments()) {
    auto [body, offset] = comment_body(c);
    const size_t lead = body.find_first_not_of(" \t");
    if (lead == std::string_view::npos) continue;
    body.remove_prefix(lead), offset += static_cast<uint32_t>(lead);
    bool whole_file = false;
    if (body.starts_with("zerodown-ignore-file:")) {
      whole_file = true;
      body.remove_prefix(21), offset += 21;
    } else if (body.starts_with("zerodown-ignore:")) {
      body.remove_prefix(16), offset += 16;
    } else {
      continue;
    }
    std::string_view rules = body;
    std::string reason;
    if (const size_t dashes = body.find("--"); dashes != std::string_view::npos) {
      rules = body.substr(0, dashes);
      reason = std::string(trim(body.substr(dashes + 2)));
    }
    const Statement* owner = whole_file ? nullptr : m.owner_of(c);
    size_t pos = 0;
    while (pos <= rules.size()) {
      size_t comma = rules.find(',', pos);
      if (comma == std::string_view::npos) comma = rules.size();
      const std::string_view raw = rules.substr(pos, comma - pos);
      const std::string_view name = trim(raw);
      if (!name.empty()) {
        const auto begin = offset + static_cast<uint32_t>(pos + raw.find(name));
        out.push_back({std::string(name), {begin, begin + static_cast<uint32_t>(name.size())},
                       c.span, reason, whole_file, owner, false});
      }
      pos = comma + 1;
    }
  }
  return out;
}

}  // namespace zd
