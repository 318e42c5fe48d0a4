#include "plugin/cty/type_json.h"

#include <catch2/catch.hpp>

namespace tfplugin::cty {
namespace {

Type Decode(std::string_view json) {
  Result<Type> r = DecodeTypeJson(json);
  INFO(json << ": " << r.status().message());
  REQUIRE(r.ok());
  return r.value();
}

TEST_CASE("Type JSON encodes like go-cty", "[type_json]") {
  CHECK(EncodeTypeJson(Type::String()) == R"("string")");
  CHECK(EncodeTypeJson(Type::Number()) == R"("number")");
  CHECK(EncodeTypeJson(Type::Bool()) == R"("bool")");
  CHECK(EncodeTypeJson(Type::Dynamic()) == R"("dynamic")");
  CHECK(EncodeTypeJson(Type::List(Type::String())) == R"(["list","string"])");
  CHECK(EncodeTypeJson(Type::Set(Type::Number())) == R"(["set","number"])");
  CHECK(EncodeTypeJson(Type::Map(Type::List(Type::Bool()))) == R"(["map",["list","bool"]])");
  CHECK(EncodeTypeJson(Type::Tuple({})) == R"(["tuple",[]])");
  CHECK(EncodeTypeJson(Type::Tuple({Type::String(), Type::Dynamic()})) ==
        R"(["tuple",["string","dynamic"]])");
  CHECK(EncodeTypeJson(Type::Object({})) == R"(["object",{}])");
  CHECK(EncodeTypeJson(Type::Object({{"b", Type::Number()}, {"a", Type::String()}})) ==
        R"(["object",{"a":"string","b":"number"}])");
  CHECK(EncodeTypeJson(Type::Object({{"b", Type::Number()}, {"a", Type::String()}}, {"b", "a"})) ==
        R"(["object",{"a":"string","b":"number"},["a","b"]])");
}

TEST_CASE("Type JSON escapes names as Go's encoding/json", "[type_json]") {
  auto name = [](std::string n) {
    std::string json = EncodeTypeJson(Type::Object({{n, Type::Bool()}}));
    return json.substr(11, json.size() - 11 - 9);  // between ["object",{ and :"bool"}]
  };
  CHECK(name("a\"b\\c") == R"("a\"b\\c")");
  CHECK(name("<&>") == R"("\u003c\u0026\u003e")");
  CHECK(name(std::string("\x01\b\f\n\r\t\x1f", 7)) == R"("\u0001\b\f\n\r\t\u001f")");
  CHECK(name("caf\xc3\xa9 \xe2\x80\xa8\xe2\x80\xa9") == "\"caf\xc3\xa9 \\u2028\\u2029\"");
  CHECK(name("bad\xff\xc3") == R"("bad\ufffd\ufffd")");
  CHECK(name("\xed\xa0\x80") == R"("\ufffd\ufffd\ufffd")");  // a surrogate is invalid
  CHECK(name("\xf0\x9f\x98\x80\x7f") == "\"\xf0\x9f\x98\x80\x7f\"");
  // Escaped names still decode to the original.
  for (std::string n : {"a\"b", "<&>", "x\ny", "\xe2\x80\xa8"}) {
    Type t = Type::Object({{n, Type::Bool()}});
    CHECK(Decode(EncodeTypeJson(t)) == t);
  }
}

TEST_CASE("Type JSON round trips", "[type_json]") {
  Type deep = Type::Object(
      {{"list", Type::List(Type::Set(Type::Map(Type::Number())))},
       {"tuple", Type::Tuple({Type::Bool(), Type::Dynamic(), Type::Object({})})},
       {"nested", Type::Object({{"x", Type::String()}, {"y", Type::Dynamic()}}, {"y"})}},
      {"tuple"});
  for (const Type& t : {Type::String(), Type::Number(), Type::Bool(), Type::Dynamic(),
                        Type::List(Type::Dynamic()), deep}) {
    CHECK(Decode(EncodeTypeJson(t)) == t);
  }
}

TEST_CASE("Type JSON decoding accepts whitespace and any member order", "[type_json]") {
  CHECK(Decode(" [ \"list\" , \"string\" ]\n") == Type::List(Type::String()));
  CHECK(Decode(R"(["object",{"b":"bool","a":["tuple",["number"]]},["b"]])") ==
        Type::Object({{"a", Type::Tuple({Type::Number()})}, {"b", Type::Bool()}}, {"b"}));
  CHECK(Decode(R"(["object",{},[]])") == Type::Object({}));
}

TEST_CASE("Type JSON decoding rejects malformed input", "[type_json]") {
  for (const char* bad : {
           "",
           "nope",
           "\"strin\"",
           "\"String\"",
           "42",
           "null",
           "{}",
           "[]",
           "[\"list\"]",
           "[\"list\",\"string\",\"string\"]",
           "[\"list\",null]",
           "[\"lisst\",\"string\"]",
           "[1,\"string\"]",
           "[\"tuple\",\"string\"]",
           "[\"tuple\",[\"string\",1]]",
           "[\"object\",[]]",
           "[\"object\",{\"a\":\"bogus\"}]",
           "[\"object\",{\"a\":\"string\"},[\"b\"]]",
           "[\"object\",{\"a\":\"string\"},[1]]",
           "[\"object\",{\"a\":\"string\"},\"a\"]",
           "[\"object\",{\"a\":\"string\"},[],[]]",
           "[\"object\",{\"a\":\"string\",\"a\":\"bool\"}]",
           "\"string\" \"string\"",
           "\"string\",",
           "[\"list\",\"string\"",
           "\"\xff\"",
       }) {
    INFO(bad);
    Result<Type> r = DecodeTypeJson(bad);
    CHECK_FALSE(r.ok());
    CHECK(r.status().message().rfind("invalid type JSON: ", 0) == 0);
  }
}

TEST_CASE("Type JSON decoding bounds nesting", "[type_json]") {
  auto nested = [](int depth) {
    std::string json;
    for (int i = 0; i < depth; ++i) json += "[\"list\",";
    json += "\"string\"";
    json.append(depth, ']');
    return json;
  };
  CHECK(DecodeTypeJson(nested(kMaxTypeJsonDepth)).ok());
  CHECK_FALSE(DecodeTypeJson(nested(kMaxTypeJsonDepth + 1)).ok());
  CHECK_FALSE(DecodeTypeJson(nested(100000)).ok());  // beyond simdjson's own limit too
  CHECK_FALSE(DecodeTypeJson(std::string(100000, '[')).ok());
}

}  // namespace
}  // namespace tfplugin::cty
