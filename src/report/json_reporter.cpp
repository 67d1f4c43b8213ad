#include "report/json_reporter.hpp"

namespace zd {
namespace {

using nlohmann::json;

json position_json(Position p) { return {{"line", p.line}, {"column", p.column}}; }

std::string_view tri_name(Tri t) {
  switch (t) {
    case Tri::No: return "no";
    case Tri::Yes: return "yes";
    case Tri::Unknown: return "unknown";
  }
  return "unknown";
}

std::string_view blocks_name(Blocks b) {
  switch (b) {
    case Blocks::Nothing: return "nothing";
    case Blocks::DdlOnly: return "ddl";
    case Blocks::Writes: return "writes";
    case Blocks::ReadsAndWrites: return "reads-and-writes";
  }
  return "nothing";
}

json lock_json(const LockSummary& lock) {
  json locks = json::array();
  for (const auto& l : lock.locks) {
    json entry = {{"relation", l.role == RelationRole::Unresolved ? json(nullptr)
                                                                  : json(l.relation.display())},
                  {"role", role_name(l.role)},
                  {"mode", lock_mode_name(l.mode)},
                  {"blocks", blocks_name(blocks(l.mode))}};
    if (!l.description.empty()) entry["description"] = l.description;
    locks.push_back(std::move(entry));
  }
  return {{"locks", std::move(locks)},
          {"rewrite", tri_name(lock.rewrite)},
          {"scan", tri_name(lock.scan)}};
}

}  // namespace

json finding_to_json(const FileReport& r, const Finding& f) {
  json fixes = json::array();
  for (const Fix& fix : f.fixes) {
    json edits = json::array();
    for (const Edit& e : fix.edits) {
      edits.push_back({{"start", position_json(r.source->position(e.span.begin))},
                       {"end", position_json(r.source->position(e.span.end))},
                       {"replacement", e.replacement}});
    }
    fixes.push_back({{"title", fix.title}, {"safe", fix.safe}, {"edits", std::move(edits)}});
  }
  json out = {{"rule", f.rule->id},
              {"category", category_name(f.rule->category)},
              {"severity", severity_name(f.severity)},
              {"file", r.path},
              {"start", position_json(f.start)},
              {"end", position_json(f.end)},
              {"message", f.message},
              {"help", f.help},
              {"lock", f.lock ? lock_json(*f.lock) : json(nullptr)},
              {"fixes", std::move(fixes)},
              {"suppressed", f.suppressed}};
  if (f.suppressed) out["suppression_reason"] = f.suppression_reason;
  return out;
}

JsonReporter::JsonReporter(std::ostream& out, const LintOptions& options) : out_(out) {
  const json header = {{"version", 1},
                       {"tool", {{"name", "zerodown"}, {"version", kZerodownVersion}}},
                       {"settings",
                        {{"pg_version", options.pg_version.major},
                         {"assume_in_transaction", options.assume_in_transaction}}}};
  std::string text = header.dump();
  text.pop_back();  // leave the object open for the streamed findings
  out_ << text << ",\"findings\":[";
}

void JsonReporter::file(const FileReport& r) {
  json entry = {{"path", r.path}, {"statements", r.statements}, {"error", nullptr}};
  if (r.error) {
    entry["error"] = {{"message", r.error->message},
                      {"line", r.error->position.line},
                      {"column", r.error->position.column}};
  }
  files_.push_back(std::move(entry));
  for (const Finding& f : r.findings) {
    out_ << (first_finding_ ? "\n" : ",\n") << finding_to_json(r, f).dump();
    first_finding_ = false;
  }
}

void JsonReporter::finish(const Totals& t) {
  const json summary = {{"files", t.files},
                        {"unreadable_files", t.unreadable_files},
                        {"input_errors", t.input_errors.size()},
                        {"statements", t.statements},
                        {"errors", t.errors},
                        {"warnings", t.warnings},
                        {"infos", t.infos},
                        {"suppressed", t.suppressed}};
  out_ << "\n],\"files\":" << files_.dump() << ",\"summary\":" << summary.dump() << "}\n";
}

}  // namespace zd
