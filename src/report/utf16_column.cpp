#include "report/utf16_column.hpp"

namespace zd {

uint32_t utf16_column(const Source& source, Position p) {
  // Then a character is one unit: the line (of megabytes, in a dump written on one line)
  // is not read again for each finding.
  if (source.bmp_only()) return p.column;
  const std::string_view line = source.line_text(p.line);
  uint32_t units = 0;
  uint32_t chars = 0;
  for (size_t i = 0; i < line.size() && chars + 1 < p.column; ++chars) {
    const auto lead = static_cast<unsigned char>(line[i]);
    const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    units += length == 4 ? 2 : 1;
    i += length;
  }
  // A position past the line's last character (its end) counts one unit per column.
  return 1 + units + (p.column - 1 - chars);
}

}  // namespace zd
