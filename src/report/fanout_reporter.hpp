// One check, several reports: e.g. SARIF into --output's file and the text report on the
// terminal. Each reporter gets every file, in order, then the totals.
#pragma once

#include <memory>
#include <vector>

#include "report/reporter.hpp"

namespace zd {

class FanoutReporter final : public Reporter {
 public:
  void add(std::unique_ptr<Reporter> reporter) { reporters_.push_back(std::move(reporter)); }
  void file(const FileReport& report) override {
    for (auto& r : reporters_) r->file(report);
  }
  void finish(const Totals& totals) override {
    for (auto& r : reporters_) r->finish(totals);
  }

 private:
  std::vector<std::unique_ptr<Reporter>> reporters_;
};

}  // namespace zd
