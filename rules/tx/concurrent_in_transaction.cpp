// tx-concurrent-in-transaction: a statement PostgreSQL refuses inside a transaction block
// (CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, DETACH PARTITION CONCURRENTLY,
// VACUUM, bare CLUSTER, REINDEX DATABASE …) written inside one.
#include <fmt/format.h>

#include "analysis/transactions.hpp"
#include "lint/rule.hpp"
#include "model/spans.hpp"
#include "runner/presets.hpp"

namespace zd::rules {
namespace {

constexpr std::string_view kDocs = R"md(
## Why is this bad?
`CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX … CONCURRENTLY`,
`ALTER TABLE … DETACH PARTITION … CONCURRENTLY`, `VACUUM`, `CLUSTER` without a table,
`REINDEX SCHEMA/DATABASE/SYSTEM` and `CREATE/DROP DATABASE` manage their own
transactions, so PostgreSQL refuses them inside a transaction block: the migration fails
with "… cannot run inside a transaction block", and everything before it in the block is
rolled back. This happens both with a `BEGIN` written in the file and when the migration
runner wraps each file in a transaction (as its runner preset says, or `--assume-in-transaction`) — the reason many
teams switch the CONCURRENTLY rules of other linters off, only to find out at deploy.

They cannot run inside a DO block or a function either ("… cannot be executed from a
function"), even outside a transaction block: zerodown checks the statements of DO
blocks and of the functions a migration calls.

`ALTER TYPE … ADD VALUE` before PostgreSQL 12 is reported by `tx-enum-add-value`.

## Example
```sql
BEGIN;
DROP INDEX CONCURRENTLY idx_orders_legacy;
COMMIT;
```

## Use instead
Run the statement outside any transaction block, in a migration of its own: drop the
`BEGIN`/`COMMIT` around it, and switch the runner's transaction off for that file
(goose `-- +goose NO TRANSACTION`, dbmate `-- migrate:up transaction:false`, Rails
`disable_ddl_transaction!`, Django `atomic = False`, Flyway `executeInTransaction=false`):
```sql
DROP INDEX CONCURRENTLY idx_orders_legacy;
```
)md";

// How PostgreSQL names the statement in its error message.
std::string statement_name(const Statement& s) {
  const Node n = s.node;
  if (s.is("IndexStmt")) return "CREATE INDEX CONCURRENTLY";
  if (s.is("DropStmt")) return "DROP INDEX CONCURRENTLY";
  if (s.is("AlterTableStmt")) return "ALTER TABLE … DETACH PARTITION … CONCURRENTLY";
  if (s.is("VacuumStmt")) return "VACUUM";
  if (s.is("ClusterStmt")) return "CLUSTER";
  if (s.is("ReindexStmt")) {
    const auto kind = n.str("kind");
    if (kind == "REINDEX_OBJECT_INDEX" || kind == "REINDEX_OBJECT_TABLE") {
      return "REINDEX CONCURRENTLY";
    }
    return "REINDEX " + std::string(kind.substr(kind.rfind('_') + 1));
  }
  if (s.is("CreatedbStmt")) return "CREATE DATABASE";
  if (s.is("DropdbStmt")) return "DROP DATABASE";
  if (s.is("AlterSystemStmt")) return "ALTER SYSTEM";
  if (s.is("CreateTableSpaceStmt")) return "CREATE TABLESPACE";
  if (s.is("DropTableSpaceStmt")) return "DROP TABLESPACE";
  return std::string(s.kind());
}

// How to switch the transaction off: the way of the runner that wraps the file, when
// zerodown knows it, else the common ones.
std::string how_to_opt_out(const RuleContext& ctx) {
  const runner::Preset* preset = runner::find_preset(ctx.options().transaction_wrapper);
  if (preset && !preset->opt_out.empty()) {
    return fmt::format("for {}: {}", preset->name, preset->opt_out);
  }
  if (preset && preset->wrap == runner::Wrap::Implicit) {
    return fmt::format("{} sends the file as one query: the statement alone in its file runs "
                       "outside a transaction",
                       preset->name);
  }
  return "e.g. goose `-- +goose NO TRANSACTION`, Rails `disable_ddl_transaction!`";
}

void check(const RuleContext& ctx) {
  for (const Statement& s : ctx.statements()) {
    if (s.error || !ctx.at(s).in_transaction() || s.is("AlterEnumStmt")) continue;
    if (ctx.locks(s).transaction != TransactionRule::NotAllowed) continue;
    const std::string name = statement_name(s);
    const auto kw = keyword_span(ctx.migration(), s, "concurrently");
    const ByteSpan span = kw ? from_start(s, *kw) : first_line(ctx.migration(), s);
    // In a DO block or function outside a transaction block PostgreSQL's words differ.
    const bool in_body = runs_in_body_transaction(ctx, s);
    Finding& f = ctx.report(
        s, span,
        fmt::format("{} inside {}: PostgreSQL refuses it (\"{} {}\"), so the migration fails "
                    "here and everything before it in the {} is rolled back",
                    name, describe_transaction(ctx, s), name,
                    in_body ? "cannot be executed from a function"
                            : "cannot run inside a transaction block",
                    in_body ? "transaction" : "block"),
        std::string(in_body ? "Take it out of the DO block or function: write it as a "
                              "statement of its own, "
                            : "") +
            "in a migration of its own that runs outside any transaction block: no "
            "BEGIN/COMMIT around it, and the runner's transaction switched off for that file (" +
            how_to_opt_out(ctx) + ").");
    ctx.attach_locks(f, s);
  }
}

}  // namespace

extern const RuleInfo tx_concurrent_in_transaction{
    .id = "tx-concurrent-in-transaction",
    .category = Category::Transaction,
    .severity = Severity::Error,
    .enabled_by_default = true,
    .summary = "A statement that cannot run inside a transaction block (CONCURRENTLY, VACUUM, "
               "bare CLUSTER …) is inside one, so the migration fails.",
    .docs = kDocs,
    .check = check,
};

}  // namespace zd::rules
