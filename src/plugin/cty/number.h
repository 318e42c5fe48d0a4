// Number: an exact decimal number, as cty numbers are arbitrary precision.
//
// Values are held as sign, decimal digits and a power-of-ten exponent, so
// "0.1" stays exactly 0.1 and 2^70 stays exact. Positive and negative
// infinity are representable (cty allows them). The exponent is bounded
// (|exponent| <= kMaxExponent) so hostile input cannot demand huge memory.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/base.h"

namespace tfplugin::cty {

class Number {
 public:
  // Parse refuses a power-of-ten exponent beyond this, either way.
  static constexpr int64_t kMaxExponent = 100000;

  Number() = default;  // zero
  // Exact; these cannot fail.
  static Number FromInt(int64_t v);
  static Number FromUint(uint64_t v);
  // Exact conversion of a double. NaN is an error; infinities are kept.
  static Result<Number> FromDouble(double v);
  static Number Infinity(bool negative);
  // Parses JSON number syntax, also accepting a leading '+', and the words
  // "Infinity"/"-Infinity" (how cty spells them in strings). Errors name what
  // was wrong with the text.
  static Result<Number> Parse(std::string_view text);

  // The value's class; an infinity is not an integer.
  bool is_zero() const { return digits_.empty() && !infinite_; }
  bool is_negative() const { return negative_; }
  bool is_infinite() const { return infinite_; }
  bool is_integer() const;

  // The value as int64 / uint64 when it is an integer in range, else nullopt.
  std::optional<int64_t> ToInt64() const;
  std::optional<uint64_t> ToUint64() const;
  // The value as a double when the double is exactly equal to it, else nullopt.
  std::optional<double> ToExactDouble() const;
  // The nearest double.
  double ToDouble() const;

  // Canonical text: shortest exact decimal without exponent ("-12.5", "0",
  // "100000000000000000000"), or "Infinity"/"-Infinity".
  std::string ToString() const;

  friend bool operator==(const Number& a, const Number& b);
  friend std::strong_ordering operator<=>(const Number& a, const Number& b);

 private:
  bool negative_ = false;
  bool infinite_ = false;
  std::string digits_;    // no leading or trailing zeros; empty means zero
  int64_t exponent_ = 0;  // value = digits_ * 10^exponent_
};

}  // namespace tfplugin::cty
