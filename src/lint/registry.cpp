// The rule registry: rules/rules.def names every rule once; each rule file defines its
// RuleInfo (metadata, docs, check) under that name.
#include "lint/rule.hpp"

namespace zd::rules {
#define ZERODOWN_RULE(symbol) extern const RuleInfo symbol;
#include "rules.def"
#undef ZERODOWN_RULE
}  // namespace zd::rules

namespace zd {

const std::vector<const RuleInfo*>& all_rules() {
  static const std::vector<const RuleInfo*> rules = {
#define ZERODOWN_RULE(symbol) &rules::symbol,
#include "rules.def"
#undef ZERODOWN_RULE
  };
  return rules;
}

}  // namespace zd
