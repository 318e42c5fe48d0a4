#include "plugin/cty/value.h"

#include <algorithm>
#include <stdexcept>

namespace tfplugin::cty {

bool Refinements::empty() const {
  return !is_null && !string_prefix && !number_lower && !number_upper && !length_lower &&
         !length_upper;
}

Value::Value() : type_(Type::Dynamic()) {}

Value::Value(Type type, State state, std::shared_ptr<const Payload> payload)
    : type_(std::move(type)), state_(state), payload_(std::move(payload)) {}

Value Value::Null(Type type) { return Value(std::move(type), State::kNull, nullptr); }

Value Value::Unknown(Type type, Refinements refinements) {
  if (refinements.empty()) return Value(std::move(type), State::kUnknown, nullptr);
  return Value(std::move(type), State::kUnknown,
               std::make_shared<const Payload>(std::move(refinements)));
}

Value Value::String(std::string s) {
  return Value(Type::String(), State::kKnown, std::make_shared<const Payload>(std::move(s)));
}

Value Value::NumberVal(Number n) {
  return Value(Type::Number(), State::kKnown, std::make_shared<const Payload>(std::move(n)));
}

Value Value::Int(int64_t n) { return NumberVal(Number::FromInt(n)); }

Value Value::Bool(bool b) {
  return Value(Type::Bool(), State::kKnown, std::make_shared<const Payload>(b));
}

Value Value::List(Type element, Elements elements) {
  return Value(Type::List(std::move(element)), State::kKnown,
               std::make_shared<const Payload>(std::move(elements)));
}

Value Value::Set(Type element, Elements elements) {
  Elements unique;
  unique.reserve(elements.size());
  // As in go-cty, values that are not wholly known never equal one another in
  // a set, so only wholly known duplicates collapse.
  for (auto& e : elements) {
    if (!e.IsWhollyKnown() || std::find(unique.begin(), unique.end(), e) == unique.end()) {
      unique.push_back(std::move(e));
    }
  }
  return Value(Type::Set(std::move(element)), State::kKnown,
               std::make_shared<const Payload>(std::move(unique)));
}

Value Value::Map(Type element, Attributes elements) {
  return Value(Type::Map(std::move(element)), State::kKnown,
               std::make_shared<const Payload>(std::move(elements)));
}

Value Value::Object(Attributes attributes) {
  std::map<std::string, Type> types;
  for (const auto& [name, v] : attributes) types.emplace(name, v.type());
  return Value(Type::Object(std::move(types)), State::kKnown,
               std::make_shared<const Payload>(std::move(attributes)));
}

Value Value::ObjectOfType(Type type, Attributes attributes) {
  return Value(std::move(type), State::kKnown,
               std::make_shared<const Payload>(std::move(attributes)));
}

Value Value::Tuple(Elements elements) {
  std::vector<Type> types;
  types.reserve(elements.size());
  for (const auto& v : elements) types.push_back(v.type());
  return Value(Type::Tuple(std::move(types)), State::kKnown,
               std::make_shared<const Payload>(std::move(elements)));
}

bool Value::IsWhollyKnown() const {
  if (state_ == State::kUnknown) return false;
  if (state_ == State::kNull) return true;
  if (const auto* e = std::get_if<Elements>(payload_.get())) {
    return std::all_of(e->begin(), e->end(), [](const Value& v) { return v.IsWhollyKnown(); });
  }
  if (const auto* a = std::get_if<Attributes>(payload_.get())) {
    return std::all_of(a->begin(), a->end(),
                       [](const auto& kv) { return kv.second.IsWhollyKnown(); });
  }
  return true;
}

namespace {
template <typename T>
const T& Get(
    const std::shared_ptr<const std::variant<std::monostate, std::string, Number, bool,
                                             Value::Elements, Value::Attributes, Refinements>>& p,
    const char* what) {
  const T* v = p ? std::get_if<T>(p.get()) : nullptr;
  if (v == nullptr) throw std::logic_error(std::string("cty value is not a known ") + what);
  return *v;
}
}  // namespace

const std::string& Value::AsString() const { return Get<std::string>(payload_, "string"); }
const Number& Value::AsNumber() const { return Get<Number>(payload_, "number"); }
bool Value::AsBool() const { return Get<bool>(payload_, "bool"); }
const Value::Elements& Value::AsElements() const {
  return Get<Elements>(payload_, "list, set or tuple");
}
const Value::Attributes& Value::AsAttributes() const {
  return Get<Attributes>(payload_, "map or object");
}

Value Value::GetAttr(const std::string& name) const {
  auto it = type_.attributes().find(name);
  Type t = it == type_.attributes().end() ? Type::Dynamic() : it->second;
  if (state_ == State::kNull) return Null(t);
  if (state_ == State::kUnknown) return Unknown(t);
  const auto& attrs = AsAttributes();
  auto found = attrs.find(name);
  return found == attrs.end() ? Null(t) : found->second;
}

size_t Value::Length() const {
  if (const auto* e = std::get_if<Elements>(payload_.get())) return e->size();
  if (const auto* a = std::get_if<Attributes>(payload_.get())) return a->size();
  return 0;
}

const Refinements& Value::refinements() const {
  static const Refinements kNone;
  if (state_ != State::kUnknown || !payload_) return kNone;
  return std::get<Refinements>(*payload_);
}

bool operator==(const Value& a, const Value& b) {
  if (a.state_ != b.state_) return false;
  if (a.type_ != b.type_) return false;
  if (a.state_ == Value::State::kNull) return true;
  if (a.state_ == Value::State::kUnknown) return a.refinements() == b.refinements();
  if (a.payload_ == b.payload_) return true;
  if (a.type_.kind() == TypeKind::kSet) {
    const auto& ea = a.AsElements();
    const auto& eb = b.AsElements();
    if (ea.size() != eb.size()) return false;
    return std::all_of(ea.begin(), ea.end(), [&](const Value& v) {
      return std::find(eb.begin(), eb.end(), v) != eb.end();
    });
  }
  return *a.payload_ == *b.payload_;
}

namespace {
std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}
}  // namespace

std::string DebugString(const Value& v) {
  if (v.is_null()) return "null";
  if (!v.is_known()) return "(unknown)";
  switch (v.type().kind()) {
    case TypeKind::kString:
      return Quote(v.AsString());
    case TypeKind::kNumber:
      return v.AsNumber().ToString();
    case TypeKind::kBool:
      return v.AsBool() ? "true" : "false";
    case TypeKind::kList:
    case TypeKind::kSet:
    case TypeKind::kTuple: {
      std::string out = "[";
      for (const auto& e : v.AsElements()) out += (out.size() > 1 ? ", " : "") + DebugString(e);
      return out + "]";
    }
    case TypeKind::kMap:
    case TypeKind::kObject: {
      std::string out = "{";
      for (const auto& [k, e] : v.AsAttributes()) {
        out += (out.size() > 1 ? ", " : "") + k + " = " + DebugString(e);
      }
      return out + "}";
    }
    case TypeKind::kDynamic:
      break;
  }
  return "?";
}

}  // namespace tfplugin::cty
