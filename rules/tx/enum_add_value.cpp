// tx-enum-add-value: ALTER TYPE … ADD VALUE inside a transaction block, where it fails
// (PostgreSQL 11) or where the same transaction goes on to use the new value (12+).
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <vector>

#include "analysis/file_objects.hpp"
#include "analysis/transactions.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"
#include "parse/quote.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
A new enum value must be committed before it can be used, because an uncommitted value
could otherwise end up in an index and outlive a rollback.
- **PostgreSQL 11** refuses `ALTER TYPE … ADD VALUE` inside a transaction block
  altogether ("ALTER TYPE ... ADD cannot run inside a transaction block") unless the
  same transaction created the type: the migration fails.
- **PostgreSQL 12 and later** accept it, but a later statement of the same transaction
  that uses the new value — an `UPDATE … SET status = 'archived'`, a `DEFAULT`, a partial
  index — fails with "unsafe use of new value". (On 17, values added to a type created
  in the same transaction are usable at once.)

So on 12+ this rule reports an `ADD VALUE` in a transaction block only when a later
statement of that block uses the value as a literal; adding a value nobody uses before
commit is fine and stays quiet. A type created earlier in the same transaction is never
reported on 11 or 17. The block can be one written in the file (`BEGIN … COMMIT`) or the
one the migration runner wraps each file in (as its runner preset says, or `--assume-in-transaction`).

## Example
```sql
BEGIN;
ALTER TYPE order_status ADD VALUE 'archived';
UPDATE orders SET status = 'archived' WHERE id = 42;
COMMIT;
```

## Use instead
Add the value in a migration of its own that commits first (outside a transaction block
on PostgreSQL 11), and use it in the next one:
```sql
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'archived';
```
```sql
UPDATE orders SET status = 'archived' WHERE id = 42;
```
)md";

// The statements that use each string literal, in file order, from statement `from` on
// (ALTER TYPE … ADD VALUE itself and statements that did not parse left out). Walking the
// rest of the transaction for each ADD VALUE was quadratic in a transaction that adds
// thousands; the statements are walked once instead.
using LiteralUses = std::unordered_map<std::string_view, std::vector<uint32_t>>;
LiteralUses literal_uses(const RuleContext& ctx, uint32_t from) {
  LiteralUses uses;
  for (size_t i = from; i < ctx.statements().size(); ++i) {
    const Statement& t = ctx.statements()[i];
    if (t.error || t.is("AlterEnumStmt")) continue;
    walk(t.node, [&](Node n) {
      if (n.is("A_Const") && n.has("sval")) {
        std::vector<uint32_t>& at = uses[n.string_value()];
        if (at.empty() || at.back() != t.index) at.push_back(t.index);
      }
      return true;
    });
  }
  return uses;
}

// The first later statement of the transaction of `s` that uses `value` as a string literal.
const Statement* later_use(const RuleContext& ctx, const LiteralUses& uses, const Statement& s,
                           std::string_view value) {
  const auto found = uses.find(value);
  if (found == uses.end()) return nullptr;
  const auto next = std::upper_bound(found->second.begin(), found->second.end(), s.index);
  if (next == found->second.end() || *next >= ctx.transaction_of(s).end) return nullptr;
  return &ctx.statements()[*next];
}

void check(const RuleContext& ctx) {
  std::optional<LiteralUses> uses;  // from the first ADD VALUE that asks on
  for (const Statement& s : ctx.statements()) {
    if (!s.is("AlterEnumStmt") || !s.node.str("oldVal").empty()) continue;
    if (!ctx.at(s).in_transaction()) continue;
    const QualifiedName type = name_of_list(s.node.list("typeName"));
    const Statement* created = enum_created_before(ctx, type, s);
    const bool created_here = created && ctx.at(*created).transaction == ctx.at(s).transaction;
    const auto value = s.node.str("newVal");
    const auto kw = keyword_span(ctx.migration(), s, "add");
    const ByteSpan span = kw ? ByteSpan{kw->begin, s.span.end} : first_line(ctx.migration(), s);
    std::string message;
    if (ctx.locks(s).transaction == TransactionRule::NotAllowed) {
      if (created_here) continue;
      message = fmt::format("ADD VALUE {} to enum {} inside {}: PostgreSQL {} refuses it "
                            "(\"ALTER TYPE ... ADD cannot run inside a transaction block\"), so "
                            "the migration fails here",
                            quote_literal(value), type.display(), describe_transaction(ctx, s),
                            ctx.pg_major());
    } else if (const Statement* use =
                   later_use(ctx, uses ? *uses : uses.emplace(literal_uses(ctx, s.index + 1)),
                             s, value);
               use && !(created_here && ctx.pg_major() >= 17)) {
      message = fmt::format("ADD VALUE {0} to enum {1} inside {2}: the statement on line {3} uses "
                            "{0} before it is committed and fails (\"unsafe use of new value\")",
                            quote_literal(value), type.display(), describe_transaction(ctx, s),
                            line_of(ctx, *use));
    } else {
      continue;
    }
    Finding& f = ctx.report(
        s, span, std::move(message),
        fmt::format("Add the value in a migration of its own that commits first (outside any "
                    "transaction block before PostgreSQL 12): ALTER TYPE {} ADD VALUE IF NOT "
                    "EXISTS {}; and use it in the next migration.",
                    type.sql(), quote_literal(value)));
    ctx.attach_locks(f, s);
  }
}

}  // namespace

extern const RuleInfo tx_enum_add_value{
    .id = "tx-enum-add-value",
    .category = Category::Transaction,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "ALTER TYPE … ADD VALUE inside a transaction block fails before PostgreSQL 12, "
               "and from 12 on the new value cannot be used until commit.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
