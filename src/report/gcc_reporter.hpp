// `path:line:col: severity: message [rule-id]`, one line a finding, for editors' and CI
// problem matchers (gcc's own format; info is written as gcc's `note`).
#pragma once

#include <ostream>

#include "report/reporter.hpp"

namespace zd {

class GccReporter final : public Reporter {
 public:
  explicit GccReporter(std::ostream& out) : out_(out) {}
  void file(const FileReport& report) override;
  void finish(const Totals&) override {}

 private:
  std::ostream& out_;
};

}  // namespace zd
