#include "plugin/cty/msgpack.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <initializer_list>
#include <limits>

#include "plugin/cty/type_json.h"

namespace tfplugin::cty {
namespace {

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out += static_cast<char>(b);
  return out;
}

std::string Hex(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : s) {
    out += kHex[static_cast<uint8_t>(c) >> 4];
    out += kHex[static_cast<uint8_t>(c) & 0xf];
    out += ' ';
  }
  return out;
}

std::string Encode(const Value& v, const Type& t) {
  Result<std::string> r = EncodeMsgpack(v, t);
  INFO(DebugString(v) << ": " << r.status().message());
  REQUIRE(r.ok());
  return r.value();
}

Value Decode(std::string_view bytes, const Type& t) {
  Result<Value> r = DecodeMsgpack(bytes, t);
  INFO(Hex(bytes) << ": " << r.status().message());
  REQUIRE(r.ok());
  return r.value();
}

std::string DecodeError(std::string_view bytes, const Type& t) {
  Result<Value> r = DecodeMsgpack(bytes, t);
  INFO(Hex(bytes));
  REQUIRE_FALSE(r.ok());
  return r.status().message();
}

// Checks both directions against bytes derived from the go-cty encoding.
void CheckGolden(const Value& v, const Type& t, const std::string& bytes) {
  INFO(DebugString(v) << " as " << t.FriendlyName());
  CHECK(Hex(Encode(v, t)) == Hex(bytes));
  CHECK(Decode(bytes, t) == v);
}

// decode(encode(v)) == v, and re-encoding gives the same bytes.
void CheckRoundTrip(const Value& v, const Type& t) {
  INFO(DebugString(v) << " as " << t.FriendlyName());
  std::string bytes = Encode(v, t);
  Value back = Decode(bytes, t);
  CHECK(back == v);
  CHECK(Hex(Encode(back, t)) == Hex(bytes));
}

Number N(std::string_view text) { return Number::Parse(text).value(); }
Value Num(std::string_view text) { return Value::NumberVal(N(text)); }

const std::string kStringJson = "\"string\"";

TEST_CASE("msgpack primitives match go-cty bytes", "[msgpack]") {
  CheckGolden(Value::String("hello"), Type::String(), Bytes({0xa5, 'h', 'e', 'l', 'l', 'o'}));
  CheckGolden(Value::String(""), Type::String(), Bytes({0xa0}));
  CheckGolden(Value::String(std::string(31, 'x')), Type::String(),
              Bytes({0xbf}) + std::string(31, 'x'));
  CheckGolden(Value::String(std::string(32, 'x')), Type::String(),
              Bytes({0xd9, 32}) + std::string(32, 'x'));
  CheckGolden(Value::String(std::string(256, 'x')), Type::String(),
              Bytes({0xda, 1, 0}) + std::string(256, 'x'));
  CheckGolden(Value::String(std::string(65536, 'x')), Type::String(),
              Bytes({0xdb, 0, 1, 0, 0}) + std::string(65536, 'x'));
  CheckGolden(Value::Bool(true), Type::Bool(), Bytes({0xc3}));
  CheckGolden(Value::Bool(false), Type::Bool(), Bytes({0xc2}));
  CheckGolden(Value::Null(Type::String()), Type::String(), Bytes({0xc0}));
  CheckGolden(Value::Null(Type::List(Type::Number())), Type::List(Type::Number()), Bytes({0xc0}));
}

