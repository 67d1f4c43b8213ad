// zd::decode_source and zd::Source: what bytes zerodown accepts, and byte offsets as the
// 1-based lines and 1-based character columns a person sees.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "source/source.hpp"

namespace {

zd::Source make(std::string text) {
  auto r = zd::decode_source("t.sql", std::move(text));
  REQUIRE(r.source);
  REQUIRE_FALSE(r.error);
  return std::move(*r.source);
}

zd::DecodeError fail(std::string bytes) {
  auto r = zd::decode_source("t.sql", std::move(bytes));
  REQUIRE_FALSE(r.source);
  REQUIRE(r.error);
  return *r.error;
}

zd::Position pos(uint32_t line, uint32_t column) { return {line, column}; }

}  // namespace

TEST_CASE("source: LF line ends") {
  const auto s = make("SELECT 1;\nSELECT 2;\n");
  CHECK(s.position(0) == pos(1, 1));
  CHECK(s.position(8) == pos(1, 9));
  CHECK(s.position(9) == pos(1, 10));  // the line end itself
  CHECK(s.position(10) == pos(2, 1));
  CHECK(s.position(19) == pos(2, 10));
  CHECK(s.position(20) == pos(3, 1));  // end of file after the last line end
  CHECK(s.line_count() == 3);
  CHECK(s.line_text(1) == "SELECT 1;");
  CHECK(s.line_text(2) == "SELECT 2;");
  CHECK(s.line_text(3) == "");
  CHECK(s.line_text(0) == "");
  CHECK(s.line_text(4) == "");
  CHECK(s.line_start(2) == 10);
}

TEST_CASE("source: CRLF line ends count once") {
  const auto s = make("a\r\nbc\r\n\r\nd");
  CHECK(s.line_count() == 4);
  CHECK(s.position(0) == pos(1, 1));
  CHECK(s.position(3) == pos(2, 1));
  CHECK(s.position(4) == pos(2, 2));
  CHECK(s.position(7) == pos(3, 1));
  CHECK(s.position(9) == pos(4, 1));
  CHECK(s.line_text(1) == "a");
  CHECK(s.line_text(2) == "bc");
  CHECK(s.line_text(3) == "");
  CHECK(s.line_text(4) == "d");
}

TEST_CASE("source: lone CR line ends, and mixed line ends") {
  const auto s = make("a\rb\rc");
  CHECK(s.line_count() == 3);
  CHECK(s.position(2) == pos(2, 1));
  CHECK(s.position(4) == pos(3, 1));
  CHECK(s.line_text(2) == "b");

  // LF, CR LF, CR, LF CR (= two line ends)
  const auto m = make("a\nb\r\nc\rd\n\re");
  CHECK(m.line_count() == 6);
  CHECK(m.position(2) == pos(2, 1));   // b
  CHECK(m.position(5) == pos(3, 1));   // c
  CHECK(m.position(7) == pos(4, 1));   // d
  CHECK(m.position(10) == pos(6, 1));  // e
  CHECK(m.line_text(5) == "");
}

TEST_CASE("source: columns count characters, not bytes") {
  // é is 2 bytes, € 3 bytes, 😀 4 bytes
  const std::string text = "SELECT 'é€😀', x;\n  ü y";
  const auto s = make(text);
  const size_t x = text.find(", x") + 2;
  CHECK(x == 20);
  CHECK(s.position(x) == pos(1, 15));
  const size_t y = text.find(" y") + 1;
  CHECK(s.position(y) == pos(2, 5));
  CHECK(s.line_text(2) == "  ü y");
  CHECK(zd::count_characters("é€😀") == 3);
  CHECK(zd::count_characters("") == 0);
  CHECK(zd::byte_offset_of_character("aé€b", 0) == 0);
  CHECK(zd::byte_offset_of_character("aé€b", 2) == 3);
  CHECK(zd::byte_offset_of_character("aé€b", 3) == 6);
  CHECK(zd::byte_offset_of_character("aé€b", 4) == 7);   // one past the end
  CHECK(zd::byte_offset_of_character("aé€b", 99) == 7);  // clamped
}

TEST_CASE("source: columns on lines longer than a block of the character index") {
  // Lines of many kilobytes, multibyte characters across the index's 4 KiB blocks, a short
  // line between them: every column as counting from the line's start gives it.
  std::string text;
  for (int i = 0; i < 3000; ++i) text += i % 7 ? "ab" : "é€";
  text += "\nshort ü\r\n";
  for (int i = 0; i < 2500; ++i) text += i % 5 ? "x😀" : "y";
  const auto s = make(text);
  for (size_t offset = 0; offset <= text.size(); offset += 97) {
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) {
      ++offset;  // a character's first byte
    }
    CAPTURE(offset);
    const zd::Position p = s.position(offset);
    const size_t start = s.line_start(p.line);
    CHECK(p.column == zd::count_characters(std::string_view(text).substr(start, offset - start)) + 1);
  }
  CHECK(s.position(text.size()).line == 3);
}

TEST_CASE("source: offsets past the end are clamped") {
  const auto s = make("ab\ncd");
  CHECK(s.position(5) == pos(2, 3));
  CHECK(s.position(500) == pos(2, 3));
}

