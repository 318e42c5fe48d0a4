// Making a Number: from integers, exactly from doubles, and from text.
#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>
#include <vector>

#include "plugin/cty/number.h"

namespace tfplugin::cty {
namespace {

// Digits shown of offending text in error messages, so a hostile megabyte of
// digits does not become a megabyte of diagnostics.
constexpr size_t kMaxQuoted = 40;

std::string Quoted(std::string_view text) {
  if (text.size() > kMaxQuoted) return "\"" + std::string(text.substr(0, kMaxQuoted)) + "...\"";
  return "\"" + std::string(text) + "\"";
}

Status ParseError(std::string_view text, const char* why) {
  return Status::Error("invalid number " + Quoted(text) + ": " + why);
}

// Little-endian base-1e9 big integer, just enough arithmetic to expand a
// double's binary mantissa into exact decimal digits.
using BigInt = std::vector<uint32_t>;
constexpr uint32_t kLimbBase = 1000000000;

void MultiplySmall(BigInt& n, uint32_t factor) {
  uint64_t carry = 0;
  for (auto& limb : n) {
    uint64_t p = uint64_t{limb} * factor + carry;
    limb = static_cast<uint32_t>(p % kLimbBase);
    carry = p / kLimbBase;
  }
  while (carry != 0) {
    n.push_back(static_cast<uint32_t>(carry % kLimbBase));
    carry /= kLimbBase;
  }
}

// Multiplies by base^power, in chunks that keep each factor within uint32.
void MultiplyPower(BigInt& n, uint32_t base, int power, uint32_t chunk_factor, int chunk_power) {
  for (; power >= chunk_power; power -= chunk_power) MultiplySmall(n, chunk_factor);
  uint32_t rest = 1;
  for (; power > 0; --power) rest *= base;
  MultiplySmall(n, rest);
}

std::string BigIntToString(const BigInt& n) {
  std::string out = std::to_string(n.back());
  for (size_t i = n.size() - 1; i-- > 0;) {
    std::string limb = std::to_string(n[i]);
    out.append(9 - limb.size(), '0');
    out += limb;
  }
  return out;
}

}  // namespace

Number Number::FromUint(uint64_t v) {
  Number n;
  if (v == 0) return n;
  n.digits_ = std::to_string(v);
  while (n.digits_.back() == '0') {
    n.digits_.pop_back();
    ++n.exponent_;
  }
  return n;
}

Number Number::FromInt(int64_t v) {
  // Negating INT64_MIN as int64 overflows; go through uint64 instead.
  uint64_t magnitude = v < 0 ? ~static_cast<uint64_t>(v) + 1 : static_cast<uint64_t>(v);
  Number n = FromUint(magnitude);
  n.negative_ = v < 0;
  return n;
}

Number Number::Infinity(bool negative) {
  Number n;
  n.infinite_ = true;
  n.negative_ = negative;
  return n;
}

Result<Number> Number::FromDouble(double v) {
  if (std::isnan(v)) return Status::Error("NaN is not a valid number");
  if (std::isinf(v)) return Infinity(v < 0);
  if (v == 0) return Number();  // -0 and +0 are the same cty number
  // v = mantissa * 2^exp2 with an integer mantissa below 2^53.
  int exp2 = 0;
  double frac = std::frexp(std::fabs(v), &exp2);
  auto mantissa = static_cast<uint64_t>(std::ldexp(frac, 53));
  exp2 -= 53;
  while ((mantissa & 1) == 0) {
    mantissa >>= 1;
    ++exp2;
  }
  BigInt big;
  for (uint64_t m = mantissa; m != 0; m /= kLimbBase) big.push_back(m % kLimbBase);
  int64_t exponent = 0;
  if (exp2 >= 0) {
    MultiplyPower(big, 2, exp2, 1u << 30, 30);
  } else {
    // m * 2^-k == m * 5^k * 10^-k: multiplying by 5^k keeps it an integer.
    MultiplyPower(big, 5, -exp2, 1220703125u /* 5^13 */, 13);
    exponent = exp2;
  }
  Number n;
  n.negative_ = v < 0;
  n.digits_ = BigIntToString(big);
  n.exponent_ = exponent;
  while (n.digits_.back() == '0') {
    n.digits_.pop_back();
    ++n.exponent_;
  }
  return n;
}

Result<Number> Number::Parse(std::string_view text) {
  std::string_view rest = text;
  bool negative = false;
  if (!rest.empty() && (rest[0] == '-' || rest[0] == '+')) {
    negative = rest[0] == '-';
    rest.remove_prefix(1);
  }
  if (rest == "Infinity") return Infinity(negative);
  if (rest.empty()) return ParseError(text, "no digits");

  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::string digits;  // integer and fraction digits, as written
  int64_t fraction_digits = 0;

  if (!is_digit(rest[0])) return ParseError(text, "expected a digit");
  if (rest[0] == '0' && rest.size() > 1 && is_digit(rest[1])) {
    return ParseError(text, "leading zeros are not allowed");
  }
  size_t i = 0;
  while (i < rest.size() && is_digit(rest[i])) digits += rest[i++];
  if (i < rest.size() && rest[i] == '.') {
    ++i;
    if (i >= rest.size() || !is_digit(rest[i])) {
      return ParseError(text, "expected a digit after the decimal point");
    }
    while (i < rest.size() && is_digit(rest[i])) {
      digits += rest[i++];
      ++fraction_digits;
    }
  }
  int64_t written_exponent = 0;
  if (i < rest.size() && (rest[i] == 'e' || rest[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < rest.size() && (rest[i] == '+' || rest[i] == '-')) exp_negative = rest[i++] == '-';
    if (i >= rest.size() || !is_digit(rest[i])) {
      return ParseError(text, "expected a digit in the exponent");
    }
    // Saturate rather than overflow; anything this large is rejected below.
    constexpr int64_t kSaturate = int64_t{1} << 50;
    while (i < rest.size() && is_digit(rest[i])) {
      written_exponent = std::min(kSaturate, written_exponent * 10 + (rest[i++] - '0'));
    }
    if (exp_negative) written_exponent = -written_exponent;
  }
  if (i != rest.size()) return ParseError(text, "unexpected character after the number");

  Number n;
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return n;  // zero, whatever its exponent
  size_t last = digits.find_last_not_of('0');
  n.negative_ = negative;
  n.digits_ = digits.substr(first, last - first + 1);
  n.exponent_ = written_exponent - fraction_digits + static_cast<int64_t>(digits.size() - 1 - last);
  if (n.exponent_ > kMaxExponent || n.exponent_ < -kMaxExponent) {
    return ParseError(text, "exponent out of range");
  }
  return n;
}

}  // namespace tfplugin::cty
