#include "context/context.hpp"

#include <cctype>

#include "source/ascii_case.hpp"

namespace zd {
namespace {

// A timeout value is in force unless it is zero ("0", 0, "0ms", "0s" …): PostgreSQL
// reads 0 as "no timeout".
bool timeout_value_is_set(Node value) {
  if (!value) return false;
  if (value.is("A_Const")) {
    if (value.has("ival")) return value.child("ival").integer("ival") != 0;
    if (value.has("fval")) return value.child("fval").str("fval") != "0";
    const auto s = value.child("sval").str("sval");
    for (const char c : s) {
      if (std::isdigit(static_cast<unsigned char>(c))) {
        if (c != '0') return true;
      } else if (c != '.' && c != ' ') {
        break;  // the unit: every digit before it was zero
      }
    }
    return false;
  }
  return true;  // an expression: assume it sets a timeout
}

// TimeZone values at offset 0 with no daylight saving time: with them PostgreSQL 12+
// converts between timestamp and timestamptz without rewriting.
bool time_zone_is_utc(Node value) {
  if (!value || !value.is("A_Const")) return false;
  if (value.has("ival")) return value.child("ival").integer("ival") == 0;
  const std::string zone = ascii_lowered(value.child("sval").str("sval"));
  return zone == "utc" || zone == "etc/utc" || zone == "gmt" || zone == "etc/gmt" ||
         zone == "z" || zone == "zulu" || zone == "uct" || zone == "universal";
}

}  // namespace

FileContext::FileContext(const Migration& m, const LintOptions& options, History& history,
                         Review review)
    : options_(options),
      catalog_(history.catalog),
      first_sequence_(history.next_sequence),
      first_transaction_(history.next_transaction) {
  const auto count = static_cast<uint32_t>(m.statements().size());
  history.next_sequence += count;
  if (review == Review::Alone) history.catalog.end_review();
  if (review != Review::History) history.catalog.review(first_sequence_, first_sequence_ + count);
  if (options_.reruns) history.catalog.rerun(first_sequence_, first_sequence_ + count);
  contexts_.reserve(count);
  uint32_t& next_transaction = history.next_transaction;
  StatementContext state;
  // Whether the runner wraps this file is decided before, per file, by its runner preset
  // (src/runner): assume_in_transaction holds that decision here.
  runner_transaction_ = options_.assume_in_transaction;
  if (runner_transaction_) state.transaction = next_transaction++;
  // Timeouts the runner's connection already has (zerodown.toml's lock_timeout and
  // statement_timeout) hold from the first statement on.
  defaults_ = {options_.lock_timeout, options_.statement_timeout, false};
  session_ = session_at_begin_ = defaults_;
  state.lock_timeout = defaults_.lock;
  state.statement_timeout = defaults_.statement;

  auto opaque = m.opaque_code().begin();
  // A DO block or a function runs as part of its top-level statement, in its transaction;
  // outside a transaction block that statement runs in a transaction of its own, which
  // each COMMIT or ROLLBACK of the body ends and replaces (PostgreSQL 11+).
  std::pair<uint32_t, uint32_t> body_part{UINT32_MAX, 0};
  uint32_t body_transaction = 0;
  for (const Statement& s : m.statements()) {
    if (s.nested) {
      track_settings(s, state);
      StatementContext here = state;
      if (!contexts_[s.nested->parent].in_transaction()) {
        const std::pair part{s.nested->parent, s.nested->transaction_part};
        if (part != body_part) body_part = part, body_transaction = next_transaction++;
        here.transaction = body_transaction;
      }
      contexts_.push_back(here);
      if (!s.error) history.catalog.apply(s, sequence(s), here.transaction);
    } else if (!s.is("TransactionStmt")) {
      track_settings(s, state);
      contexts_.push_back(state);
      if (!s.error) history.catalog.apply(s, sequence(s), state.transaction);
    }
    for (; opaque != m.opaque_code().end() && opaque->after == s.index; ++opaque) {
      history.catalog.forget(sequence(s));
    }
    if (s.nested || !s.is("TransactionStmt")) continue;
    const auto kind = s.node.str("kind");
    const bool begins = kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START";
    const bool nested = begins && state.in_transaction();
    if (begins && !state.explicit_transaction) {
      // Inside the runner's transaction a BEGIN starts nothing: a ROLLBACK still goes
      // back to where that transaction began.
      if (!state.in_transaction()) {
        state.transaction = next_transaction++;
        session_at_begin_ = session_;
      }
      state.explicit_transaction = true;
    }
    contexts_.push_back(state);
    contexts_.back().nested_begin = nested;
    const bool commits = kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_PREPARE";
    if (commits || kind == "TRANS_STMT_ROLLBACK") {
      end_transaction(state, commits);
      if (s.node.flag("chain")) {
        state.transaction = next_transaction++;
        state.explicit_transaction = true;
        session_at_begin_ = session_;
      }
    }
  }
  end_ = state;
  transactions_.resize(next_transaction - first_transaction_);
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t tx = contexts_[i].transaction;
    if (tx == 0) continue;
    StatementRange& range = transactions_[tx - first_transaction_];
    if (range.end == 0) range.first = i;
    range.end = i + 1;
  }
}

