#include "plugin/cty/json.h"

#include <catch2/catch.hpp>

namespace tfplugin::cty {
namespace {

Value MustDecode(std::string_view json, const Type& type) {
  auto r = DecodeJson(json, type);
  INFO(json << " -> " << r.status().message());
  REQUIRE(r.ok());
  return r.value();
}

std::string MustEncode(const Value& v, const Type& type) {
  auto r = EncodeJson(v, type);
  INFO(DebugString(v) << " -> " << r.status().message());
  REQUIRE(r.ok());
  return r.value();
}

// The error message of decoding, which must fail.
std::string DecodeError(std::string_view json, const Type& type) {
  auto r = DecodeJson(json, type);
  INFO(json);
  REQUIRE_FALSE(r.ok());
  return r.status().message();
}

// Encodes `v` as `json`, and decodes `json` back to `v`.
void CheckRoundTrip(const Value& v, const Type& type, std::string_view json) {
  INFO(DebugString(v));
  CHECK(MustEncode(v, type) == json);
  Value back = MustDecode(json, type);
  INFO(DebugString(back));
  CHECK(back == v);
}

Number Num(std::string_view s) { return Number::Parse(s).value(); }

TEST_CASE("cty JSON: primitives and null", "[cty][json]") {
  CheckRoundTrip(Value::String("héllo \"x\"\n"), Type::String(), R"("héllo \"x\"\n")");
  CheckRoundTrip(Value::Int(-42), Type::Number(), "-42");
  CheckRoundTrip(Value::NumberVal(Num("0.5")), Type::Number(), "0.5");
  CheckRoundTrip(Value::Bool(true), Type::Bool(), "true");
  CheckRoundTrip(Value::Bool(false), Type::Bool(), "false");
  for (const Type& t : {Type::String(), Type::Number(), Type::Bool(), Type::List(Type::String()),
                        Type::Object({{"a", Type::String()}}), Type::Dynamic()}) {
    CheckRoundTrip(Value::Null(t), t, "null");
  }
  CHECK(MustDecode(" \n\t\"x\" \r\n", Type::String()) == Value::String("x"));
  CHECK(MustDecode(R"("\u00e9\ud83d\ude00\/")", Type::String()) == Value::String("é😀/"));
  CHECK_FALSE(DecodeJson(R"("\ud800")", Type::String()).ok());  // lone surrogate
  CHECK_FALSE(DecodeJson("\"\xff\"", Type::String()).ok());     // invalid UTF-8
}

TEST_CASE("cty JSON: numbers are exact and canonical", "[cty][json]") {
  const char* big = "123456789012345678901234567890.123";
  CheckRoundTrip(Value::NumberVal(Num(big)), Type::Number(), big);
  CheckRoundTrip(Value::NumberVal(Num("-0.000000000000000000000001")), Type::Number(),
                 "-0.000000000000000000000001");
  CheckRoundTrip(Value::NumberVal(Num("18446744073709551617")), Type::Number(),
                 "18446744073709551617");
  CHECK(MustDecode("1e3", Type::Number()) == Value::Int(1000));
  CHECK(MustEncode(MustDecode("1.50E+2", Type::Number()), Type::Number()) == "150");
  CHECK(MustEncode(MustDecode("-0.0", Type::Number()), Type::Number()) == "0");
  CHECK(MustEncode(MustDecode("0.1", Type::Number()), Type::Number()) == "0.1");
  CHECK(EncodeJson(Value::NumberVal(Number::Infinity(false)), Type::Number()).status().message() ==
        "cannot serialize infinity as JSON");
}

TEST_CASE("cty JSON: string/number/bool conversions follow go-cty", "[cty][json]") {
  CHECK(MustDecode(R"("12")", Type::Number()) == Value::Int(12));
  CHECK(MustDecode(R"("-1.5e1")", Type::Number()) == Value::Int(-15));
  CHECK(MustDecode(R"("Infinity")", Type::Number()) == Value::NumberVal(Number::Infinity(false)));
  CHECK(DecodeError(R"("twelve")", Type::Number()) == "a number is required");
  CHECK(DecodeError("true", Type::Number()) == "a number is required");
  CHECK(DecodeError("[]", Type::Number()) == "a number is required");

  CHECK(MustDecode(R"("true")", Type::Bool()) == Value::Bool(true));
  CHECK(MustDecode(R"("1")", Type::Bool()) == Value::Bool(true));
  CHECK(MustDecode(R"("false")", Type::Bool()) == Value::Bool(false));
  CHECK(MustDecode(R"("0")", Type::Bool()) == Value::Bool(false));
  CHECK(DecodeError(R"("True")", Type::Bool()) ==
        "a bool is required; to convert from string, use lowercase \"true\"");
  CHECK(DecodeError(R"("yes")", Type::Bool()) == "a bool is required");
  CHECK(DecodeError("1", Type::Bool()) == "a bool is required");

  // A number keeps its JSON text; bools become "true"/"false".
  CHECK(MustDecode("1.50e3", Type::String()) == Value::String("1.50e3"));
  CHECK(MustDecode("true", Type::String()) == Value::String("true"));
  CHECK(MustDecode("false", Type::String()) == Value::String("false"));
  CHECK(DecodeError("{}", Type::String()) == "a string is required");
}

TEST_CASE("cty JSON: collections and structures round-trip", "[cty][json]") {
  Type ls = Type::List(Type::String());
  CheckRoundTrip(Value::List(Type::String(), {Value::String("a"), Value::Null(Type::String())}), ls,
                 R"(["a",null])");
  CheckRoundTrip(Value::List(Type::String(), {}), ls, "[]");
  Type sn = Type::Set(Type::Number());
  CheckRoundTrip(Value::Set(Type::Number(), {Value::Int(1), Value::Int(2)}), sn, "[1,2]");
  CHECK(MustDecode("[1, 1.0, 2]", sn) ==
        Value::Set(Type::Number(), {Value::Int(1), Value::Int(2)}));
  Type mb = Type::Map(Type::Bool());
  CheckRoundTrip(Value::Map(Type::Bool(), {{"b", Value::Bool(true)}, {"a", Value::Bool(false)}}),
                 mb, R"({"a":false,"b":true})");
  CheckRoundTrip(Value::Map(Type::Bool(), {}), mb, "{}");
  Type tup = Type::Tuple({Type::String(), Type::Number()});
  CheckRoundTrip(Value::Tuple({Value::String("x"), Value::Int(1)}), tup, R"(["x",1])");
  CheckRoundTrip(Value::Tuple({}), Type::Tuple({}), "[]");

  Type inner = Type::Object({{"n", Type::Number()}, {"tags", Type::Map(Type::String())}});
  Type outer = Type::Object({{"id", Type::String()},
                             {"items", Type::List(inner)},
                             {"s", Type::Set(Type::List(Type::Bool()))},
                             {"empty", Type::Object({})}});
  Value item = Value::Object(
      {{"n", Value::Int(3)}, {"tags", Value::Map(Type::String(), {{"k\"", Value::String("v")}})}});
  Value v = Value::Object({{"id", Value::String("i-1")},
                           {"items", Value::List(inner, {item, Value::Null(inner)})},
                           {"s", Value::Set(Type::List(Type::Bool()),
                                            {Value::List(Type::Bool(), {Value::Bool(true)})})},
                           {"empty", Value::Object({})}});
  CheckRoundTrip(v, outer,
                 R"({"empty":{},"id":"i-1","items":[{"n":3,"tags":{"k\"":"v"}},null],)"
                 R"("s":[[true]]})");
}

