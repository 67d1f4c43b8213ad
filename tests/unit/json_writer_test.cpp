// zd::JsonWriter writes what nlohmann::json::dump() writes: the JSON report's bytes did not
// change when it stopped building a DOM per finding.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "report/json_writer.hpp"

TEST_CASE("json writer: strings escaped as nlohmann escapes them") {
  std::string all;
  for (int c = 1; c < 128; ++c) all += static_cast<char>(c);
  all += "é☃ \xF0\x9F\x98\x80 \"quoted\" back\\slash";
  // Every start offset, so that each byte is met at every place in an eight-byte word.
  for (size_t from = 0; from < 16; ++from) {
    const std::string s = all.substr(from);
    zd::JsonWriter w;
    w.value(s);
    CHECK(w.text() == nlohmann::json(s).dump());
  }
}

TEST_CASE("json writer: objects, arrays, numbers, booleans, null") {
  zd::JsonWriter w;
  w.begin_object().key("a").begin_array().number(0).number(18446744073709551615ull);
  w.boolean(true).boolean(false).null().begin_object().end_object().end_array();
  w.key("b").value("x").end_object();
  const nlohmann::json expected = {
      {"a", {0, 18446744073709551615ull, true, false, nullptr, nlohmann::json::object()}},
      {"b", "x"}};
  CHECK(w.text() == expected.dump());
}

TEST_CASE("json writer: keys of every length, text past the first block, clear()") {
  // A key is copied at its padded size whatever its length; the text grows past its first
  // room (256 bytes) many times over.
  zd::JsonWriter w;
  nlohmann::json expected = nlohmann::json::object();
  w.begin_object().key("a").number(1).key("abcdefghijklmnopqrstuvwxyz012345").value("x");
  expected["a"] = 1;
  expected["abcdefghijklmnopqrstuvwxyz012345"] = "x";
  w.key("list").begin_array();
  nlohmann::json list = nlohmann::json::array();
  for (int i = 0; i < 2000; ++i) {
    const std::string item(static_cast<size_t>(i % 40), static_cast<char>('a' + i % 26));
    w.value(item);
    list.push_back(item);
  }
  w.end_array().end_object();
  expected["list"] = list;
  CHECK(w.text() == expected.dump());
  w.clear();
  w.begin_array().raw("\n").null().end_array();
  CHECK(w.text() == "[\nnull]");
}
