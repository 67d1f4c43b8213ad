#include "analysis/nesting.hpp"

#include <fmt/format.h>

namespace zd {

std::string describe_body(const Migration& m, const Statement& s) {
  if (!s.nested) return {};
  const Statement& holder = m.statements()[s.nested->body_of];
  const auto line = [&](const Statement& t) { return m.source().position(t.span.begin).line; };
  if (holder.is("DoStmt")) return fmt::format("the DO block on line {}", line(holder));
  return fmt::format("the body of {}(), run by the call on line {}", m.text(s.nested->call),
                     m.source().position(s.nested->call.begin).line);
}

}  // namespace zd