TEST_CASE("cty JSON: objects", "[cty][json]") {
  Type t = Type::Object({{"a", Type::String()}, {"b", Type::Number()}});
  // Missing attributes decode as null; encoding always writes every attribute.
  Value v = MustDecode(R"({"a":"x"})", t);
  CHECK(v == Value::Object({{"a", Value::String("x")}, {"b", Value::Null(Type::Number())}}));
  CHECK(MustEncode(v, t) == R"({"a":"x","b":null})");
  CHECK(MustEncode(Value::ObjectOfType(t, {{"a", Value::String("x")}}), t) ==
        R"({"a":"x","b":null})");
  // Unknown attributes are an error naming them (at the object's path).
  CHECK(DecodeError(R"({"a":"x","zzz":1})", t) == "unsupported attribute \"zzz\"");
  CHECK(DecodeError(R"({"o":{"q":1}})", Type::Object({{"o", Type::Object({})}})) ==
        "at .o: unsupported attribute \"q\"");
  // As in Go, a repeated member keeps the last value.
  CHECK(MustDecode(R"({"a":"1","a":"2"})", t).GetAttr("a") == Value::String("2"));
  // Encoding refuses values that do not fit the type.
  CHECK_FALSE(EncodeJson(Value::Object({{"c", Value::Int(1)}}), t).ok());
  CHECK(EncodeJson(Value::Object({{"a", Value::Int(1)}}), t).status().message() ==
        "at .a: a number value cannot be encoded as string");
}