TEST_CASE("source: positions found from a hint are those found without one") {
  // Lines of every ending and length, the empty ones included; offsets asked in order
  // (findings in file order), backwards (a finding's end before the last one's), far
  // ahead, past the end, and with a hint beyond the last line.
  std::string text;
  for (int i = 0; i < 400; ++i) {
    for (int c = 0; c < i % 13; ++c) text += i % 3 ? "x" : "é";
    text += i % 4 == 0 ? "\r\n" : i % 4 == 1 ? "\r" : "\n";
  }
  const auto s = make(text);
  std::vector<size_t> offsets;
  for (size_t o = 0; o <= text.size() + 3; o += 5) offsets.push_back(o);
  for (size_t o = text.size(); o >= 37; o -= 37) offsets.push_back(o);
  offsets.insert(offsets.end(), {0, text.size() / 2, 3, text.size(), 1});
  uint32_t hint = 0;
  for (const size_t offset : offsets) {
    CAPTURE(offset);
    CHECK(s.position(offset, hint) == s.position(offset));
    CHECK(hint + 1 == s.position(offset).line);
  }
  uint32_t beyond = 1'000'000;
  CHECK(s.position(7, beyond) == s.position(7));
}

TEST_CASE("source: empty file") {
  const auto s = make("");
  CHECK(s.line_count() == 1);
  CHECK(s.position(0) == pos(1, 1));
  CHECK(s.line_text(1) == "");
  CHECK(std::string(s.c_str()).empty());
}

TEST_CASE("decode_source: a UTF-8 BOM is dropped and remembered") {
  const auto s = make("\xEF\xBB\xBFSELECT 1;\nSELECT 2;");
  CHECK(s.had_bom());
  CHECK(s.text() == "SELECT 1;\nSELECT 2;");
  CHECK(s.position(0) == pos(1, 1));  // the first character after the BOM is column 1
  CHECK(s.position(10) == pos(2, 1));
  CHECK_FALSE(make("SELECT 1;").had_bom());
  CHECK(s.path() == "t.sql");
}

TEST_CASE("decode_source: a BOM only in the middle is kept as text") {
  // U+FEFF inside the file is a valid character (a zero-width no-break space).
  const auto s = make("a\xEF\xBB\xBF" "b");
  CHECK_FALSE(s.had_bom());
  CHECK(s.position(4) == pos(1, 3));
}

TEST_CASE("decode_source: NUL bytes are an error at their position") {
  const auto e = fail(std::string("SELECT 1;\nSEL\0CT", 16));
  CHECK(e.message.find("NUL") != std::string::npos);
  CHECK(e.position == pos(2, 4));
  CHECK(fail(std::string("\0", 1)).position == pos(1, 1));
  // After a BOM and a multibyte character
  CHECK(fail(std::string("\xEF\xBB\xBF" "é\0", 6)).position == pos(1, 2));
}

TEST_CASE("decode_source: invalid UTF-8 is an error at the bad byte") {
  auto e = fail("ab\nxé\xFFz");
  CHECK(e.position == pos(2, 3));
  CHECK(e.message.find("0xFF") != std::string::npos);
  CHECK(e.message.find("UTF-8") != std::string::npos);

  CHECK(fail("\xC0\xAF").position == pos(1, 1));              // overlong '/'
  CHECK(fail("a\xE0\x80\xAF").position == pos(1, 2));         // overlong, 3 bytes
  CHECK(fail("ab\xED\xA0\x80").position == pos(1, 3));        // a UTF-16 surrogate
  CHECK(fail("\xF4\x90\x80\x80").position == pos(1, 1));      // above U+10FFFF
  CHECK(fail("abc\xE2\x82").position == pos(1, 4));           // cut short at the end
  CHECK(fail("abc\xE2\x82z").position == pos(1, 4));          // cut short by ASCII
  CHECK(fail("a\x80").position == pos(1, 2));                 // lone continuation byte
  CHECK(fail("\xF8\x88\x80\x80\x80").position == pos(1, 1));  // 5-byte form
  // Positions after CRLF and lone CR line ends
  CHECK(fail("a\r\n\xFF").position == pos(2, 1));
  CHECK(fail("a\r\r\xFF").position == pos(3, 1));
  // Latin-1 text: é as the single byte 0xE9
  CHECK(fail("SELECT 'caf\xE9';").position == pos(1, 12));
}

TEST_CASE("decode_source: valid multibyte sequences at their limits") {
  CHECK(make("\xC2\x80").text().size() == 2);          // U+0080
  CHECK(make("\xDF\xBF").text().size() == 2);          // U+07FF
  CHECK(make("\xE0\xA0\x80").text().size() == 3);      // U+0800
  CHECK(make("\xED\x9F\xBF").text().size() == 3);      // U+D7FF
  CHECK(make("\xEE\x80\x80").text().size() == 3);      // U+E000
  CHECK(make("\xF0\x90\x80\x80").text().size() == 4);  // U+10000
  CHECK(make("\xF4\x8F\xBF\xBF").text().size() == 4);  // U+10FFFF
}

TEST_CASE("decode_source: UTF-16 files are named as such") {
  const auto le = fail(std::string("\xFF\xFES\0E\0", 6));
  CHECK(le.message.find("UTF-16") != std::string::npos);
  CHECK(le.message.find("iconv") != std::string::npos);
  CHECK(le.position == pos(1, 1));
  const auto be = fail(std::string("\xFE\xFF\0S\0E", 6));
  CHECK(be.message.find("UTF-16") != std::string::npos);
  // Without a BOM, UTF-16 is caught by its NUL bytes.
  CHECK(fail(std::string("S\0E\0", 4)).message.find("NUL") != std::string::npos);
}
