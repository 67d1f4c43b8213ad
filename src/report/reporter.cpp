#include "report/reporter.hpp"

#include "report/gcc_reporter.hpp"
#include "report/json_reporter.hpp"
#include "report/text_reporter.hpp"

namespace zd {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::Text;
  if (name == "gcc") return Format::Gcc;
  if (name == "json") return Format::Json;
  return std::nullopt;
}

void Totals::add(const FileReport& r) {
  ++files;
  if (r.error) ++unreadable_files;
  statements += r.statements;
  for (const Finding& f : r.findings) {
    if (f.suppressed) {
      ++suppressed;
      continue;
    }
    switch (f.severity) {
      case Severity::Error: ++errors; break;
      case Severity::Warning: ++warnings; break;
      case Severity::Info: ++infos; break;
    }
  }
}

std::unique_ptr<Reporter> make_reporter(Format format, std::ostream& out,
                                        const ReportOptions& options) {
  switch (format) {
    case Format::Gcc: return std::make_unique<GccReporter>(out);
    case Format::Json: return std::make_unique<JsonReporter>(out, options.lint);
    case Format::Text: break;
  }
  return std::make_unique<TextReporter>(out, options.color);
}

}  // namespace zd