TEST_CASE("cty JSON: lenient decoding drops removed attributes", "[cty][json]") {
  Type t = Type::Object(
      {{"a", Type::String()}, {"nested", Type::List(Type::Object({{"keep", Type::Bool()}}))}});
  std::string_view json =
      R"({"gone":{"deep":[1,{"x":null}]},"a":"x","nested":[{"keep":true,"old":"y"}],"z":1})";
  CHECK(DecodeError(json, t) == "unsupported attribute \"gone\"");
  auto r = DecodeJsonLenient(json, t);
  REQUIRE(r.ok());
  CHECK(r.value() ==
        Value::Object({{"a", Value::String("x")},
                       {"nested", Value::List(Type::Object({{"keep", Type::Bool()}}),
                                              {Value::Object({{"keep", Value::Bool(true)}})})}}));
  // Dropped members must still be well-formed JSON.
  CHECK_FALSE(DecodeJsonLenient(R"({"gone":[1,}],"a":"x"})", t).ok());
  CHECK_FALSE(DecodeJsonLenient(R"({"gone":01,"a":"x"})", t).ok());
  CHECK_FALSE(DecodeJsonLenient(R"({"gone":nul,"a":"x"})", t).ok());
}

TEST_CASE("cty JSON: dynamic positions carry their type", "[cty][json]") {
  Type d = Type::Dynamic();
  CheckRoundTrip(Value::String("x"), d, R"({"value":"x","type":"string"})");
  CheckRoundTrip(Value::Null(Type::String()), d, R"({"value":null,"type":"string"})");
  CheckRoundTrip(Value::Null(d), d, "null");
  CheckRoundTrip(Value::List(Type::Number(), {Value::Int(1)}), d,
                 R"({"value":[1],"type":["list","number"]})");
  Type t = Type::Object({{"any", d}, {"n", Type::Number()}});
  CheckRoundTrip(
      Value::Object({{"any", Value::Object({{"k", Value::Bool(true)}})}, {"n", Value::Int(1)}}), t,
      R"({"any":{"value":{"k":true},"type":["object",{"k":"bool"}]},"n":1})");
  CheckRoundTrip(Value::Object({{"any", Value::Null(d)}, {"n", Value::Int(1)}}), t,
                 R"({"any":null,"n":1})");
  // Members in either order; the type may itself be dynamic.
  CHECK(MustDecode(R"({"type":"number","value":"7"})", d) == Value::Int(7));
  CHECK(MustDecode(R"({"type":"dynamic","value":{"value":true,"type":"bool"}})", d) ==
        Value::Bool(true));
  CHECK(DecodeError(R"({"value":1})", d) == "missing type in dynamically-typed value");
  CHECK(DecodeError(R"({"type":"number"})", d) == "missing value in dynamically-typed value");
  CHECK(DecodeError(R"({"type":"number","value":1,"x":2})", d) ==
        "invalid key \"x\" in dynamically-typed value");
  CHECK(DecodeError(R"({"type":"nope","value":1})", d).find("failed to decode type") == 0);
  CHECK(DecodeError(R"("x")", d) == "a JSON object is required for a dynamically-typed value");
  CHECK(DecodeError(R"({"type":"number","value":"x"})", d) == "a number is required");
  CHECK_FALSE(DecodeJson(R"({"type":"number","value":1 2})", d).ok());
  // Collections of dynamic take their elements' (single) type.
  Type ld = Type::List(d);
  Value l = MustDecode(R"([{"value":"a","type":"string"},null])", ld);
  CHECK(l == Value::List(Type::String(), {Value::String("a"), Value::Null(Type::String())}));
  CHECK(MustDecode("[null]", ld) == Value::List(d, {Value::Null(d)}));
  CHECK(DecodeError(R"({"a":{"value":"a","type":"string"},"b":{"value":1,"type":"number"}})",
                    Type::Map(d))
            .find("all elements must have the same type") != std::string::npos);
}

TEST_CASE("cty JSON: unknown values cannot be encoded", "[cty][json]") {
  Type t = Type::Object({{"tags", Type::Map(Type::String())}});
  Value v = Value::Object(
      {{"tags", Value::Map(Type::String(), {{"x", Value::Unknown(Type::String())}})}});
  CHECK(EncodeJson(v, t).status().message() == "at .tags[\"x\"]: value is not known");
  CHECK(EncodeJson(Value::Unknown(Type::Dynamic()), Type::Dynamic()).status().message() ==
        "value is not known");
  CHECK(EncodeJson(Value::List(Type::Number(), {Value::Int(1), Value::Unknown(Type::Number())}),
                   Type::List(Type::Number()))
            .status()
            .message() == "at [1]: value is not known");
}

