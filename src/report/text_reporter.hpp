// The terminal report: each finding with its code line, a caret under the span, the lock
// it takes and what to do instead; a summary line at the end. Linear in the output size.
#pragma once

#include <ostream>

#include "report/reporter.hpp"

namespace zd {

class TextReporter final : public Reporter {
 public:
  TextReporter(std::ostream& out, bool color) : out_(out), color_(color) {}
  void file(const FileReport& report) override;
  void finish(const Totals& totals) override;

 private:
  void finding(const FileReport& r, const Finding& f);
  std::string paint(std::string_view text, std::string_view code) const;

  std::ostream& out_;
  bool color_;
};

// "ACCESS EXCLUSIVE on public.users (blocks reads and writes); rewrites the table"
std::string describe_lock(const LockSummary& lock);

}  // namespace zd
