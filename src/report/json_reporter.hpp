// The JSON report (format version 1, documented in docs/json-format.md). Findings are
// streamed as files finish; the per-file list and the totals follow at the end.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "report/reporter.hpp"

namespace zd {

class JsonReporter final : public Reporter {
 public:
  JsonReporter(std::ostream& out, const LintOptions& options);
  void file(const FileReport& report) override;
  void finish(const Totals& totals) override;

 private:
  std::ostream& out_;
  nlohmann::json files_ = nlohmann::json::array();
  bool first_finding_ = true;
};

nlohmann::json finding_to_json(const FileReport& r, const Finding& f);

}  // namespace zd
