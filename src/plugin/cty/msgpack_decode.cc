// DecodeMsgpack: tfplugin6 DynamicValue msgpack bytes to a cty value of a
// given type, strictly (go-cty's msgpack.Unmarshal rules).

#include "plugin/cty/msgpack.h"
#include "plugin/cty/msgpack_path.h"
#include "plugin/cty/msgpack_refinements.h"
#include "plugin/cty/msgpack_wire.h"
#include "plugin/cty/type_json.h"

namespace tfplugin::cty {
namespace {

// For positions whose type contains Dynamic, go-cty derives a collection's
// element type from its elements, which must agree.
Result<Type> ElementType(const Type& declared, const Value::Elements& elements) {
  if (declared.is_concrete() || elements.empty()) return declared;
  for (const auto& e : elements) {
    if (e.type() != elements[0].type()) {
      return Status::Error("elements have different types (" + elements[0].type().FriendlyName() +
                           " and " + e.type().FriendlyName() + ")");
    }
  }
  return elements[0].type();
}

class Decoder {
 public:
  explicit Decoder(std::string_view bytes) : reader_(bytes) {}

  Result<Value> DecodeAll(const Type& type) {
    if (reader_.at_end()) return Status::Error("empty msgpack input");
    auto v = Decode(type, 0);
    if (v.ok() && !reader_.at_end()) {
      return Status::Error("unexpected bytes after the msgpack value");
    }
    return v;
  }

 private:
  Result<Value> Decode(const Type& type, int depth) {
    auto header = reader_.ReadHeader();
    if (!header.ok()) return path_.Error(header.status().message());
    const WireHeader& h = header.value();
    if (h.kind == WireKind::kExt) {
      auto v = ReadUnknown(h, reader_, type);
      if (!v.ok()) return path_.Error(v.status().message());
      return v;
    }
    if (type.is_dynamic()) return DecodeDynamic(h, depth);
    if (h.kind == WireKind::kNil) return Value::Null(type);
    if ((h.kind == WireKind::kArray || h.kind == WireKind::kMap) && depth >= kMaxMsgpackDepth) {
      return path_.Error("nested too deeply");
    }
    switch (type.kind()) {
      case TypeKind::kString: {
        if (h.kind != WireKind::kStr && h.kind != WireKind::kBin) break;
        auto s = reader_.ReadBody(h.length);
        if (!s.ok()) return path_.Error(s.status().message());
        return Value::String(std::string(s.value()));
      }
      case TypeKind::kNumber: {
        auto n = ReadNumber(h, reader_);
        if (!n.ok()) return path_.Error(n.status().message());
        return Value::NumberVal(std::move(n).value());
      }
      case TypeKind::kBool:
        if (h.kind != WireKind::kBool) break;
        return Value::Bool(h.boolean);
      case TypeKind::kList:
      case TypeKind::kSet:
      case TypeKind::kTuple:
        if (h.kind != WireKind::kArray) break;
        return DecodeSequence(type, h.length, depth);
      case TypeKind::kMap:
      case TypeKind::kObject:
        if (h.kind != WireKind::kMap) break;
        return DecodeMapping(type, h.length, depth);
      case TypeKind::kDynamic:
        break;  // handled above
    }
    return path_.Error(MsgpackMismatch(type, WireKindName(h.kind)));
  }

  Result<Value> DecodeDynamic(const WireHeader& h, int depth) {
    if (h.kind == WireKind::kNil) return Value::Null(Type::Dynamic());
    if (h.kind != WireKind::kArray || h.length != 2) {
      return path_.Error("expected a [type, value] array for a value of any type");
    }
    if (depth >= kMaxMsgpackDepth) return path_.Error("nested too deeply");
    auto th = reader_.ReadHeader();
    if (!th.ok()) return path_.Error(th.status().message());
    if (th.value().kind != WireKind::kStr && th.value().kind != WireKind::kBin) {
      return path_.Error(std::string("expected type JSON, got ") + WireKindName(th.value().kind));
    }
    auto json = reader_.ReadBody(th.value().length);
    if (!json.ok()) return path_.Error(json.status().message());
    auto type = DecodeTypeJson(json.value());
    if (!type.ok()) return path_.Error(type.status().message());
    return Decode(type.value(), depth + 1);
  }

  Result<Value> DecodeSequence(const Type& type, uint32_t length, int depth) {
    const bool tuple = type.kind() == TypeKind::kTuple;
    if (tuple && length != type.tuple_elements().size()) {
      return path_.Error("expected a tuple of " + std::to_string(type.tuple_elements().size()) +
                         " elements, got " + std::to_string(length));
    }
    Value::Elements elements;
    elements.reserve(length);  // safe: the reader checked the input can hold them
    for (uint32_t i = 0; i < length; ++i) {
      MsgpackPath::Step step(path_, MsgpackPath::Index(i));
      auto v = Decode(tuple ? type.tuple_elements()[i] : type.element(), depth + 1);
      if (!v.ok()) return v;
      elements.push_back(std::move(v).value());
    }
    if (tuple) return Value::Tuple(std::move(elements));
    auto element_type = ElementType(type.element(), elements);
    if (!element_type.ok()) return path_.Error(element_type.status().message());
    if (type.kind() == TypeKind::kList)
      return Value::List(element_type.value(), std::move(elements));
    return Value::Set(element_type.value(), std::move(elements));
  }

  Result<Value> DecodeMapping(const Type& type, uint32_t length, int depth) {
    const bool object = type.kind() == TypeKind::kObject;
    Value::Attributes entries;
    for (uint32_t i = 0; i < length; ++i) {
      auto kh = reader_.ReadHeader();
      if (!kh.ok()) return path_.Error(kh.status().message());
      if (kh.value().kind != WireKind::kStr && kh.value().kind != WireKind::kBin) {
        return path_.Error(std::string(object ? "attribute names" : "map keys") +
                           " must be strings, got " + WireKindName(kh.value().kind));
      }
      auto key = reader_.ReadBody(kh.value().length);
      if (!key.ok()) return path_.Error(key.status().message());
      std::string name(key.value());
      const Type* value_type = &type;  // replaced below
      if (object) {
        auto it = type.attributes().find(name);
        if (it == type.attributes().end()) {
          return path_.Error("unsupported attribute \"" + name + "\"");
        }
        value_type = &it->second;
      } else {
        value_type = &type.element();
      }
      MsgpackPath::Step step(path_, object ? MsgpackPath::Attr(name) : MsgpackPath::Key(name));
      auto v = Decode(*value_type, depth + 1);
      if (!v.ok()) return v;
      entries.insert_or_assign(std::move(name), std::move(v).value());  // last one wins
    }
    if (object) {
      for (const auto& [name, attr_type] : type.attributes()) {
        if (!entries.contains(name)) entries.emplace(name, Value::Null(attr_type));
      }
      if (type.is_concrete()) return Value::ObjectOfType(type, std::move(entries));
      return Value::Object(std::move(entries));
    }
    Value::Elements elements;
    elements.reserve(entries.size());
    for (const auto& [k, v] : entries) elements.push_back(v);
    auto element_type = ElementType(type.element(), elements);
    if (!element_type.ok()) return path_.Error(element_type.status().message());
    return Value::Map(element_type.value(), std::move(entries));
  }

  MsgpackReader reader_;
  MsgpackPath path_;
};

}  // namespace

Result<Value> DecodeMsgpack(std::string_view bytes, const Type& type) {
  return Decoder(bytes).DecodeAll(type);
}

}  // namespace tfplugin::cty
