// The JSON report (format version 1, documented in docs/json-format.md). Findings are
// streamed as files finish; the per-file list and the totals follow at the end.
#pragma once

#include <ostream>

#include "report/json_writer.hpp"
#include "report/reporter.hpp"
#include "report/spill_file.hpp"

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
  // The "files" entries (a few dozen bytes each), written after the findings: the latest
  // in files_, the earlier ones, some kWriteAt bytes at a time, in spilled_ (when it takes
  // them; else all stay in files_).
  JsonWriter files_;
  SpillFile spilled_;
  bool any_spilled_ = false;
  bool first_finding_ = true;
};

}  // namespace zd
