// The JSON report (format version 1, documented in docs/json-format.md). Findings are
// streamed as files finish; the per-file list and the totals follow at the end.
#pragma once

#include <ostream>

#include "report/json_writer.hpp"
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
  JsonWriter findings_;  // findings not yet written, at most about kWriteAt bytes
  JsonWriter files_;     // the "files" entries so far, as JSON text (a few dozen bytes each)
  bool first_finding_ = true;
};

}  // namespace zd
