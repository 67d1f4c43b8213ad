#include "report/gcc_reporter.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace zd {

void GccReporter::file(const FileReport& r) {
  if (r.error) {
    fmt::print(out_, "{}:{}:{}: error: {} [file-error]\n", r.path, r.error->position.line,
               r.error->position.column, r.error->message);
  }
  for (const Finding& f : r.findings) {
    if (f.suppressed) continue;
    const std::string_view severity = f.severity == Severity::Info ? "note"
                                                                   : severity_name(f.severity);
    fmt::print(out_, "{}:{}:{}: {}: {} [{}]\n", r.path, f.start.line, f.start.column, severity,
               f.message, f.rule->id);
  }
}

}  // namespace zd
