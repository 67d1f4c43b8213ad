// What a rule is: its metadata and documentation (compiled into the binary) and a pure
// check function over one file's model, context and lock facts.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "context/context.hpp"
#include "lint/finding.hpp"
#include "lint/shared_text.hpp"
#include "locks/facts.hpp"
#include "model/migration.hpp"

namespace zd {

enum class Category : uint8_t { Lock, Compat, Data, Transaction, Type, Meta };
std::string_view category_name(Category c);

class RuleContext;
struct RuleMemo;

struct RuleInfo {
  std::string_view id;        // "lock-create-index"
  Category category;
  Severity severity;          // the default severity
  bool enabled_by_default;
  std::string_view summary;   // one sentence, reused by `rules`, SARIF and the docs
  std::string_view docs;      // Markdown: Why is this bad? / Example / Use instead / Fix safety
  bool fixable = false;
  int min_pg_version = 11;    // the rule applies to these PostgreSQL majors
  int max_pg_version = 17;
  void (*check)(const RuleContext&) = nullptr;  // nullptr: reported by the engine itself
};

// The single list of rules, in the order of rules/rules.def.
const std::vector<const RuleInfo*>& all_rules();
const RuleInfo* find_rule(std::string_view id);
// The closest rule id to a misspelt one, or empty.
std::string_view closest_rule_id(std::string_view id);

class RuleContext {
 public:
  RuleContext(const RuleInfo& rule, const Migration& m, const FileContext& context,
              const std::vector<LockFacts>& facts, RuleMemo& memo, TextPool& helps,
              std::vector<Finding>& out)
      : rule_(rule),
        migration_(m),
        context_(context),
        facts_(facts),
        memo_(memo),
        helps_(helps),
        out_(out) {}

  const Migration& migration() const { return migration_; }
  const std::vector<Statement>& statements() const { return migration_.statements(); }
  const StatementContext& at(const Statement& s) const { return context_.at(s); }
  // The transaction state after the file's last statement.
  const StatementContext& at_end() const { return context_.at_end(); }
  // The statements of the transaction of `s` (`s` alone in autocommit).
  StatementRange transaction_of(const Statement& s) const { return context_.transaction_of(s); }
  // Does the migration runner wrap this file in a transaction of its own?
  bool runner_transaction() const { return context_.runner_transaction(); }
  // The schema as the statements before `s` built it: ask with sequence(s).
  const Catalog& catalog() const { return context_.catalog(); }
  uint32_t sequence(const Statement& s) const { return context_.sequence(s); }
  const LockFacts& locks(const Statement& s) const { return facts_[s.index]; }
  const LintOptions& options() const { return context_.options(); }
  // Work shared by the rules of this file (lint/alter_table_walk.hpp).
  RuleMemo& memo() const { return memo_; }
  int pg_major() const { return context_.options().pg_version.major; }

  // The statement of this file with the given catalog sequence number.
  size_t statement_index(uint32_t seq) const { return context_.statement_index(seq); }

  // Is the relation new: created earlier by the files under review, so empty and unused by
  // the application version still running? Still true after SQL zerodown cannot read (which
  // may have changed the table, but cannot make it one the application uses).
  bool is_new(const QualifiedName& relation, const Statement& s) const {
    return context_.created_before(relation, s);
  }
  // Does the lock fall on a relation that existed before this file (not created in it)?
  bool on_existing(const RelationLock& lock, const Statement& s) const;
  // The statement's strongest lock on a relation that existed before it, if any.
  const RelationLock* strongest_on_existing(const Statement& s) const;
  // The statement's lock on `role`, unless that relation was created earlier in the file.
  const RelationLock* lock_on_existing(const Statement& s, RelationRole role) const;
  // Its strongest lock on an existing relation that makes the application's reads or
  // writes wait, while held or queued (a lock on a materialized view that blocks writes
  // but not reads does not: only REFRESH writes one), if any.
  const RelationLock* strongest_blocking_traffic(const Statement& s) const;

  Finding& report(const Statement& s, ByteSpan span, std::string message, std::string help) const;
  // Adds the statement's lock facts to a finding; its relations follow once every rule has
  // run (share_attached_locks).
  void attach_locks(Finding& f, const Statement& s) const;

 private:
  bool decide_on_existing(const RelationLock& lock, const Statement& s) const;

  const RuleInfo& rule_;
  const Migration& migration_;
  const FileContext& context_;
  const std::vector<LockFacts>& facts_;
  RuleMemo& memo_;
  TextPool& helps_;  // one copy of each help text the rule reports
  std::vector<Finding>& out_;
};

// Gives the findings their statements' relations (attach_locks), moved out of the lock
// facts, which nothing reads once the rules have run.
void share_attached_locks(std::vector<LockFacts>& facts, std::vector<Finding>& findings);

}  // namespace zd
