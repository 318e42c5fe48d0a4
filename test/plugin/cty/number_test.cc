#include "plugin/cty/number.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

namespace tfplugin::cty {
namespace {

Number P(std::string_view text) {
  Result<Number> r = Number::Parse(text);
  INFO(text << ": " << r.status().message());
  REQUIRE(r.ok());
  return r.value();
}

Number D(double v) {
  Result<Number> r = Number::FromDouble(v);
  REQUIRE(r.ok());
  return r.value();
}

TEST_CASE("Number default is zero", "[number]") {
  Number n;
  CHECK(n.is_zero());
  CHECK(n.ToString() == "0");
  CHECK(n.is_integer());
  CHECK(n.ToInt64() == 0);
  CHECK(n == Number::FromInt(0));
}

TEST_CASE("Number from integers", "[number]") {
  CHECK(Number::FromInt(42).ToString() == "42");
  CHECK(Number::FromInt(-1200).ToString() == "-1200");
  CHECK(Number::FromInt(std::numeric_limits<int64_t>::min()).ToString() == "-9223372036854775808");
  CHECK(Number::FromInt(std::numeric_limits<int64_t>::max()).ToString() == "9223372036854775807");
  CHECK(Number::FromUint(std::numeric_limits<uint64_t>::max()).ToString() ==
        "18446744073709551615");
  CHECK(Number::FromUint(1000) == P("1e3"));
}

TEST_CASE("Number parse accepts JSON grammar", "[number]") {
  CHECK(P("0").ToString() == "0");
  CHECK(P("-0").ToString() == "0");
  CHECK(P("-0") == Number());
  CHECK(P("+5").ToString() == "5");
  CHECK(P("12.50").ToString() == "12.5");
  CHECK(P("-12.5").ToString() == "-12.5");
  CHECK(P("0.001").ToString() == "0.001");
  CHECK(P("1e3").ToString() == "1000");
  CHECK(P("1E+3").ToString() == "1000");
  CHECK(P("1.5e-3").ToString() == "0.0015");
  CHECK(P("123e-1").ToString() == "12.3");
  CHECK(P("0e999999999999999999999").ToString() == "0");
  CHECK(P("100000000000000000000").ToString() == "100000000000000000000");
  CHECK(P("Infinity") == Number::Infinity(false));
  CHECK(P("+Infinity") == Number::Infinity(false));
  CHECK(P("-Infinity") == Number::Infinity(true));
  CHECK(P("-Infinity").ToString() == "-Infinity");
  CHECK(P("1e100000").ToString().size() == 100001);
}

TEST_CASE("Number parse rejects malformed text", "[number]") {
  for (const char* bad : {"", "-", "+", "01", "1.", ".5", "1e", "1e+", "abc", "1x", " 1", "1 ",
                          "0x10", "NaN", "infinity", "--1", "1.2.3", "1e5.5", "+-1"}) {
    INFO(bad);
    Result<Number> r = Number::Parse(bad);
    CHECK_FALSE(r.ok());
    CHECK(r.status().message().find("invalid number") != std::string::npos);
  }
  CHECK(Number::Parse("01").status().message().find("leading zeros") != std::string::npos);
}

TEST_CASE("Number parse bounds the exponent", "[number]") {
  CHECK_FALSE(Number::Parse("1e100001").ok());
  CHECK_FALSE(Number::Parse("1e-100001").ok());
  CHECK_FALSE(Number::Parse("1e99999999999999999999999999").ok());
  CHECK(Number::Parse("1e-100000").ok());
  // Trailing zeros normalize before the bound is checked.
  CHECK(Number::Parse("10e-100001").ok());
  CHECK(Number::Parse("1e100001").status().message().find("exponent out of range") !=
        std::string::npos);
  // Error messages quote only a prefix of long input.
  std::string long_text(10000, '1');
  long_text += "x";
  CHECK(Number::Parse(long_text).status().message().size() < 200);
}

TEST_CASE("Number FromDouble is exact", "[number]") {
  CHECK(D(0.5).ToString() == "0.5");
  CHECK(D(-0.0) == Number());
  CHECK(D(0.1).ToString() == "0.1000000000000000055511151231257827021181583404541015625");
  CHECK(D(1e30).ToString() == "1000000000000000019884624838656");
  CHECK(D(std::ldexp(1.0, 60)).ToString() == "1152921504606846976");
  CHECK(D(std::numeric_limits<double>::max()).ToString().size() == 309);
  std::string tiny = D(std::numeric_limits<double>::denorm_min()).ToString();
  CHECK(tiny.substr(0, 10) == "0.00000000");
  CHECK(tiny.size() == 2 + 1074);
  CHECK(D(std::numeric_limits<double>::infinity()) == Number::Infinity(false));
  CHECK(D(-std::numeric_limits<double>::infinity()) == Number::Infinity(true));
  CHECK_FALSE(Number::FromDouble(std::nan("")).ok());
}

TEST_CASE("Number ToExactDouble only when exact", "[number]") {
  CHECK(P("0.5").ToExactDouble() == 0.5);
  CHECK(P("-2.25").ToExactDouble() == -2.25);
  CHECK(P("0").ToExactDouble() == 0.0);
  CHECK_FALSE(P("0.1").ToExactDouble().has_value());
  CHECK(P("1152921504606846976").ToExactDouble() == std::ldexp(1.0, 60));
  CHECK_FALSE(P("1e30").ToExactDouble().has_value());
  CHECK_FALSE(P("9007199254740993").ToExactDouble().has_value());  // 2^53 + 1
  CHECK(P("9007199254740992").ToExactDouble() == 9007199254740992.0);
  CHECK(P("Infinity").ToExactDouble() == std::numeric_limits<double>::infinity());
  CHECK_FALSE(P("1e400").ToExactDouble().has_value());
  CHECK_FALSE(P("1e-400").ToExactDouble().has_value());
  for (double v :
       {0.1, 1e30, 1e-300, 123.456, std::numeric_limits<double>::max(),
        std::numeric_limits<double>::denorm_min(), -std::numeric_limits<double>::min()}) {
    INFO(v);
    CHECK(D(v).ToExactDouble() == v);
    CHECK(D(v).ToDouble() == v);
    CHECK(P(D(v).ToString()) == D(v));
  }
}

TEST_CASE("Number ToDouble rounds to nearest", "[number]") {
  CHECK(P("0.1").ToDouble() == 0.1);
  CHECK(P("1e400").ToDouble() == std::numeric_limits<double>::infinity());
  CHECK(P("-1e400").ToDouble() == -std::numeric_limits<double>::infinity());
  CHECK(P("1e-400").ToDouble() == 0.0);
  CHECK(P("-Infinity").ToDouble() == -std::numeric_limits<double>::infinity());
}

TEST_CASE("Number integer conversions", "[number]") {
  CHECK(P("9223372036854775807").ToInt64() == std::numeric_limits<int64_t>::max());
  CHECK(P("-9223372036854775808").ToInt64() == std::numeric_limits<int64_t>::min());
  CHECK_FALSE(P("9223372036854775808").ToInt64().has_value());
  CHECK(P("9223372036854775808").ToUint64() == 9223372036854775808u);
  CHECK(P("18446744073709551615").ToUint64() == std::numeric_limits<uint64_t>::max());
  CHECK_FALSE(P("18446744073709551616").ToUint64().has_value());
  CHECK_FALSE(P("-1").ToUint64().has_value());
  CHECK_FALSE(P("1.5").ToInt64().has_value());
  CHECK_FALSE(P("1e30").ToInt64().has_value());
  CHECK(P("1e18").ToInt64() == 1000000000000000000);
  CHECK_FALSE(P("Infinity").ToInt64().has_value());
  CHECK(P("1e5").is_integer());
  CHECK_FALSE(P("0.5").is_integer());
  CHECK_FALSE(P("Infinity").is_integer());
}

TEST_CASE("Number ordering", "[number]") {
  std::vector<Number> ascending = {P("-Infinity"), P("-1e20"),  P("-12.5"),   P("-12.25"),
                                   P("-1"),        P("-0.001"), P("0"),       P("0.001"),
                                   P("0.0011"),    P("1"),      P("1.5"),     P("10"),
                                   P("11"),        P("1e20"),   P("Infinity")};
  for (size_t i = 0; i < ascending.size(); ++i) {
    for (size_t j = 0; j < ascending.size(); ++j) {
      INFO(ascending[i].ToString() << " vs " << ascending[j].ToString());
      CHECK((ascending[i] <=> ascending[j]) == (i <=> j));
      CHECK((ascending[i] == ascending[j]) == (i == j));
    }
  }
}

}  // namespace
}  // namespace tfplugin::cty
