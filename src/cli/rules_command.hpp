// `zerodown rules` and `zerodown explain RULE`: the registry and the documentation that
// is compiled into the binary.
#pragma once

#include <iosfwd>
#include <string_view>

namespace zd {

void print_rule_table(std::ostream& out);
// One Markdown page per rule plus an index, as written into docs/rules/.
void print_rules_markdown(std::ostream& out);
std::string rule_markdown(std::string_view id);
// 0 when the rule exists; otherwise prints a did-you-mean and returns 2.
int explain_rule(std::ostream& out, std::ostream& err, std::string_view id);

}  // namespace zd