TEST_CASE("cty JSON: errors carry the path", "[cty][json]") {
  Type t = Type::Object({{"tags", Type::Map(Type::Bool())}, {"l", Type::List(Type::Number())}});
  CHECK(DecodeError(R"({"tags":{"x":"maybe"}})", t) == "at .tags[\"x\"]: a bool is required");
  CHECK(DecodeError(R"({"l":[1,"two"]})", t) == "at .l[1]: a number is required");
  CHECK(DecodeError(R"({"l":{}})", t) == "at .l: a JSON array is required for a list of number");
  Type tup = Type::Tuple({Type::String()});
  CHECK(DecodeError(R"(["a","b"])", tup) == "too many tuple elements (need 1)");
  CHECK(DecodeError("[]", tup) == "not enough tuple elements (need 1)");
  CHECK(EncodeJson(Value::String("\xff"), Type::String()).status().message() ==
        "string is not valid UTF-8");
}

TEST_CASE("cty JSON: malformed input is an error, not a crash", "[cty][json]") {
  Type obj = Type::Object({{"a", Type::List(Type::String())}, {"d", Type::Dynamic()}});
  for (const Type& t : {Type::String(), Type::Number(), Type::Bool(), Type::Map(Type::String()),
                        Type::List(Type::Number()), obj, Type::Dynamic()}) {
    for (std::string_view bad : {"",
                                 " ",
                                 "{",
                                 "[",
                                 "}",
                                 "]",
                                 "[1,]",
                                 "[1 2]",
                                 "{\"a\":}",
                                 "{\"a\" 1}",
                                 "{\"a\":1,}",
                                 "nul",
                                 "nulll",
                                 "tru",
                                 "falsey",
                                 "01",
                                 "1.",
                                 "+1",
                                 ".5",
                                 "-",
                                 "1e",
                                 "NaN",
                                 "Infinity",
                                 "\"abc",
                                 "\"\\x\"",
                                 "\"\xff\"",
                                 "\"a\tb\"",
                                 "[1] [2]",
                                 "{} {}",
                                 "1 2",
                                 "null null",
                                 "\"a\" \"b\"",
                                 "{\"a\":[\"x\"]}]",
                                 "[[[]]",
                                 "{\"d\":{\"value\":1,\"type\":[\"list\"]}}",
                                 "\0",
                                 "{\"a\":[\"x\"],}",
                                 "[\"x\"]]",
                                 "{\"a\":\"x\"y}",
                                 "[\"x\"1]",
                                 "[1x]",
                                 "{\"a\":1x}",
                                 "[truex]",
                                 "{\"a\":nullx}",
                                 "[\"x\" \"y\"]",
                                 "{\"a\" \"b\"}",
                                 "{\"a\":[\"x\"] \"d\":null}",
                                 "{1:2}",
                                 "[\"\\ud800\"]"}) {
      INFO("type " << t.FriendlyName() << " input " << bad);
      CHECK_FALSE(DecodeJson(bad, t).ok());
      CHECK_FALSE(DecodeJsonLenient(bad, t).ok());
    }
  }
}

TEST_CASE("cty JSON: nesting depth is limited", "[cty][json]") {
  Type t = Type::String();
  for (int i = 0; i < kMaxJsonDepth; ++i) t = Type::List(t);
  std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  Value v = MustDecode(ok, t);
  CHECK(MustEncode(v, t) == ok);
  Type deeper = Type::List(t);
  std::string too_deep = "[" + ok + "]";
  CHECK(DecodeError(too_deep, deeper).find("nested more than 64 levels deep") != std::string::npos);
  CHECK_FALSE(EncodeJson(Value::List(t, {v}), deeper).ok());
  // Dynamic wrappers count as nesting too, so hostile dynamic chains stop.
  std::string chain;
  for (int i = 0; i < 100; ++i) chain += R"({"type":"dynamic","value":)";
  chain += "null" + std::string(100, '}');
  CHECK_FALSE(DecodeJson(chain, Type::Dynamic()).ok());
  std::string deep_lenient = R"({"gone":)" + std::string(100, '[') + std::string(100, ']') + "}";
  CHECK_FALSE(DecodeJsonLenient(deep_lenient, Type::Object({})).ok());
}

}  // namespace
}  // namespace tfplugin::cty