TEST_CASE("msgpack numbers match go-cty bytes", "[msgpack]") {
  const Type n = Type::Number();
  CheckGolden(Value::Int(0), n, Bytes({0x00}));
  CheckGolden(Value::Int(127), n, Bytes({0x7f}));
  CheckGolden(Value::Int(128), n, Bytes({0xcc, 0x80}));
  CheckGolden(Value::Int(256), n, Bytes({0xcd, 0x01, 0x00}));
  CheckGolden(Value::Int(65536), n, Bytes({0xce, 0x00, 0x01, 0x00, 0x00}));
  CheckGolden(Value::Int(int64_t{1} << 32), n, Bytes({0xcf, 0, 0, 0, 1, 0, 0, 0, 0}));
  CheckGolden(Value::Int(-1), n, Bytes({0xff}));
  CheckGolden(Value::Int(-32), n, Bytes({0xe0}));
  CheckGolden(Value::Int(-33), n, Bytes({0xd0, 0xdf}));
  CheckGolden(Value::Int(-129), n, Bytes({0xd1, 0xff, 0x7f}));
  CheckGolden(Value::Int(-32769), n, Bytes({0xd2, 0xff, 0xff, 0x7f, 0xff}));
  CheckGolden(Value::Int(std::numeric_limits<int64_t>::min()), n,
              Bytes({0xd3, 0x80, 0, 0, 0, 0, 0, 0, 0}));
  CheckGolden(Value::Int(std::numeric_limits<int64_t>::max()), n,
              Bytes({0xcf, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
  // Non-integers a float64 holds exactly travel as float64.
  CheckGolden(Num("0.5"), n, Bytes({0xcb, 0x3f, 0xe0, 0, 0, 0, 0, 0, 0}));
  CheckGolden(Num("-2.25"), n, Bytes({0xcb, 0xc0, 0x02, 0, 0, 0, 0, 0, 0}));
  // Decimal 0.1 is not a double: go-cty sends its text.
  CheckGolden(Num("0.1"), n, Bytes({0xa3, '0', '.', '1'}));
  // Integers beyond int64 go as text, even when a double could hold them.
  CheckGolden(Num("9223372036854775808"), n, Bytes({0xb3}) + "9223372036854775808");
  CheckGolden(Num("1180591620717411303424"), n, Bytes({0xb6}) + "1180591620717411303424");
  CheckGolden(Num("1e30"), n, Bytes({0xbf}) + "1000000000000000000000000000000");
  CheckGolden(Value::NumberVal(Number::Infinity(false)), n,
              Bytes({0xcb, 0x7f, 0xf0, 0, 0, 0, 0, 0, 0}));
  CheckGolden(Value::NumberVal(Number::Infinity(true)), n,
              Bytes({0xcb, 0xff, 0xf0, 0, 0, 0, 0, 0, 0}));
  // The exact binary value of the double 0.1, as Go decodes a float64 0.1.
  Value double_point_one = Value::NumberVal(Number::FromDouble(0.1).value());
  CheckGolden(double_point_one, n, Bytes({0xcb, 0x3f, 0xb9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a}));
}

// NumberEncoding::kDecimalText: what the provider sends Terraform. go-cty
// decodes a str number with cty.ParseNumberVal, as it decodes a number of
// JSON state (go-cty cty/msgpack/unmarshal.go, cty/json/unmarshal.go), so
// Terraform v1.11's reflect.DeepEqual of states sees no difference (see
// src/plugin/wire/convert.cc).
std::string EncodeText(const Value& v, const Type& t) {
  Result<std::string> r = EncodeMsgpack(v, t, NumberEncoding::kDecimalText);
  INFO(DebugString(v) << ": " << r.status().message());
  REQUIRE(r.ok());
  return r.value();
}

TEST_CASE("msgpack decimal-text numbers are the text JSON state holds", "[msgpack]") {
  const Type n = Type::Number();
  CHECK(Hex(EncodeText(Value::Int(0), n)) == Hex(Bytes({0xa1, '0'})));
  CHECK(Hex(EncodeText(Value::Int(512), n)) == Hex(Bytes({0xa3, '5', '1', '2'})));
  CHECK(Hex(EncodeText(Value::Int(-33), n)) == Hex(Bytes({0xa3, '-', '3', '3'})));
  CHECK(Hex(EncodeText(Num("0.5"), n)) == Hex(Bytes({0xa3, '0', '.', '5'})));
  CHECK(Hex(EncodeText(Num("1e30"), n)) == Hex(Bytes({0xbf}) + "1000000000000000000000000000000"));
  // JSON cannot hold infinities; they stay float64 as go-cty writes them.
  CHECK(Hex(EncodeText(Value::NumberVal(Number::Infinity(true)), n)) ==
        Hex(Bytes({0xcb, 0xff, 0xf0, 0, 0, 0, 0, 0, 0})));
  // Numbers anywhere inside, and they decode to the same values.
  const Type t =
      Type::Object({{"sizes", Type::Map(n)}, {"ports", Type::List(n)}, {"name", Type::String()}});
  Value v = Value::ObjectOfType(t, {{"sizes", Value::Map(n, {{"mem", Value::Int(2048)}})},
                                    {"ports", Value::List(n, {Value::Int(22), Num("0.25")})},
                                    {"name", Value::String("12")}});
  std::string bytes = EncodeText(v, t);
  CHECK(bytes.find(Bytes({0xa4}) + "2048") != std::string::npos);
  CHECK(bytes.find(Bytes({0xa2}) + "22") != std::string::npos);
  CHECK(bytes.find(Bytes({0xa4}) + "0.25") != std::string::npos);
  CHECK(Decode(bytes, t) == v);
  // Unknowns' refinements keep go-cty's encoding.
  Refinements r;
  r.is_null = false;
  r.number_lower = Number::FromInt(1);
  Value refined = Value::Unknown(n, r);
  CHECK(Hex(EncodeText(refined, n)) == Hex(Encode(refined, n)));
}

TEST_CASE("msgpack decodes every number width Go may produce", "[msgpack]") {
  const Type n = Type::Number();
  CHECK(Decode(Bytes({0xcc, 0xff}), n) == Value::Int(255));
  CHECK(Decode(Bytes({0xcd, 0xff, 0xff}), n) == Value::Int(65535));
  CHECK(Decode(Bytes({0xce, 0xff, 0xff, 0xff, 0xff}), n) == Value::Int(4294967295));
  CHECK(Decode(Bytes({0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}), n) ==
        Num("18446744073709551615"));
  CHECK(Decode(Bytes({0xd0, 0x80}), n) == Value::Int(-128));
  CHECK(Decode(Bytes({0xd0, 0x05}), n) == Value::Int(5));
  CHECK(Decode(Bytes({0xd1, 0x80, 0x00}), n) == Value::Int(-32768));
  CHECK(Decode(Bytes({0xd2, 0x80, 0, 0, 0}), n) == Value::Int(std::numeric_limits<int32_t>::min()));
  CHECK(Decode(Bytes({0xd3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe}), n) == Value::Int(-2));
  CHECK(Decode(Bytes({0xca, 0x3f, 0xc0, 0, 0}), n) == Num("1.5"));  // float32
  CHECK(Decode(Bytes({0xca, 0x3d, 0xcc, 0xcc, 0xcd}), n) ==         // float32 0.1
        Value::NumberVal(Number::FromDouble(static_cast<double>(0.1f)).value()));
  CHECK(Decode(Bytes({0xca, 0xff, 0x80, 0, 0}), n) == Value::NumberVal(Number::Infinity(true)));
  CHECK(Decode(Bytes({0xcb, 0x40, 0x59, 0, 0, 0, 0, 0, 0}), n) == Value::Int(100));  // float 100
  CHECK(Decode(Bytes({0xd9, 3, '1', 'e', '3'}), n) == Value::Int(1000));
  CHECK(Decode(Bytes({0xc4, 2, '-', '7'}), n) == Value::Int(-7));  // bin works as str
  CHECK(Decode(Bytes({0xa8}) + "Infinity", n) == Value::NumberVal(Number::Infinity(false)));
  // Re-encoding uses go-cty's canonical forms.
  CHECK(Hex(Encode(Decode(Bytes({0xcb, 0x40, 0x59, 0, 0, 0, 0, 0, 0}), n), n)) ==
        Hex(Bytes({0x64})));
}

TEST_CASE("msgpack collections match go-cty bytes", "[msgpack]") {
  const Type s = Type::String();
  CheckGolden(Value::List(s, {Value::String("a"), Value::String("b")}), Type::List(s),
              Bytes({0x92, 0xa1, 'a', 0xa1, 'b'}));
  CheckGolden(Value::List(s, {}), Type::List(s), Bytes({0x90}));
  CheckGolden(Value::Set(s, {}), Type::Set(s), Bytes({0x90}));
  CheckGolden(Value::Set(Type::Number(), {Value::Int(1)}), Type::Set(Type::Number()),
              Bytes({0x91, 0x01}));
  CheckGolden(Value::Map(s, {}), Type::Map(s), Bytes({0x80}));
  CheckGolden(Value::Map(s, {{"b", Value::String("2")}, {"a", Value::Null(s)}}), Type::Map(s),
              Bytes({0x82, 0xa1, 'a', 0xc0, 0xa1, 'b', 0xa1, '2'}));
  Type tuple = Type::Tuple({s, Type::Number(), Type::Bool()});
  CheckGolden(Value::Tuple({Value::String("x"), Value::Int(1), Value::Bool(true)}), tuple,
              Bytes({0x93, 0xa1, 'x', 0x01, 0xc3}));
  CheckGolden(Value::Tuple({}), Type::Tuple({}), Bytes({0x90}));
  // 16 and 65536 elements need array 16 / array 32 headers.
  Value::Elements sixteen(16, Value::Bool(true));
  CheckGolden(Value::List(Type::Bool(), sixteen), Type::List(Type::Bool()),
              Bytes({0xdc, 0x00, 0x10}) + std::string(16, '\xc3'));
  Value::Elements many(65536, Value::Bool(false));
  CheckGolden(Value::List(Type::Bool(), many), Type::List(Type::Bool()),
              Bytes({0xdd, 0x00, 0x01, 0x00, 0x00}) + std::string(65536, '\xc2'));
  Value::Attributes wide;
  std::string wide_bytes = Bytes({0xde, 0x00, 0x10});
  for (char c = 'a'; c < 'a' + 16; ++c) {
    wide.emplace(std::string(1, c), Value::Bool(true));
    wide_bytes += Bytes({0xa1, c, 0xc3});
  }
  CheckGolden(Value::Map(Type::Bool(), wide), Type::Map(Type::Bool()), wide_bytes);
}

TEST_CASE("msgpack objects write every attribute in byte order", "[msgpack]") {
  Type t = Type::Object({{"b", Type::Number()}, {"a", Type::String()}, {"c", Type::Bool()}});
  Value full = Value::ObjectOfType(
      t, {{"a", Value::String("x")}, {"b", Value::Int(1)}, {"c", Value::Null(Type::Bool())}});
  std::string bytes = Bytes({0x83, 0xa1, 'a', 0xa1, 'x', 0xa1, 'b', 0x01, 0xa1, 'c', 0xc0});
  CheckGolden(full, t, bytes);
  // Attributes the value lacks are written as null.
  CHECK(Hex(Encode(Value::Object({{"a", Value::String("x")}, {"b", Value::Int(1)}}), t)) ==
        Hex(bytes));
  // And absent attributes decode as null; the result has the schema's type.
  Value partial = Decode(Bytes({0x81, 0xa1, 'b', 0x01}), t);
  CHECK(partial.type() == t);
  CHECK(partial.GetAttr("a") == Value::Null(Type::String()));
  CHECK(partial.GetAttr("b") == Value::Int(1));
  CHECK(Decode(Bytes({0x80}), t).GetAttr("c") == Value::Null(Type::Bool()));
  // Repeated keys keep the last value, as Go does.
  CHECK(Decode(Bytes({0x82, 0xa1, 'b', 0x01, 0xa1, 'b', 0x02}), t).GetAttr("b") == Value::Int(2));
  CheckGolden(Value::ObjectOfType(Type::Object({}), {}), Type::Object({}), Bytes({0x80}));
}

TEST_CASE("msgpack nested values round trip", "[msgpack]") {
  Type inner = Type::Object({{"name", Type::String()}, {"ports", Type::List(Type::Number())}});
  Type t = Type::Object({
      {"id", Type::String()},
      {"tags", Type::Map(Type::String())},
      {"rules", Type::Set(inner)},
      {"pair", Type::Tuple({Type::Bool(), inner})},
      {"matrix", Type::List(Type::List(Type::Number()))},
  });
  Value rule = Value::ObjectOfType(
      inner, {{"name", Value::String("web")},
              {"ports", Value::List(Type::Number(), {Value::Int(80), Num("443"), Num("0.25")})}});
  Value other =
      Value::ObjectOfType(inner, {{"name", Value::Null(Type::String())},
                                  {"ports", Value::Unknown(inner.attributes().at("ports"))}});
  Value v = Value::ObjectOfType(
      t, {{"id", Value::String("i-123")},
          {"tags", Value::Map(Type::String(), {{"env", Value::String("prod")},
                                               {"empty", Value::String("")},
                                               {"x", Value::Unknown(Type::String())}})},
          {"rules", Value::Set(inner, {rule, other})},
          {"pair", Value::Tuple({Value::Bool(false), rule})},
          {"matrix", Value::List(Type::List(Type::Number()),
                                 {Value::List(Type::Number(), {}),
                                  Value::List(Type::Number(), {Num("1e40"), Num("-0.1")})})}});
  CheckRoundTrip(v, t);
  CheckRoundTrip(Value::Null(t), t);
  CheckRoundTrip(Value::Unknown(t), t);
}

TEST_CASE("msgpack unknowns match go-cty bytes", "[msgpack]") {
  const std::string plain = Bytes({0xd4, 0x00, 0x00});
  CheckGolden(Value::Unknown(Type::String()), Type::String(), plain);
  CheckGolden(Value::Unknown(Type::List(Type::String())), Type::List(Type::String()), plain);
  CheckGolden(Value::Unknown(Type::Dynamic()), Type::Dynamic(), plain);

  Refinements not_null;
  not_null.is_null = false;
  CheckGolden(Value::Unknown(Type::Bool(), not_null), Type::Bool(),
              Bytes({0xc7, 0x03, 0x0c, 0x81, 0x01, 0xc2}));

  Refinements prefix;
  prefix.is_null = false;
  prefix.string_prefix = "ab";
  CheckGolden(Value::Unknown(Type::String(), prefix), Type::String(),
              Bytes({0xc7, 0x07, 0x0c, 0x82, 0x01, 0xc2, 0x02, 0xa2, 'a', 'b'}));

  // A four-byte body uses fixext4.
  Refinements short_prefix;
  short_prefix.string_prefix = "a";
  CheckGolden(Value::Unknown(Type::String(), short_prefix), Type::String(),
              Bytes({0xd6, 0x0c, 0x81, 0x02, 0xa1, 'a'}));

  Refinements bounds;
  bounds.is_null = false;
  bounds.number_lower = N("0");
  bounds.number_upper = N("10");
  bounds.number_upper_inclusive = false;
  CheckGolden(
      Value::Unknown(Type::Number(), bounds), Type::Number(),
      Bytes({0xc7, 0x0b, 0x0c, 0x83, 0x01, 0xc2, 0x03, 0x92, 0x00, 0xc3, 0x04, 0x92, 0x0a, 0xc2}));

  // Bounds use the number encoding: float64 and text.
  Refinements odd_bounds;
  odd_bounds.number_lower = N("0.5");
  odd_bounds.number_lower_inclusive = false;
  odd_bounds.number_upper = N("1.1");
  CheckGolden(Value::Unknown(Type::Number(), odd_bounds), Type::Number(),
              Bytes({0xc7, 0x14, 0x0c, 0x82, 0x03, 0x92, 0xcb, 0x3f, 0xe0, 0,   0,   0,
                     0,    0,    0,    0xc2, 0x04, 0x92, 0xa3, '1',  '.',  '1', 0xc3}));

  Refinements lengths;
  lengths.is_null = false;
  lengths.length_lower = 1;
  lengths.length_upper = 5;
  Type list = Type::List(Type::String());
  CheckGolden(Value::Unknown(list, lengths), list,
              Bytes({0xc7, 0x07, 0x0c, 0x83, 0x01, 0xc2, 0x05, 0x01, 0x06, 0x05}));
  Refinements big_length;
  big_length.length_lower = 300;
  CheckGolden(Value::Unknown(Type::Map(Type::Bool()), big_length), Type::Map(Type::Bool()),
              Bytes({0xc7, 0x05, 0x0c, 0x81, 0x05, 0xcd, 0x01, 0x2c}));
}

TEST_CASE("msgpack refinements that say nothing are not written", "[msgpack]") {
  const std::string plain = Bytes({0xd4, 0x00, 0x00});
  Refinements r;
  r.number_lower = Number::Infinity(true);
  r.number_upper = Number::Infinity(false);
  CHECK(Hex(Encode(Value::Unknown(Type::Number(), r), Type::Number())) == Hex(plain));
  Refinements len;
  len.length_lower = 0;
  len.length_upper = std::numeric_limits<int64_t>::max();
  CHECK(Hex(Encode(Value::Unknown(Type::Set(Type::Bool()), len), Type::Set(Type::Bool()))) ==
        Hex(plain));
  // Refinements that do not apply to the position's type are dropped.
  Refinements prefix;
  prefix.string_prefix = "x";
  CHECK(Hex(Encode(Value::Unknown(Type::Number(), prefix), Type::Number())) == Hex(plain));
  // Dynamic positions never carry refinements.
  Refinements not_null;
  not_null.is_null = false;
  CHECK(Hex(Encode(Value::Unknown(Type::Dynamic(), not_null), Type::Dynamic())) == Hex(plain));
  // "Definitely null" is just null.
  Refinements is_null;
  is_null.is_null = true;
  CHECK(Hex(Encode(Value::Unknown(Type::String(), is_null), Type::String())) == Hex(Bytes({0xc0})));
  CHECK(Decode(Bytes({0xc7, 0x03, 0x0c, 0x81, 0x01, 0xc3}), Type::String()) ==
        Value::Null(Type::String()));
}

TEST_CASE("msgpack decodes unknowns leniently where go-cty does", "[msgpack]") {
  const Type s = Type::String();
  // Empty or one-byte extensions of any type code are plain unknowns.
  CHECK(Decode(Bytes({0xc7, 0x00, 0x00}), s) == Value::Unknown(s));
  CHECK(Decode(Bytes({0xd4, 0x05, 0x42}), s) == Value::Unknown(s));
  // Unknown refinement keys are skipped, including nested values.
  Refinements not_null;
  not_null.is_null = false;
  CHECK(Decode(Bytes({0xc7, 0x07, 0x0c, 0x82, 0x09, 0x92, 0x80, 0x01, 0x01, 0xc2}), s) ==
        Value::Unknown(s, not_null));
  // Trailing bytes inside the extension body are reserved and ignored.
  CHECK(Decode(Bytes({0xc7, 0x05, 0x0c, 0x81, 0x01, 0xc2, 0xff, 0xff}), s) ==
        Value::Unknown(s, not_null));
  // At a Dynamic position refinements are ignored (after checking the map).
  CHECK(Decode(Bytes({0xc7, 0x03, 0x0c, 0x81, 0x01, 0xc2}), Type::Dynamic()) ==
        Value::Unknown(Type::Dynamic()));
  // A -Infinity lower bound or zero length lower bound says nothing.
  CHECK(
      Decode(Bytes({0xc7, 0x0d, 0x0c, 0x81, 0x03, 0x92, 0xcb, 0xff, 0xf0, 0, 0, 0, 0, 0, 0, 0xc3}),
             Type::Number()) == Value::Unknown(Type::Number()));
  CHECK(Decode(Bytes({0xc7, 0x03, 0x0c, 0x81, 0x05, 0x00}), Type::List(s)) ==
        Value::Unknown(Type::List(s)));
  // Prefixes longer than 256 bytes are shortened as go-cty's encoder would.
  std::string long_prefix(300, 'a');
  std::string body = Bytes({0x81, 0x02, 0xda, 0x01, 0x2c}) + long_prefix;
  std::string ext = Bytes({0xc8, static_cast<int>(body.size() >> 8),
                           static_cast<int>(body.size() & 0xff), 0x0c}) +
                    body;
  Value shortened = Decode(ext, s);
  REQUIRE(shortened.refinements().string_prefix.has_value());
  CHECK(*shortened.refinements().string_prefix == std::string(254, 'a'));
  CheckRoundTrip(shortened, s);
}

TEST_CASE("msgpack rejects malformed refinements", "[msgpack]") {
  const Type s = Type::String();
  const Type n = Type::Number();
  const Type list = Type::List(s);
  struct Case {
    std::string bytes;
    Type type;
  };
  std::vector<Case> cases = {
      {Bytes({0xd5, 0x01, 0x81, 0x01}), s},                          // 2-byte body, not type 12
      {Bytes({0xc7, 0x02, 0x0c, 0x01, 0x02}), s},                    // body not a map
      {Bytes({0xc7, 0x03, 0x0c, 0x81, 0xa1, 'x'}), s},               // string key
      {Bytes({0xc7, 0x03, 0x0c, 0x81, 0x01, 0x01}), s},              // nullness not bool
      {Bytes({0xc7, 0x04, 0x0c, 0x81, 0x02, 0xa1, 'x'}), n},         // prefix on a number
      {Bytes({0xc7, 0x03, 0x0c, 0x81, 0x02, 0x01}), s},              // prefix not a string
      {Bytes({0xc7, 0x04, 0x0c, 0x81, 0x02, 0xa1, 0xff}), s},        // prefix not UTF-8
      {Bytes({0xc7, 0x05, 0x0c, 0x81, 0x03, 0x92, 0x00, 0xc3}), s},  // bound on a string
      {Bytes({0xc7, 0x04, 0x0c, 0x81, 0x03, 0x91, 0x00}), n},        // bound not a pair
      {Bytes({0xc7, 0x05, 0x0c, 0x81, 0x03, 0x92, 0xc0, 0xc3}), n},  // bound null
      {Bytes({0xc7, 0x05, 0x0c, 0x81, 0x03, 0x92, 0x00, 0x01}), n},  // inclusive not bool
      {Bytes({0xc7, 0x09, 0x0c, 0x82, 0x03, 0x92, 0x05, 0xc3, 0x04, 0x92, 0x01, 0xc3}), n},
      {Bytes({0xc7, 0x09, 0x0c, 0x82, 0x03, 0x92, 0x05, 0xc3, 0x04, 0x92, 0x05, 0xc2}), n},
      {Bytes({0xc7, 0x03, 0x0c, 0x81, 0x05, 0x01}), s},                 // length on a string
      {Bytes({0xc7, 0x03, 0x0c, 0x81, 0x05, 0xc3}), list},              // length not an int
      {Bytes({0xc7, 0x05, 0x0c, 0x82, 0x05, 0x05, 0x06, 0x02}), list},  // upper < lower
      {Bytes({0xc7, 0x03, 0x0c, 0x81, 0x06, 0xff}), list},              // negative upper
      {Bytes({0xc7, 0x03, 0x0c, 0x82, 0x01, 0xc2}), s},                 // map entries truncated
      {Bytes({0xc7, 0x08, 0x0c, 0x81, 0x01}), s},                       // body truncated
  };
  std::string oversize = Bytes({0xc8, 0x04, 0x01, 0x0c, 0x81, 0x02, 0xdb, 0, 0, 0x03, 0xfc});
  oversize += std::string(1020, 'a');
  cases.push_back({oversize, s});
  for (const auto& c : cases) {
    std::string message = DecodeError(c.bytes, c.type);
    INFO(Hex(c.bytes) << ": " << message);
    CHECK((message.find("refinements") != std::string::npos ||
           message.find("extension") != std::string::npos ||
           message.find("truncated") != std::string::npos));
  }
}

TEST_CASE("msgpack refined unknowns round trip byte-identically", "[msgpack]") {
  Refinements r;
  r.is_null = false;
  r.number_lower = N("-1e30");
  r.number_lower_inclusive = false;
  r.number_upper = N("123.456");
  CheckRoundTrip(Value::Unknown(Type::Number(), r), Type::Number());
  Refinements only_upper;
  only_upper.length_upper = 3;
  CheckRoundTrip(Value::Unknown(Type::Set(Type::Number()), only_upper), Type::Set(Type::Number()));
  Refinements prefix;
  prefix.string_prefix = "caf\xc3\xa9";
  CheckRoundTrip(Value::Unknown(Type::String(), prefix), Type::String());
  // Inside collections and behind Dynamic wrappers too.
  Value list = Value::List(Type::String(), {Value::Unknown(Type::String(), prefix)});
  CheckRoundTrip(list, Type::List(Type::String()));
  CheckRoundTrip(list, Type::Dynamic());
}

TEST_CASE("msgpack Dynamic positions carry their type", "[msgpack]") {
  const Type d = Type::Dynamic();
  CheckGolden(Value::String("x"), d, Bytes({0x92, 0xc4, 0x08}) + kStringJson + Bytes({0xa1, 'x'}));
  // A null of known type keeps its type; a null of unknown type is bare nil.
  CheckGolden(Value::Null(Type::String()), d,
              Bytes({0x92, 0xc4, 0x08}) + kStringJson + Bytes({0xc0}));
  CheckGolden(Value::Null(d), d, Bytes({0xc0}));
  CheckGolden(Value::Unknown(Type::String()), d,
              Bytes({0x92, 0xc4, 0x08}) + kStringJson + Bytes({0xd4, 0x00, 0x00}));
  // Type JSON may also arrive as str.
  CHECK(Decode(Bytes({0x92, 0xa8}) + kStringJson + Bytes({0xa1, 'x'}), d) == Value::String("x"));

  Type obj = Type::Object({{"a", Type::Number()}, {"b", Type::List(Type::Bool())}});
  Value v = Value::ObjectOfType(
      obj, {{"a", Value::Int(1)}, {"b", Value::List(Type::Bool(), {Value::Bool(true)})}});
  std::string json = EncodeTypeJson(obj);
  CheckGolden(v, d,
              Bytes({0x92, 0xc4, static_cast<int>(json.size())}) + json +
                  Bytes({0x82, 0xa1, 'a', 0x01, 0xa1, 'b', 0x91, 0xc3}));

  // Attribute names in the type JSON are escaped as Go's encoding/json does.
  std::string odd_name = "<&>\n\b";
  std::string odd_json = R"(["object",{"\u003c\u0026\u003e\n\b":"bool"}])";
  CheckGolden(
      Value::Object({{odd_name, Value::Bool(true)}}), d,
      Bytes({0x92, 0xc4, 0x2c}) + odd_json + Bytes({0x81, 0xa5}) + odd_name + Bytes({0xc3}));

  // A schema attribute of type Dynamic.
  Type schema = Type::Object({{"any", d}, {"name", Type::String()}});
  Value with_number = Value::Object({{"any", Value::Int(5)}, {"name", Value::String("n")}});
  CheckRoundTrip(with_number, schema);
  Value decoded = Decode(Encode(with_number, schema), schema);
  CHECK(decoded.GetAttr("any") == Value::Int(5));
  Value with_null =
      Value::ObjectOfType(schema, {{"any", Value::Null(d)}, {"name", Value::Null(Type::String())}});
  CheckGolden(with_null, schema,
              Bytes({0x82, 0xa3, 'a', 'n', 'y', 0xc0, 0xa4, 'n', 'a', 'm', 'e', 0xc0}));

  // Collections of Dynamic take their elements' type, which must agree.
  Value list = Value::List(Type::String(), {Value::String("a"), Value::String("b")});
  CheckRoundTrip(list, Type::List(d));
  CHECK(Decode(Encode(list, Type::List(d)), Type::List(d)).type() == Type::List(Type::String()));
  CheckRoundTrip(Value::List(d, {}), Type::List(d));
  Value mixed = Value::List(d, {Value::String("a"), Value::Int(1)});
  std::string mixed_bytes = Encode(mixed, Type::List(d));
  CHECK(DecodeError(mixed_bytes, Type::List(d)).find("different types") != std::string::npos);
  CheckRoundTrip(Value::Map(Type::Number(), {{"k", Value::Int(1)}}), Type::Map(d));
  CheckRoundTrip(Value::Set(Type::Bool(), {Value::Bool(true)}), Type::Set(d));
  CheckRoundTrip(Value::Tuple({Value::String("a"), Value::Int(1), Value::Null(d)}),
                 Type::Tuple({d, d, d}));
  // Nested Dynamic inside a Dynamic value's own type.
  CheckRoundTrip(Value::List(d, {Value::Null(d)}), d);
}

TEST_CASE("msgpack encoding rejects values that do not fit the type", "[msgpack]") {
  auto error = [](const Value& v, const Type& t) {
    Result<std::string> r = EncodeMsgpack(v, t);
    REQUIRE_FALSE(r.ok());
    return r.status().message();
  };
  CHECK(error(Value::Int(1), Type::String()) == "expected string, got number");
  Type t = Type::Object({{"tags", Type::Map(Type::String())}});
  CHECK(error(Value::Object({{"tags", Value::Map(Type::Number(), {{"x", Value::Int(1)}})}}), t) ==
        "at .tags[\"x\"]: expected string, got number");
  CHECK(error(Value::Object({{"extra", Value::Bool(true)}}), t) ==
        "unsupported attribute \"extra\"");
  CHECK(error(Value::Tuple({Value::Bool(true)}), Type::Tuple({})) ==
        "expected a tuple of 0 elements, got 1");
}

TEST_CASE("msgpack decoding errors name the path", "[msgpack]") {
  Type t = Type::Object({{"tags", Type::Map(Type::String())},
                         {"list", Type::List(Type::Object({{"n", Type::Number()}}))}});
  CHECK(DecodeError(Bytes({0x81, 0xa4, 't', 'a', 'g', 's', 0x81, 0xa1, 'x', 0x90}), t) ==
        "at .tags[\"x\"]: expected string, got array");
  CHECK(DecodeError(Bytes({0x81, 0xa4, 'l', 'i', 's', 't', 0x91, 0x81, 0xa1, 'n', 0xc3}), t) ==
        "at .list[0].n: expected number, got bool");
  CHECK(DecodeError(Bytes({0x81, 0xa4, 'n', 'o', 'p', 'e', 0xc0}), t) ==
        "unsupported attribute \"nope\"");
  CHECK(DecodeError(Bytes({0x81, 0x01, 0xc0}), t) ==
        "attribute names must be strings, got integer");
  CHECK(DecodeError(Bytes({0x92, 0x01, 0x02}), Type::Tuple({Type::Number()})) ==
        "expected a tuple of 1 elements, got 2");
  CHECK(DecodeError(Bytes({0xa1, 'x'}), Type::Number()) == "string is not a valid number");
  CHECK(DecodeError(Bytes({0xcb, 0x7f, 0xf8, 0, 0, 0, 0, 0, 0}), Type::Number()) ==
        "NaN is not a valid number");
  CHECK(DecodeError(Bytes({0x01}), Type::Bool()) == "expected bool, got integer");
  CHECK(DecodeError(Bytes({0x01}), Type::Dynamic()) ==
        "expected a [type, value] array for a value of any type");
  CHECK(DecodeError(Bytes({0x92, 0xc4, 0x03, 'b', 'a', 'd', 0x01}), Type::Dynamic())
            .rfind("invalid type JSON", 0) == 0);
  CHECK(DecodeError(Bytes({0x92, 0x01, 0x01}), Type::Dynamic()) ==
        "expected type JSON, got integer");
  CHECK(DecodeError(Bytes({0x81, 0x01, 0xc3}), Type::Map(Type::Bool())) ==
        "map keys must be strings, got integer");
}

TEST_CASE("msgpack decoding rejects malformed input without crashing", "[msgpack]") {
  const Type s = Type::String();
  CHECK(DecodeError("", s) == "empty msgpack input");
  CHECK(DecodeError(Bytes({0xa1, 'x', 0x00}), s) == "unexpected bytes after the msgpack value");
  CHECK(DecodeError(Bytes({0xc0, 0xc0}), s) == "unexpected bytes after the msgpack value");
  CHECK(DecodeError(Bytes({0xc1}), s) == "invalid msgpack code 0xc1");
  // Truncated everywhere.
  std::string good = Encode(
      Value::Object({{"a", Value::List(Type::Number(), {Value::Int(300), Num("0.5"), Num("0.1")})},
                     {"b", Value::String("hello")}}),
      Type::Object({{"a", Type::List(Type::Number())}, {"b", s}}));
  for (size_t i = 0; i < good.size(); ++i) {
    Result<Value> r = DecodeMsgpack(good.substr(0, i),
                                    Type::Object({{"a", Type::List(Type::Number())}, {"b", s}}));
    CHECK_FALSE(r.ok());
  }
  // Huge declared lengths fail fast instead of allocating.
  CHECK(DecodeError(Bytes({0xdb, 0xff, 0xff, 0xff, 0xff, 'x'}), s) == "truncated msgpack input");
  CHECK(DecodeError(Bytes({0xdd, 0xff, 0xff, 0xff, 0xff, 0x01}), Type::List(Type::Number())) ==
        "truncated msgpack input");
  CHECK(DecodeError(Bytes({0xdf, 0x7f, 0xff, 0xff, 0xff, 0xa1, 'a'}), Type::Map(s)) ==
        "truncated msgpack input");
  CHECK(DecodeError(Bytes({0xc9, 0xff, 0xff, 0xff, 0xff, 0x0c}), s) == "truncated msgpack input");
  CHECK(DecodeError(Bytes({0xc6, 0x00, 0x00, 0x00}), s) == "truncated msgpack input");
  // Wrong kinds.
  CHECK(DecodeError(Bytes({0x90}), s) == "expected string, got array");
  CHECK(DecodeError(Bytes({0xa1, 'x'}), Type::List(s)) == "expected list of string, got string");
  CHECK(DecodeError(Bytes({0x80}), Type::Set(s)) == "expected set of string, got map");
  CHECK(DecodeError(Bytes({0x90}), Type::Object({})) == "expected object, got array");
}

TEST_CASE("msgpack nesting depth is bounded", "[msgpack]") {
  auto nested_type = [](int depth) {
    Type t = Type::Bool();
    for (int i = 0; i < depth; ++i) t = Type::List(t);
    return t;
  };
  auto nested_bytes = [](int depth) { return std::string(depth, '\x91') + "\xc3"; };
  CHECK(DecodeMsgpack(nested_bytes(kMaxMsgpackDepth), nested_type(kMaxMsgpackDepth)).ok());
  CHECK(DecodeError(nested_bytes(kMaxMsgpackDepth + 1), nested_type(kMaxMsgpackDepth + 1))
            .find("nested too deeply") != std::string::npos);
  Value v = Value::Bool(true);
  for (int i = 0; i < kMaxMsgpackDepth + 1; ++i) v = Value::List(v.type(), {v});
  CHECK_FALSE(EncodeMsgpack(v, v.type()).ok());
  // Dynamic wrappers count as nesting: a chain of [dynamic, [dynamic, ...]].
  std::string chain;
  for (int i = 0; i < 100000; ++i) chain += Bytes({0x92, 0xa9}) + "\"dynamic\"";
  chain += "\xc0";
  CHECK(DecodeError(chain, Type::Dynamic()).find("nested too deeply") != std::string::npos);
  // Deep garbage never recurses without bound.
  CHECK_FALSE(DecodeMsgpack(std::string(1000000, '\x91'), Type::Dynamic()).ok());
  CHECK_FALSE(DecodeMsgpack(std::string(1000000, '\x91'), nested_type(200)).ok());
  // Skipping an unknown refinement key is bounded too.
  std::string deep_skip = Bytes({0xc7, 0x00, 0x0c, 0x81, 0x09}) + std::string(200, '\x91') + "\xc0";
  deep_skip[1] = static_cast<char>(deep_skip.size() - 3);
  CHECK_FALSE(DecodeMsgpack(deep_skip, Type::String()).ok());
}

}  // namespace
}  // namespace tfplugin::cty
