#include "report/fingerprint.hpp"

#include <fmt/format.h>

#include <map>
#include <utility>

namespace zd {
namespace {

// Runs of whitespace become one space and the ends are trimmed: re-indenting a statement,
// re-wrapping it or converting the file's line ends keeps its fingerprint.
std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool blank = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

// FNV-1a, 64 bits: fixed by its definition, so fingerprints stay the same across builds,
// platforms and versions of the standard library (std::hash promises none of that).
class Fnv1a {
 public:
  // Each part is followed by a NUL, which SQL text and paths do not contain here, so
  // ("ab", "c") and ("a", "bc") differ.
  Fnv1a& add(std::string_view part) {
    for (const char c : part) step(static_cast<unsigned char>(c));
    step(0);
    return *this;
  }
  std::string hex() const { return fmt::format("{:016x}", hash_); }

 private:
  void step(unsigned char byte) {
    hash_ ^= byte;
    hash_ *= 0x100000001b3ULL;
  }
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::vector<std::string> finding_fingerprints(const FileReport& report) {
  std::vector<std::string> out;
  out.reserve(report.findings.size());
  std::map<std::pair<std::string_view, std::string>, size_t> seen;
  for (const Finding& f : report.findings) {
    std::string text;
    if (report.source) {
      text = collapse_whitespace(report.source->text().substr(f.span.begin, f.span.end - f.span.begin));
    }
    const size_t occurrence = seen[{f.rule->id, text}]++;
    out.push_back(
        Fnv1a().add(f.rule->id).add(report.path).add(text).add(std::to_string(occurrence)).hex());
  }
  return out;
}

std::string file_error_fingerprint(const FileReport& report) {
  return Fnv1a().add("file-error").add(report.path).hex();
}

}  // namespace zd
