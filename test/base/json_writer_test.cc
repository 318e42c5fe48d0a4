#include "base/json_writer.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "base/json_string.h"

namespace vers {
namespace {

std::string MustTake(JsonWriter& w) {
  auto r = w.Take();
  INFO(r.status().message());
  REQUIRE(r.ok());
  return r.value();
}

TEST_CASE("JsonWriter writes nested structures with separators", "[json_writer]") {
  JsonWriter w;
  w.BeginObject()
      .Key("a")
      .Int(1)
      .Key("b")
      .BeginArray()
      .Bool(true)
      .Null()
      .String("x")
      .BeginObject()
      .EndObject()
      .BeginArray()
      .EndArray()
      .EndArray()
      .Key("c")
      .Number("-1.5e300")
      .EndObject();
  CHECK(MustTake(w) == R"({"a":1,"b":[true,null,"x",{},[]],"c":-1.5e300})");
}

TEST_CASE("JsonWriter writes scalars at the top level", "[json_writer]") {
  JsonWriter w;
  CHECK(MustTake(w.String("hi")) == R"("hi")");
  CHECK(MustTake(w.Int(std::numeric_limits<int64_t>::min())) == "-9223372036854775808");
  CHECK(MustTake(w.Uint(std::numeric_limits<uint64_t>::max())) == "18446744073709551615");
  CHECK(MustTake(w.Double(0.1)) == "0.1");
  CHECK(MustTake(w.Double(1e300)) == "1e+300");
  CHECK(MustTake(w.Bool(false)) == "false");
  CHECK(MustTake(w.Raw(R"(["list","string"])")) == R"(["list","string"])");
  // A number's text is kept verbatim, so big numbers stay exact.
  CHECK(MustTake(w.Number("123456789012345678901234567890.123")) ==
        "123456789012345678901234567890.123");
}

TEST_CASE("JsonWriter escapes quotes, backslashes and control characters", "[json_writer]") {
  JsonWriter w;
  std::string s = "q\"b\\n\nr\rt\tb\bf\f";
  s += '\0';
  s += "\x01\x1f\x7f";
  CHECK(MustTake(w.String(s)) == R"("q\"b\\n\nr\rt\tb\bf\f\u0000\u0001\u001f)"
                                 "\x7f\"");
  // Keys are escaped the same way.
  CHECK(MustTake(w.BeginObject().Key("a\"\n").Int(1).EndObject()) == R"({"a\"\n":1})");
}

TEST_CASE("JsonWriter passes UTF-8 through and rejects invalid UTF-8", "[json_writer]") {
  JsonWriter w;
  CHECK(MustTake(w.String("é€😀")) == "\"é€😀\"");
  for (std::string bad : {"\xff", "a\xc3", "\xed\xa0\x80" /* surrogate */, "\xc0\xaf"}) {
    auto r = w.String(bad).Take();
    CHECK_FALSE(r.ok());
    CHECK(r.status().message().find("UTF-8") != std::string::npos);
    // The offending bytes are not echoed.
    CHECK(r.status().message().find(bad) == std::string::npos);
  }
  auto r = w.BeginObject().Key("\xff").Int(1).EndObject().Take();
  CHECK_FALSE(r.ok());
}

TEST_CASE("JsonWriter reports misuse and incomplete documents", "[json_writer]") {
  JsonWriter w;
  CHECK_FALSE(w.Take().ok());                                     // nothing written
  CHECK_FALSE(w.BeginObject().Take().ok());                       // unclosed
  CHECK_FALSE(w.BeginObject().Int(1).EndObject().Take().ok());    // value without key
  CHECK_FALSE(w.Key("a").Take().ok());                            // key outside object
  CHECK_FALSE(w.BeginArray().Key("a").Take().ok());               // key in array
  CHECK_FALSE(w.BeginObject().Key("a").EndObject().Take().ok());  // key without value
  CHECK_FALSE(w.BeginObject().Key("a").Key("b").Take().ok());
  CHECK_FALSE(w.BeginArray().EndObject().Take().ok());
  CHECK_FALSE(w.EndArray().Take().ok());
  CHECK_FALSE(w.Int(1).Int(2).Take().ok());  // two top-level values
  CHECK_FALSE(w.Number("01").Take().ok());
  CHECK_FALSE(w.Double(std::nan("")).Take().ok());
  CHECK_FALSE(w.Double(std::numeric_limits<double>::infinity()).Take().ok());
  // The first error sticks, later calls do nothing, and Take() resets.
  w.BeginArray().String("\xff").Int(1);
  CHECK_FALSE(w.ok());
  CHECK_FALSE(w.Take().ok());
  CHECK(w.ok());
  CHECK(MustTake(w.Int(7)) == "7");
}

TEST_CASE("JsonWriter::IsNumber follows the JSON grammar", "[json_writer]") {
  for (const char* good : {"0", "-0", "1", "-12", "1.5", "0.001", "1e5", "1E+5", "1e-05", "-0.0e0",
                           "123456789012345678901234567890.123"}) {
    INFO(good);
    CHECK(JsonWriter::IsNumber(good));
  }
  for (const char* bad : {"", "-", "+1", "01", "1.", ".5", "1e", "1e+", "0x10", "1 ", " 1",
                          "Infinity", "NaN", "1.2.3", "--1", "1e5.0"}) {
    INFO(bad);
    CHECK_FALSE(JsonWriter::IsNumber(bad));
  }
}

TEST_CASE("JsonWriter::Quote", "[json_writer]") {
  CHECK(JsonWriter::Quote("a\"b").value() == R"("a\"b")");
  CHECK(JsonWriter::Quote("").value() == R"("")");
  CHECK_FALSE(JsonWriter::Quote("\x80").ok());
}

TEST_CASE("the two escapings differ only where Go's encoding/json differs", "[base][json]") {
  std::string minimal, go;
  REQUIRE(AppendJsonString(minimal, "a<b>&c\xe2\x80\xa8\x01", JsonEscaping::kMinimal));
  REQUIRE(AppendJsonString(go, "a<b>&c\xe2\x80\xa8\x01", JsonEscaping::kGoHtmlSafe));
  CHECK(minimal == "\"a<b>&c\xe2\x80\xa8\\u0001\"");
  CHECK(go == R"("a\u003cb\u003e\u0026c\u2028\u0001")");
  std::string refused = "unchanged";
  CHECK_FALSE(AppendJsonString(refused, "bad \xff", JsonEscaping::kMinimal));
  CHECK(refused == "unchanged");
  std::string replaced;
  CHECK(AppendJsonString(replaced, "bad \xff", JsonEscaping::kGoHtmlSafe));
  CHECK(replaced == R"("bad \ufffd")");
}

}  // namespace
}  // namespace vers
