// cty values: what Terraform sends and expects for configs, plans and states.
//
// A Value is immutable and cheap to copy (it shares its payload). It has a
// concrete type, or Dynamic when it is a null/unknown of unknown type, and is
// in one of three states: null, unknown (with optional refinements), or known.
// Known collection and structural values may contain null or unknown parts.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "plugin/cty/number.h"
#include "plugin/cty/type.h"

namespace tfplugin::cty {

// What is known about an unknown value (go-cty "refinements"). Every field is
// optional; an empty Refinements is a plain unknown.
struct Refinements {
  std::optional<bool> is_null;  // false: "definitely not null"
  std::optional<std::string> string_prefix;
  std::optional<Number> number_lower;
  bool number_lower_inclusive = true;
  std::optional<Number> number_upper;
  bool number_upper_inclusive = true;
  std::optional<int64_t> length_lower;
  std::optional<int64_t> length_upper;

  // True when nothing is refined (a plain unknown).
  bool empty() const;
  friend bool operator==(const Refinements&, const Refinements&) = default;
};

// A cty value (see above): immutable, cheap to copy, safe to share between
// threads. The As* accessors require a known value of the matching type and
// throw std::logic_error otherwise (a programming error, never input's).
class Value {
 public:
  // A list, set or tuple's elements, and a map or object's entries by name.
  using Elements = std::vector<Value>;
  using Attributes = std::map<std::string, Value>;

  Value();  // null of Dynamic type

  // A null or unknown value of `type` (an unknown may carry refinements),
  // and known primitives.
  static Value Null(Type type);
  static Value Unknown(Type type, Refinements refinements = {});
  static Value String(std::string s);
  static Value NumberVal(Number n);
  static Value Int(int64_t n);
  static Value Bool(bool b);
  // Collections need their element type so that empty ones are typed.
  static Value List(Type element, Elements elements);
  static Value Set(Type element, Elements elements);  // duplicates removed
  static Value Map(Type element, Attributes elements);
  // Object: the type is derived from the attribute values.
  static Value Object(Attributes attributes);
  // Object with an explicit type, for objects whose attributes are null of a
  // type that could not be derived (e.g. null Dynamic placeholders).
  static Value ObjectOfType(Type type, Attributes attributes);
  static Value Tuple(Elements elements);

  // Type and state: every value is exactly one of null, unknown or known.
  const Type& type() const { return type_; }
  bool is_null() const { return state_ == State::kNull; }
  bool is_known() const { return state_ != State::kUnknown; }
  // Known and not null, and so are all nested values.
  bool IsWhollyKnown() const;

  // Accessors for known, non-null values of the matching type.
  const std::string& AsString() const;
  const Number& AsNumber() const;
  bool AsBool() const;
  const Elements& AsElements() const;      // list, set, tuple
  const Attributes& AsAttributes() const;  // map, object

  // Attribute of a known object (null of the attribute's type if the object is
  // null; unknown if the object is unknown).
  Value GetAttr(const std::string& name) const;
  // Number of elements/attributes of a known collection or structure.
  size_t Length() const;

  const Refinements& refinements() const;  // empty unless unknown

  // Structural equality; sets compare as unordered.
  friend bool operator==(const Value& a, const Value& b);
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  enum class State { kNull, kUnknown, kKnown };
  using Payload =
      std::variant<std::monostate, std::string, Number, bool, Elements, Attributes, Refinements>;
  Value(Type type, State state, std::shared_ptr<const Payload> payload);

  Type type_;
  State state_ = State::kNull;
  std::shared_ptr<const Payload> payload_;
};

// A readable rendering for logs and tests ("{a = \"x\", n = 3}", "(unknown)").
std::string DebugString(const Value& v);

}  // namespace tfplugin::cty
