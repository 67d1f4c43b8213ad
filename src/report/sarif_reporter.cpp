#include "report/sarif_reporter.hpp"

#include <filesystem>

#include "cli/rules_command.hpp"
#include "report/file_uri.hpp"
#include "report/fingerprint.hpp"

namespace zd {
namespace {

using nlohmann::json;

// Relative artifact URIs are resolved against this base, which originalUriBaseIds maps to
// the working directory; GitHub code scanning maps it to the repository's checkout.
constexpr std::string_view kSourceRoot = "%SRCROOT%";
// The key of zerodown's fingerprint in partialFingerprints; the version changes when the
// way it is computed does, so that old and new ones are never compared.
constexpr std::string_view kFingerprintKey = "zerodown/v1";

std::string_view level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "warning";
}

// SARIF messages are sentences ending with a period (the validator's SARIF2001); zerodown's
// messages are written without one for the one-line formats.
std::string sentence(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out.back() != '.' && out.back() != '?' && out.back() != '!') out += '.';
  return out;
}

// The first paragraph under "## Why is this bad?": what the rule is about, for
// fullDescription (viewers show it next to the one-sentence shortDescription).
std::string why_paragraph(std::string_view docs) {
  constexpr std::string_view kHeading = "## Why is this bad?\n";
  const size_t at = docs.find(kHeading);
  if (at == std::string_view::npos) return {};
  std::string_view rest = docs.substr(at + kHeading.size());
  rest = rest.substr(0, std::min(rest.find("\n\n"), rest.find("\n#")));
  std::string out;
  for (const char c : rest) out += c == '\n' ? ' ' : c;
  return out;
}

// A rule's "friendly name", which SARIF wants as one Pascal-case identifier:
// lock-create-index → LockCreateIndex.
std::string pascal_case(std::string_view id) {
  std::string out;
  bool upper = true;
  for (const char c : id) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

// SARIF's end column is exclusive, like zerodown's end positions: no conversion.
json region(Position start, Position end) {
  return {{"startLine", start.line},
          {"startColumn", start.column},
          {"endLine", end.line},
          {"endColumn", end.column}};
}

json rule_descriptor(const RuleInfo& r) {
  const std::string docs = rule_markdown(r.id);
  const std::string why = why_paragraph(r.docs);
  return {{"id", r.id},
          {"name", pascal_case(r.id)},
          {"shortDescription", {{"text", sentence(r.summary)}}},
          {"fullDescription", {{"text", sentence(why.empty() ? r.summary : why)}}},
          {"help", {{"text", docs}, {"markdown", docs}}},
          {"helpUri", rule_help_uri(r.id)},
          {"defaultConfiguration",
           {{"level", level(r.severity)}, {"enabled", r.enabled_by_default}}},
          {"properties", {{"tags", {"postgresql", "migrations", category_name(r.category)}}}}};
}

json fix_json(const Fix& fix, const Source& source, const json& location) {
  json replacements = json::array();
  for (const Edit& e : fix.edits) {
    replacements.push_back(
        {{"deletedRegion", region(source.position(e.span.begin), source.position(e.span.end))},
         {"insertedContent", {{"text", e.replacement}}}});
  }
  const std::string safety = fix.safe ? "safe" : "unsafe: review it before applying";
  return {{"description", {{"text", sentence(fix.title + " (" + safety + ")")}}},
          {"artifactChanges",
           json::array({{{"artifactLocation", location}, {"replacements", replacements}}})},
          {"properties", {{"safe", fix.safe}}}};
}

}  // namespace

SarifReporter::SarifReporter(std::ostream& out) : out_(out) {
  const auto& rules = all_rules();
  for (size_t i = 0; i < rules.size(); ++i) rule_index_[rules[i]] = i;
}

json SarifReporter::artifact_location(const std::string& path) {
  if (std::filesystem::path(path).is_absolute()) return {{"uri", file_uri(path)}};
  relative_paths_ = true;
  return {{"uri", relative_uri(path)}, {"uriBaseId", kSourceRoot}};
}

void SarifReporter::file(const FileReport& r) {
  const json location = artifact_location(r.path);
  if (r.error) {
    notifications_.push_back(
        {{"level", "error"},
         {"message", {{"text", sentence(r.path + ": " + r.error->message)}}},
         {"descriptor", {{"id", "file-error"}}},
         {"locations",
          json::array({{{"physicalLocation",
                         {{"artifactLocation", location},
                          {"region", {{"startLine", r.error->position.line},
                                      {"startColumn", r.error->position.column}}}}}}})}});
  }
  const std::vector<std::string> fingerprints = finding_fingerprints(r);
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const Finding& f = r.findings[i];
    std::string message = sentence(f.message);
    if (!f.help.empty()) message += "\n\n" + sentence(f.help.str());
    json result = {
        {"ruleId", f.rule->id},
        {"ruleIndex", rule_index_.at(f.rule)},
        {"level", level(f.severity)},
        {"message", {{"text", message}}},
        {"locations",
         json::array({{{"physicalLocation",
                        {{"artifactLocation", location}, {"region", region(f.start, f.end)}}}}})},
        {"partialFingerprints", {{kFingerprintKey, fingerprints[i]}}}};
    if (!f.fixes.empty()) {
      json fixes = json::array();
      for (const Fix& fix : f.fixes) fixes.push_back(fix_json(fix, *r.source, location));
      result["fixes"] = std::move(fixes);
    }
    if (f.suppressed) {
      json suppression = {{"kind", "inSource"}};
      if (!f.suppression_reason.empty()) suppression["justification"] = f.suppression_reason.str();
      result["suppressions"] = json::array({std::move(suppression)});
    }
    results_.push_back(std::move(result));
  }
}

void SarifReporter::finish(const Totals& t) {
  for (const std::string& e : t.input_errors) {
    notifications_.push_back({{"level", "error"},
                              {"message", {{"text", sentence(e)}}},
                              {"descriptor", {{"id", "input-error"}}}});
  }
  json rules = json::array();
  for (const RuleInfo* r : all_rules()) rules.push_back(rule_descriptor(*r));
  json invocation = {{"executionSuccessful", t.unreadable_files == 0 && t.input_errors.empty()}};
  if (!notifications_.empty()) invocation["toolExecutionNotifications"] = notifications_;
  json run = {{"tool",
               {{"driver",
                 {{"name", "zerodown"},
                  {"version", kZerodownVersion},
                  {"semanticVersion", kZerodownVersion},
                  {"informationUri", kProjectUrl},
                  {"rules", std::move(rules)}}}}},
              {"invocations", json::array({std::move(invocation)})},
              {"columnKind", "unicodeCodePoints"},
              {"results", std::move(results_)}};
  if (relative_paths_) {
    std::error_code ec;
    const auto cwd = std::filesystem::current_path(ec);
    if (!ec) {
      run["originalUriBaseIds"] = {{kSourceRoot, {{"uri", file_uri(cwd.string(), true)}}}};
    }
  }
  const json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                    {"version", "2.1.0"},
                    {"runs", json::array({std::move(run)})}};
  out_ << log.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace zd
