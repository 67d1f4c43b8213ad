// GitLab Code Quality: a JSON array of issues (description, check_name, fingerprint,
// severity, location), which a merge request compares with its target branch's report by
// fingerprint. Documented in docs/output-formats.md.
#pragma once

#include <ostream>

#include "report/reporter.hpp"

namespace zd {

class GitlabReporter final : public Reporter {
 public:
  explicit GitlabReporter(std::ostream& out) : out_(out) { out_ << '['; }
  void file(const FileReport& report) override;
  void finish(const Totals& totals) override;

 private:
  std::ostream& out_;
  bool first_ = true;
};

}  // namespace zd
