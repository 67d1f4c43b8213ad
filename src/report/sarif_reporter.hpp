// SARIF 2.1.0 (OASIS), as GitHub code scanning and other SARIF viewers read it: one run,
// every rule in tool.driver with its documentation, results with exact regions (columns in
// Unicode code points, declared as such), stable partialFingerprints, fixes, suppressed
// findings as suppressions, and unreadable files as tool execution notifications.
// Documented in docs/output-formats.md.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <unordered_map>

#include "report/reporter.hpp"

namespace zd {

class SarifReporter final : public Reporter {
 public:
  explicit SarifReporter(std::ostream& out);
  void file(const FileReport& report) override;
  void finish(const Totals& totals) override;

 private:
  nlohmann::json artifact_location(const std::string& path);

  std::ostream& out_;
  std::unordered_map<const RuleInfo*, size_t> rule_index_;
  nlohmann::json results_ = nlohmann::json::array();
  nlohmann::json notifications_ = nlohmann::json::array();
  bool relative_paths_ = false;
};

}  // namespace zd