StatementRange FileContext::transaction_of(const Statement& s) const {
  const uint32_t tx = at(s).transaction;
  if (tx == 0) return {s.index, s.index + 1};
  return transactions_[tx - first_transaction_];
}

void FileContext::end_transaction(StatementContext& state, bool committed) {
  // A ROLLBACK with no transaction in progress only warns: it undoes nothing.
  if (!committed && state.in_transaction()) session_ = session_at_begin_;
  state.lock_timeout = session_.lock;
  state.statement_timeout = session_.statement;
  state.utc_time_zone = session_.utc;
  state.explicit_transaction = false;
  state.transaction = 0;
}

void FileContext::track_settings(const Statement& s, StatementContext& state) {
  const auto apply = [&](std::string_view name, bool value, bool local) {
    // SET LOCAL outside a transaction block has no effect (PostgreSQL warns).
    if (local && !state.in_transaction()) return;
    if (name == "lock_timeout") {
      state.lock_timeout = value;
      if (!local) session_.lock = value;
    } else if (name == "statement_timeout") {
      state.statement_timeout = value;
      if (!local) session_.statement = value;
    } else if (name == "timezone") {
      state.utc_time_zone = value;
      if (!local) session_.utc = value;
    }
  };
  const auto value_of = [](std::string_view name, Node value) {
    return name == "timezone" ? time_zone_is_utc(value) : timeout_value_is_set(value);
  };
  const auto default_of = [&](std::string_view name) {
    return name == "lock_timeout" ? defaults_.lock
           : name == "timezone"   ? defaults_.utc
                                  : defaults_.statement;
  };
  if (s.is("VariableSetStmt")) {
    const auto kind = s.node.str("kind");
    const bool local = s.node.flag("is_local");
    if (kind == "VAR_SET_VALUE") {
      const auto name = s.node.str("name");
      apply(name, value_of(name, s.node.list("args")[0]), local);
    } else if (kind == "VAR_SET_DEFAULT" || kind == "VAR_RESET") {
      // Back to the session's default: the value the connection started with.
      const auto name = s.node.str("name");
      apply(name, default_of(name), local);
    } else if (kind == "VAR_RESET_ALL") {
      apply("lock_timeout", defaults_.lock, false);
      apply("statement_timeout", defaults_.statement, false);
      apply("timezone", defaults_.utc, false);
    }
    return;
  }
  // SELECT set_config('lock_timeout', '5s', is_local)
  if (s.is("SelectStmt")) {
    walk(s.node, [&](Node n) {
      if (!n.is("FuncCall") || last_name(n.list("funcname")) != "set_config") return true;
      const NodeList args = n.list("args");
      if (args.size() != 3) return true;
      const Node is_local = args[2];
      const bool local = is_local.is("A_Const") && is_local.child("boolval").flag("boolval");
      // set_config takes the name as written ('TimeZone'); SET's is folded already.
      const std::string name = ascii_lowered(args[0].string_value());
      apply(name, value_of(name, args[1]), local);
      return false;
    });
  }
}

bool FileContext::created_before(const QualifiedName& relation, const Statement& s) const {
  return catalog_.relation_in_review(relation, sequence(s));
}

bool FileContext::index_created_before(const QualifiedName& index, const Statement& s) const {
  return catalog_.index_in_review(index, sequence(s));
}

}  // namespace zd
