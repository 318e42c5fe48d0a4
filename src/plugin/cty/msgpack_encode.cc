// EncodeMsgpack: a cty value to msgpack bytes as go-cty's msgpack.Marshal
// writes them.
#include <limits>

#include "plugin/cty/msgpack.h"
#include "plugin/cty/msgpack_path.h"
#include "plugin/cty/msgpack_refinements.h"
#include "plugin/cty/msgpack_wire.h"
#include "plugin/cty/type_json.h"

namespace tfplugin::cty {
namespace {

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
      return path_.Error(MsgpackMismatch(type, v.type().FriendlyName().c_str()));
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
      MsgpackPath::Step step(path_, MsgpackPath::Index(i));
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
      MsgpackPath::Step step(path_, MsgpackPath::Key(key));
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
      MsgpackPath::Step step(path_, MsgpackPath::Attr(name));
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
  MsgpackPath path_;
};

}  // namespace

Result<std::string> EncodeMsgpack(const Value& value, const Type& type, NumberEncoding numbers) {
  return Encoder(numbers).EncodeAll(value, type);
}

}  // namespace tfplugin::cty
