// The JSON report (format version 1, documented in docs/json-format.md). Findings are
// streamed as files finish; the per-file list and the totals follow at the end.
#pragma once

#include <ostream>
#include <string>

#include "report/reporter.hpp"

namespace zd {

class JsonReporter final : public Reporter {
 public:
  JsonReporter(std::ostream& out, const LintOptions& options);
  void file(const FileReport& report) override;
  void finish(const Totals& totals) override;

 private:
  std::ostream& out_;
  static constexpr size_t kWriteAt = 64 * 1024;
  std::string buffer_;  // findings not yet written, at most about kWriteAt bytes
  std::string files_;   // the "files" entries so far, already as JSON text (a few dozen bytes each)
  bool first_finding_ = true;
};

}  // namespace zd
