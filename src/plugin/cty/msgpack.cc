#include "plugin/cty/msgpack.h"

#include <limits>

#include "plugin/cty/msgpack_refinements.h"
#include "plugin/cty/msgpack_wire.h"
#include "plugin/cty/type_json.h"

namespace tfplugin::cty {
namespace {

// Builds error paths like `.tags["x"][0]`; steps pop when their scope ends.
class Path {
 public:
  class Step {
   public:
    Step(Path& path, const std::string& text) : path_(path), size_(path.text_.size()) {
      path.text_ += text;
    }
    ~Step() { path_.text_.resize(size_); }
    Step(const Step&) = delete;
    Step& operator=(const Step&) = delete;

   private:
    Path& path_;
    size_t size_;
  };

  static std::string Attr(const std::string& name) { return "." + name; }
  static std::string Index(size_t i) { return "[" + std::to_string(i) + "]"; }
  static std::string Key(const std::string& key) {
    std::string out = "[\"";
    for (char c : key) {
      if (c == '"' || c == '\\') out += '\\';
      out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;  // keep messages printable
    }
    return out + "\"]";
  }

  Status Error(const std::string& message) const {
    return Status::Error(text_.empty() ? message : "at " + text_ + ": " + message);
  }

 private:
  std::string text_;
};

std::string Mismatch(const Type& type, const char* got) {
  return "expected " + type.FriendlyName() + ", got " + got;
}

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
    return path_.Error(Mismatch(type, WireKindName(h.kind)));
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
      Path::Step step(path_, Path::Index(i));
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
      Path::Step step(path_, object ? Path::Attr(name) : Path::Key(name));
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
  Path path_;
};

class Encoder {
 public:
  explicit Encoder(NumberEncoding numbers) : numbers_(numbers) {}

  Result<std::string> EncodeAll(const Value& value, const Type& type) {
    Status s = Encode(value, type, 0);
    if (!s.ok()) return s;
    return writer_.Take();
  }

 private:
  Status Encode(const Value& v, const Type& type, int depth) {
    if (type.is_dynamic()) {
      if (v.type().is_dynamic()) {  // only null or unknown values lack a type
        if (v.is_null()) {
          writer_.Nil();
        } else {
          WriteUnknown(writer_, {}, type);
        }
        return Status::Ok();
      }
      if (depth >= kMaxMsgpackDepth) return path_.Error("nested too deeply");
      writer_.ArrayHeader(2);
      writer_.Bin(EncodeTypeJson(v.type()));
      return Encode(v, v.type(), depth + 1);
    }
    if (!v.is_known()) {
      WriteUnknown(writer_, v.refinements(), type);
      return Status::Ok();
    }
    if (v.is_null()) {
      writer_.Nil();
      return Status::Ok();
    }
    if (v.type().kind() != type.kind()) {
      return path_.Error(Mismatch(type, v.type().FriendlyName().c_str()));
    }
    if (!type.is_primitive() && depth >= kMaxMsgpackDepth) return path_.Error("nested too deeply");
    switch (type.kind()) {
      case TypeKind::kString:
        if (!FitsLength(v.AsString().size())) return path_.Error("string too long for msgpack");
        writer_.Str(v.AsString());
        return Status::Ok();
      case TypeKind::kNumber:
        if (numbers_ == NumberEncoding::kDecimalText && !v.AsNumber().is_infinite()) {
          writer_.Str(v.AsNumber().ToString());
        } else {
          WriteNumber(writer_, v.AsNumber());
        }
        return Status::Ok();
      case TypeKind::kBool:
        writer_.Bool(v.AsBool());
        return Status::Ok();
      case TypeKind::kList:
      case TypeKind::kSet:
      case TypeKind::kTuple:
        return EncodeSequence(v, type, depth);
      case TypeKind::kMap:
        return EncodeMap(v, type, depth);
      case TypeKind::kObject:
        return EncodeObject(v, type, depth);
      case TypeKind::kDynamic:
        break;
    }
    return Status::Ok();
  }

  static bool FitsLength(size_t n) { return n <= std::numeric_limits<uint32_t>::max(); }

  Status EncodeSequence(const Value& v, const Type& type, int depth) {
    const auto& elements = v.AsElements();
    const bool tuple = type.kind() == TypeKind::kTuple;
    if (tuple && elements.size() != type.tuple_elements().size()) {
      return path_.Error("expected a tuple of " + std::to_string(type.tuple_elements().size()) +
                         " elements, got " + std::to_string(elements.size()));
    }
    if (!FitsLength(elements.size())) return path_.Error("too many elements for msgpack");
    writer_.ArrayHeader(static_cast<uint32_t>(elements.size()));
    for (size_t i = 0; i < elements.size(); ++i) {
      Path::Step step(path_, Path::Index(i));
      Status s = Encode(elements[i], tuple ? type.tuple_elements()[i] : type.element(), depth + 1);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  Status EncodeMap(const Value& v, const Type& type, int depth) {
    const auto& entries = v.AsAttributes();
    if (!FitsLength(entries.size())) return path_.Error("too many elements for msgpack");
    writer_.MapHeader(static_cast<uint32_t>(entries.size()));
    for (const auto& [key, element] : entries) {  // std::map: byte order, as go-cty
      Path::Step step(path_, Path::Key(key));
      if (!FitsLength(key.size())) return path_.Error("key too long for msgpack");
      writer_.Str(key);
      Status s = Encode(element, type.element(), depth + 1);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  Status EncodeObject(const Value& v, const Type& type, int depth) {
    const auto& attrs = v.AsAttributes();
    for (const auto& [name, unused] : attrs) {
      if (!type.attributes().contains(name)) {
        return path_.Error("unsupported attribute \"" + name + "\"");
      }
    }
    writer_.MapHeader(static_cast<uint32_t>(type.attributes().size()));
    for (const auto& [name, attr_type] : type.attributes()) {
      Path::Step step(path_, Path::Attr(name));
      writer_.Str(name);
      auto it = attrs.find(name);
      Status s =
          Encode(it == attrs.end() ? Value::Null(attr_type) : it->second, attr_type, depth + 1);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  NumberEncoding numbers_;
  MsgpackWriter writer_;
  Path path_;
};

}  // namespace

Result<Value> DecodeMsgpack(std::string_view bytes, const Type& type) {
  return Decoder(bytes).DecodeAll(type);
}

Result<std::string> EncodeMsgpack(const Value& value, const Type& type, NumberEncoding numbers) {
  return Encoder(numbers).EncodeAll(value, type);
}

}  // namespace tfplugin::cty
