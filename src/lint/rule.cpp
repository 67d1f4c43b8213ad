#include "lint/rule.hpp"

#include <algorithm>
#include <functional>

#include "lint/alter_table_walk.hpp"
#include "lint/did_you_mean.hpp"

namespace zd {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "warning";
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "info") return Severity::Info;
  if (s == "warning") return Severity::Warning;
  if (s == "error") return Severity::Error;
  return std::nullopt;
}

std::string_view category_name(Category c) {
  switch (c) {
    case Category::Lock: return "lock";
    case Category::Compat: return "compat";
    case Category::Data: return "data";
    case Category::Transaction: return "tx";
    case Category::Type: return "type";
    case Category::Meta: return "meta";
  }
  return "meta";
}

const RuleInfo* find_rule(std::string_view id) {
  for (const RuleInfo* r : all_rules()) {
    if (r->id == id) return r;
  }
  return nullptr;
}

std::string_view closest_rule_id(std::string_view id) {
  std::vector<std::string_view> ids;
  for (const RuleInfo* r : all_rules()) ids.push_back(r->id);
  return closest_match(id, ids);
}

bool RuleContext::on_existing(const RelationLock& lock, const Statement& s) const {
  // A dozen rules ask this of the same locks, and the answer takes lookups by name in the
  // catalog: it is kept per lock of the statement's facts.
  const auto& locks = facts_[s.index].locks;
  const std::less<const RelationLock*> before;
  if (before(&lock, locks.data()) || !before(&lock, locks.data() + locks.size())) {
    return decide_on_existing(lock, s);
  }
  std::atomic<Tri>& answer = memo_.on_existing[memo_.first_lock[s.index] +
                                               static_cast<size_t>(&lock - locks.data())];
  Tri known = answer.load(std::memory_order_relaxed);
  if (known == Tri::Unknown) {
    known = decide_on_existing(lock, s) ? Tri::Yes : Tri::No;
    answer.store(known, std::memory_order_relaxed);
  }
  return known == Tri::Yes;
}

bool RuleContext::decide_on_existing(const RelationLock& lock, const Statement& s) const {
  if (lock.created) return false;
  switch (lock.role) {
    case RelationRole::Index:
      // The index a CREATE INDEX builds is new: its lock keeps nobody waiting.
      if (s.is("IndexStmt")) return false;
      return !context_.index_created_before(lock.relation, s);
    case RelationRole::Unresolved:
      // The table behind an index: new when the index itself was created in this file.
      for (const auto& other : locks(s).locks) {
        if (other.role == RelationRole::Index) return on_existing(other, s);
      }
      return true;
    default:
      return !is_new(lock.relation, s);
  }
}

const RelationLock* RuleContext::strongest_on_existing(const Statement& s) const {
  const RelationLock* worst = nullptr;
  for (const auto& l : locks(s).locks) {
    if (on_existing(l, s) && (!worst || l.mode > worst->mode)) worst = &l;
  }
  return worst;
}

const RelationLock* RuleContext::lock_on_existing(const Statement& s, RelationRole role) const {
  for (const auto& l : locks(s).locks) {
    if (l.role == role && on_existing(l, s)) return &l;
  }
  return nullptr;
}

const RelationLock* RuleContext::strongest_blocking_traffic(const Statement& s) const {
  const auto blocks_traffic = [&](const RelationLock& l) {
    const Blocks b = blocks(l.mode);
    if (b != Blocks::Writes) return b == Blocks::ReadsAndWrites;
    if (l.role == RelationRole::MaterializedView) return false;
    const RelationState* r = catalog().relation(l.relation, sequence(s));
    return !r || r->kind != RelationKind::MaterializedView;
  };
  const RelationLock* worst = nullptr;
  for (const auto& l : locks(s).locks) {
    if (on_existing(l, s) && blocks_traffic(l) && (!worst || l.mode > worst->mode)) worst = &l;
  }
  return worst;
}

Finding& RuleContext::report(const Statement& s, ByteSpan span, std::string message,
                             std::string help) const {
  Finding f;
  f.rule = &rule_;
  f.severity = rule_.severity;
  f.span = span;
  f.message = std::move(message);
  f.help = helps_.share(std::move(help));
  f.statement = s.index;
  out_.push_back(std::move(f));
  return out_.back();
}

void RuleContext::attach_locks(Finding& f, const Statement& s) const {
  const LockFacts& facts = locks(s);
  f.lock = LockSummary{nullptr, s.index, facts.rewrite(), facts.scan()};
}

void share_attached_locks(std::vector<LockFacts>& facts, std::vector<Finding>& findings) {
  std::vector<uint32_t> waiting;  // the findings, by statement
  for (size_t i = 0; i < findings.size(); ++i) {
    if (findings[i].lock && !findings[i].lock->locks) waiting.push_back(static_cast<uint32_t>(i));
  }
  const auto statement = [&](uint32_t finding) { return findings[finding].lock->statement; };
  std::sort(waiting.begin(), waiting.end(),
            [&](uint32_t a, uint32_t b) { return statement(a) < statement(b); });
  const auto first_of_statement = [&](size_t i) {
    return i == 0 || statement(waiting[i]) != statement(waiting[i - 1]);
  };
  // One array holds the lists of all those statements (reserved: the findings point into
  // it), so that a list costs no allocation of its own.
  auto lists = std::make_shared<std::vector<std::vector<RelationLock>>>();
  size_t statements = 0;
  for (size_t i = 0; i < waiting.size(); ++i) statements += first_of_statement(i);
  lists->reserve(statements);
  for (size_t i = 0; i < waiting.size(); ++i) {
    if (first_of_statement(i)) lists->push_back(std::move(facts[statement(waiting[i])].locks));
    findings[waiting[i]].lock->locks =
        std::shared_ptr<const std::vector<RelationLock>>(lists, &lists->back());
  }
}

}  // namespace zd
