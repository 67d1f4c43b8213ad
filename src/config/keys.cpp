#include "config/keys.hpp"

#include <algorithm>

#include "lint/did_you_mean.hpp"
#include "lint/lint.hpp"
#include "lint/rule.hpp"

namespace zd::config {

void Diagnostics::error(const toml::source_region& where, std::string message) {
  error(where.begin.line, where.begin.column, std::move(message));
}

void Diagnostics::error(uint32_t line, uint32_t column, std::string message) {
  errors_.push_back({line, column, std::move(message)});
}

std::vector<std::string> Diagnostics::render(std::string_view path) const {
  std::vector<Error> sorted = errors_;
  // toml++ keeps a table's keys sorted by name: put the messages back in file order.
  std::stable_sort(sorted.begin(), sorted.end(), [](const Error& a, const Error& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  std::vector<std::string> out;
  for (const Error& e : sorted) {
    out.push_back(std::string(path) + ":" + std::to_string(e.line) + ":" +
                  std::to_string(e.column) + ": " + e.message);
  }
  return out;
}

Origin Place::at(const toml::source_region& where) const {
  return {path + ":" + std::to_string(where.begin.line) +
          (label.empty() ? "" : " (" + label + ")")};
}

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    case toml::node_type::none: break;
  }
  return "nothing";
}

namespace {

void wrong_type(const toml::node& n, std::string_view key, std::string_view expected,
                Diagnostics& d) {
  d.error(n.source(),
          std::string(key) + " must be " + std::string(expected) + ", not " + type_name(n));
}

// "…; did you mean 'x'?" or "…; known: a, b, c".
std::string suggest(std::string_view word, const std::vector<std::string_view>& known) {
  if (const auto guess = closest_match(word, known); !guess.empty()) {
    return " (did you mean '" + std::string(guess) + "'?)";
  }
  std::string list;
  for (const auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
  return " (known: " + list + ")";
}

// The value as written, for keys that take `15` as well as `"15.4"`, or `0` as well as `"5s"`.
std::optional<std::string> integer_or_string(const toml::node& n) {
  if (n.is_integer()) return std::to_string(n.value<int64_t>().value_or(0));
  if (n.is_string()) return n.value<std::string>().value_or("");
  return std::nullopt;
}

void read_bool(const toml::node& n, std::string_view key, const Place& place,
               std::optional<Setting<bool>>& to, Diagnostics& d) {
  if (const auto b = n.value<bool>(); b && n.is_boolean()) {
    to = Setting<bool>{*b, place.at(n.source())};
  } else {
    wrong_type(n, key, "true or false", d);
  }
}

void read_timeout(const toml::node& n, std::string_view key, const Place& place,
                  std::optional<Setting<Timeout>>& to, Diagnostics& d) {
  const auto written = integer_or_string(n);
  if (!written) {
    return wrong_type(n, key, "a duration: \"5s\", \"500ms\", milliseconds, or 0 for none", d);
  }
  const auto timeout = Timeout::parse(*written);
  if (!timeout) {
    return d.error(n.source(), std::string(key) + ": '" + *written +
                                   "' is not a duration (e.g. \"5s\", \"500ms\", \"1min\", or 0 "
                                   "for none)");
  }
  to = Setting<Timeout>{*timeout, place.at(n.source())};
}

void read_selectors(const toml::node& n, std::string_view key, const Place& place,
                    std::optional<Setting<std::vector<std::string>>>& to, Diagnostics& d) {
  const toml::array* list = n.as_array();
  if (!list) {
    return wrong_type(n, key, "an array of rule ids or categories, e.g. [\"lock\", \"type-json\"]",
                      d);
  }
  Setting<std::vector<std::string>> out{{}, place.at(n.source())};
  for (const toml::node& item : *list) {
    if (!item.is_string()) {
      wrong_type(item, std::string("each entry of ") + std::string(key), "a string", d);
      continue;
    }
    const auto selector = item.value<std::string>().value_or("");
    if (const auto error = check_rule_selector(selector); !error.empty()) {
      d.error(item.source(), std::string(key) + ": " + error);
      continue;
    }
    out.value.push_back(selector);
  }
  to = std::move(out);
}

void read_pg_version(const toml::node& n, std::string_view, const Place& place,
                     std::optional<Setting<PgVersion>>& to, Diagnostics& d) {
  const std::string text = integer_or_string(n).value_or("");
  if (!n.is_integer() && !n.is_string()) {
    return wrong_type(n, "pg_version", "a version: 15, \"15\" or \"15.4\"", d);
  }
  const auto version = PgVersion::parse(text);
  if (!version) {
    return d.error(n.source(), "pg_version: '" + text +
                                   "' is not a PostgreSQL version from 11 to 17 (e.g. 15 or "
                                   "\"15.4\")");
  }
  to = Setting<PgVersion>{*version, place.at(n.source())};
}

void read_runner(const toml::node& n, std::string_view, const Place& place,
                 std::optional<Setting<std::string>>& to, Diagnostics& d) {
  if (!n.is_string()) return wrong_type(n, "runner", "a string, e.g. \"goose\"", d);
  const auto name = n.value<std::string>().value_or("");
  if (name != "auto" && !runner::find_preset(name)) {
    std::vector<std::string_view> known{"auto", "plain"};
    for (const auto& p : runner::presets()) known.push_back(p.name);
    return d.error(n.source(), "runner: unknown runner '" + name + "'" + suggest(name, known));
  }
  to = Setting<std::string>{name, place.at(n.source())};
}

void read_fail_on(const toml::node& n, std::string_view, const Place& place,
                  std::optional<Setting<FailOn>>& to, Diagnostics& d) {
  const std::vector<std::string_view> known{"error", "warning", "info", "never"};
  if (!n.is_string())
    return wrong_type(n, "fail_on", "one of \"error\", \"warning\", \"info\", \"never\"", d);
  const auto name = n.value<std::string>().value_or("");
  const auto fail_on = parse_fail_on(name);
  if (!fail_on)
    return d.error(n.source(), "fail_on: '" + name + "' is not a level" + suggest(name, known));
  to = Setting<FailOn>{*fail_on, place.at(n.source())};
}

void read_severity(const toml::node& n, std::string_view, const Place& place,
                   std::vector<std::pair<std::string, Setting<Severity>>>& to, Diagnostics& d) {
  const toml::table* table = n.as_table();
  if (!table)
    return wrong_type(n, "severity", "a table of rule id = \"error\"|\"warning\"|\"info\"", d);
  for (const auto& [key, value] : *table) {
    const std::string id(key.str());
    if (!find_rule(id)) {
      const auto guess = closest_rule_id(id);
      d.error(key.source(), "severity: unknown rule '" + id + "'" +
                                (guess.empty() ? std::string(" (`zerodown rules` lists them)")
                                               : " (did you mean '" + std::string(guess) + "'?)"));
      continue;
    }
    const auto name = value.value<std::string>();
    const auto severity = value.is_string() ? parse_severity(*name) : std::nullopt;
    if (!severity) {
      d.error(value.source(), "severity." + id + " must be \"error\", \"warning\" or \"info\"");
      continue;
    }
    to.emplace_back(id, Setting<Severity>{*severity, place.at(key.source())});
  }
}

// A key's reader: `Read` checks the value and stores it in the layer's field.
template <auto Field, auto Read>
void into(const toml::node& n, std::string_view key, const Place& place, Layer& layer,
          Diagnostics& d) {
  Read(n, key, place, layer.*Field, d);
}

}  // namespace

const std::vector<Key>& keys() {
  static const std::vector<Key> all = {
      {"pg_version", Scope::Both, into<&Layer::pg_version, read_pg_version>},
      {"runner", Scope::Both, into<&Layer::runner, read_runner>},
      {"assume_in_transaction", Scope::Both, into<&Layer::assume_in_transaction, read_bool>},
      {"lint_down", Scope::Both, into<&Layer::lint_down, read_bool>},
      {"select", Scope::Both, into<&Layer::select, read_selectors>},
      {"ignore", Scope::Both, into<&Layer::ignore, read_selectors>},
      {"severity", Scope::Both, into<&Layer::severity, read_severity>},
      {"fail_on", Scope::Both, into<&Layer::fail_on, read_fail_on>},
      {"require_suppression_reason", Scope::Both,
       into<&Layer::require_suppression_reason, read_bool>},
      {"lock_timeout", Scope::Both, into<&Layer::lock_timeout, read_timeout>},
      {"statement_timeout", Scope::Both, into<&Layer::statement_timeout, read_timeout>},
      {"overrides", Scope::TopLevel, nullptr},
      {"paths", Scope::Override, nullptr},
  };
  return all;
}

const Key* find_key(std::string_view name) {
  for (const Key& k : keys()) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

std::vector<std::string_view> key_names(Scope scope) {
  std::vector<std::string_view> out;
  for (const Key& k : keys()) {
    if (k.scope == scope || k.scope == Scope::Both) out.push_back(k.name);
  }
  return out;
}

}  // namespace zd::config
