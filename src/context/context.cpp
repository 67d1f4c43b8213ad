#include "context/context.hpp"

#include <cctype>

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

}  // namespace

FileContext::FileContext(const Migration& m, const LintOptions& options) : options_(options) {
  contexts_.reserve(m.statements().size());
  uint32_t next_transaction = 1;
  StatementContext state;
  if (options_.assume_in_transaction) state.transaction = next_transaction++;

  for (const Statement& s : m.statements()) {
    if (!s.is("TransactionStmt")) {
      track_settings(s, state);
      contexts_.push_back(state);
      track_objects(s);
      continue;
    }
    const auto kind = s.node.str("kind");
    if ((kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") &&
        !state.explicit_transaction) {
      if (!state.in_transaction()) state.transaction = next_transaction++;
      state.explicit_transaction = true;
      session_at_begin_ = session_;
    }
    contexts_.push_back(state);
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
}

void FileContext::end_transaction(StatementContext& state, bool committed) {
  if (!committed) session_ = session_at_begin_;
  state.lock_timeout = session_.lock;
  state.statement_timeout = session_.statement;
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
    }
  };
  if (s.is("VariableSetStmt")) {
    const auto kind = s.node.str("kind");
    const bool local = s.node.flag("is_local");
    if (kind == "VAR_SET_VALUE") {
      apply(s.node.str("name"), timeout_value_is_set(s.node.list("args")[0]), local);
    } else if (kind == "VAR_SET_DEFAULT" || kind == "VAR_RESET") {
      apply(s.node.str("name"), false, local);
    } else if (kind == "VAR_RESET_ALL") {
      apply("lock_timeout", false, false);
      apply("statement_timeout", false, false);
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
      apply(args[0].string_value(), timeout_value_is_set(args[1]), local);
      return false;
    });
  }
}

void FileContext::record(Timeline& t, QualifiedName n, uint32_t statement, bool exists) {
  t[std::move(n)].push_back({statement, exists});
}

bool FileContext::exists_before(const Timeline& t, const QualifiedName& n, uint32_t statement) {
  const auto it = t.find(n);
  if (it == t.end()) return false;
  bool exists = false;
  for (const Event& e : it->second) {
    if (e.statement >= statement) break;
    exists = e.exists;
  }
  return exists;
}

bool FileContext::created_before(const QualifiedName& relation, const Statement& s) const {
  return exists_before(relations_, relation, s.index);
}

bool FileContext::index_created_before(const QualifiedName& index, const Statement& s) const {
  return exists_before(indexes_, index, s.index);
}

void FileContext::track_objects(const Statement& s) {
  const Node n = s.node;
  if (s.is("CreateStmt")) {
    record(relations_, name_of_range_var(n.child("relation")), s.index, true);
  } else if (s.is("CreateTableAsStmt")) {
    record(relations_, name_of_range_var(n.child("into").child("rel")), s.index, true);
  } else if (s.is("ViewStmt")) {
    record(relations_, name_of_range_var(n.child("view")), s.index, true);
  } else if (s.is("IndexStmt")) {
    const auto table = name_of_range_var(n.child("relation"));
    if (const auto idx = n.str("idxname"); !idx.empty()) {
      record(indexes_, index_name(idx, table), s.index, true);
    }
  } else if (s.is("DropStmt")) {
    const auto type = n.str("removeType");
    Timeline* t = type == "OBJECT_INDEX" ? &indexes_ : &relations_;
    for (const Node object : n.list("objects")) {
      if (object.is("List")) record(*t, name_of_list(object.list("items")), s.index, false);
    }
  } else if (s.is("RenameStmt")) {
    const auto type = n.str("renameType");
    if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW") {
      auto from = name_of_range_var(n.child("relation"));
      if (exists_before(relations_, from, s.index + 1)) {
        QualifiedName to{from.schema, std::string(n.str("newname"))};
        record(relations_, std::move(from), s.index, false);
        record(relations_, std::move(to), s.index, true);
      }
    }
  }
}

}  // namespace zd
