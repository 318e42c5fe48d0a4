#include "plugin/cty/number.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>
#include <vector>

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

bool Number::is_integer() const { return !infinite_ && exponent_ >= 0; }

std::optional<uint64_t> Number::ToUint64() const {
  if (!is_integer() || (negative_ && !is_zero())) return std::nullopt;
  if (static_cast<int64_t>(digits_.size()) + exponent_ > 20) return std::nullopt;
  uint64_t v = 0;
  for (int64_t i = 0; i < static_cast<int64_t>(digits_.size()) + exponent_; ++i) {
    uint64_t d = i < static_cast<int64_t>(digits_.size()) ? digits_[i] - '0' : 0;
    if (v > (std::numeric_limits<uint64_t>::max() - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

std::optional<int64_t> Number::ToInt64() const {
  Number magnitude = *this;
  magnitude.negative_ = false;
  std::optional<uint64_t> m = magnitude.ToUint64();
  if (!m) return std::nullopt;
  constexpr uint64_t kMaxPositive = std::numeric_limits<int64_t>::max();
  if (!negative_) {
    if (*m > kMaxPositive) return std::nullopt;
    return static_cast<int64_t>(*m);
  }
  if (*m > kMaxPositive + 1) return std::nullopt;
  return static_cast<int64_t>(~*m + 1);  // two's complement negation, INT64_MIN safe
}

double Number::ToDouble() const {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (infinite_) return negative_ ? -kInf : kInf;
  if (is_zero()) return 0;
  // "<digits>e<exp>" needs no decimal point, so parsing is locale-independent;
  // from_chars rounds correctly.
  std::string text = digits_ + "e" + std::to_string(exponent_);
  double v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc::result_out_of_range) {
    bool huge = static_cast<int64_t>(digits_.size()) + exponent_ > 0;
    v = huge ? kInf : 0;
  }
  return negative_ ? -v : v;
}

std::optional<double> Number::ToExactDouble() const {
  if (infinite_) return ToDouble();
  // Rounding is correct, so if any double equals this number it is the
  // nearest one; converting back exactly tells whether it does. Cheap
  // rejection first: doubles have at most 767 significant decimal digits and
  // exponents within [-1074, 308].
  if (digits_.size() > 800 || exponent_ > 400 || exponent_ < -1100) return std::nullopt;
  double d = ToDouble();
  Result<Number> back = FromDouble(d);
  if (!back.ok() || !(back.value() == *this)) return std::nullopt;
  return d;
}

std::string Number::ToString() const {
  if (infinite_) return negative_ ? "-Infinity" : "Infinity";
  if (is_zero()) return "0";
  std::string out = negative_ ? "-" : "";
  if (exponent_ >= 0) {
    out += digits_;
    out.append(static_cast<size_t>(exponent_), '0');
    return out;
  }
  auto fraction = static_cast<size_t>(-exponent_);
  if (fraction >= digits_.size()) {
    out += "0.";
    out.append(fraction - digits_.size(), '0');
    out += digits_;
  } else {
    out += digits_.substr(0, digits_.size() - fraction);
    out += '.';
    out += digits_.substr(digits_.size() - fraction);
  }
  return out;
}

bool operator==(const Number& a, const Number& b) {
  // Representations are normalized, so equal values have equal fields.
  return a.negative_ == b.negative_ && a.infinite_ == b.infinite_ && a.digits_ == b.digits_ &&
         a.exponent_ == b.exponent_;
}

std::strong_ordering operator<=>(const Number& a, const Number& b) {
  // Rank by sign class: -inf < negative < zero < positive < +inf.
  auto rank = [](const Number& n) {
    if (n.infinite_) return n.negative_ ? -2 : 2;
    if (n.is_zero()) return 0;
    return n.negative_ ? -1 : 1;
  };
  int ra = rank(a);
  int rb = rank(b);
  if (ra != rb || ra == 0 || ra == 2 || ra == -2) return ra <=> rb;
  // Same sign, both finite non-zero: compare magnitudes, then flip for negatives.
  std::strong_ordering magnitude = std::strong_ordering::equal;
  int64_t ma = static_cast<int64_t>(a.digits_.size()) + a.exponent_;  // position of leading digit
  int64_t mb = static_cast<int64_t>(b.digits_.size()) + b.exponent_;
  if (ma != mb) {
    magnitude = ma <=> mb;
  } else {
    // Same leading position: digit strings compare lexicographically, with a
    // shorter prefix being smaller (its missing digits are zeros).
    int c = a.digits_.compare(b.digits_);
    magnitude = c <=> 0;
  }
  if (ra < 0) return 0 <=> magnitude;
  return magnitude;
}

}  // namespace tfplugin::cty
