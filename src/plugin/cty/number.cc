// A Number's properties, its conversions to integers, doubles and text, and
// its order.
#include "plugin/cty/number.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace tfplugin::cty {

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
