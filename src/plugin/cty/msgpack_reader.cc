// MsgpackReader: item headers and bodies, read without trusting lengths.
#include <bit>

#include "plugin/cty/msgpack_wire.h"

namespace tfplugin::cty {

const char* WireKindName(WireKind kind) {
  switch (kind) {
    case WireKind::kNil:
      return "nil";
    case WireKind::kBool:
      return "bool";
    case WireKind::kInt:
    case WireKind::kUint:
      return "integer";
    case WireKind::kFloat:
      return "float";
    case WireKind::kStr:
      return "string";
    case WireKind::kBin:
      return "binary";
    case WireKind::kArray:
      return "array";
    case WireKind::kMap:
      return "map";
    case WireKind::kExt:
      return "extension";
  }
  return "unknown";
}

Result<uint64_t> MsgpackReader::ReadBigEndian(int bytes) {
  if (remaining() < static_cast<size_t>(bytes)) return Status::Error("truncated msgpack input");
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<uint8_t>(data_[pos_++]);
  return v;
}

Result<WireHeader> MsgpackReader::ReadHeader() {
  if (at_end()) return Status::Error("truncated msgpack input");
  const auto code = static_cast<uint8_t>(data_[pos_++]);
  WireHeader h;
  // Sized items: `length_bytes` of big-endian length follow the code.
  int length_bytes = 0;
  if (code <= 0x7f || code >= 0xe0) {
    h.kind = WireKind::kInt;
    h.int_value = static_cast<int8_t>(code);  // positive and negative fixint
    return h;
  } else if (code <= 0x8f) {
    h.kind = WireKind::kMap;
    h.length = code & 0x0f;
  } else if (code <= 0x9f) {
    h.kind = WireKind::kArray;
    h.length = code & 0x0f;
  } else if (code <= 0xbf) {
    h.kind = WireKind::kStr;
    h.length = code & 0x1f;
  } else {
    switch (code) {
      case 0xc0:
        h.kind = WireKind::kNil;
        return h;
      case 0xc2:
      case 0xc3:
        h.kind = WireKind::kBool;
        h.boolean = code == 0xc3;
        return h;
      case 0xc4:
      case 0xc5:
      case 0xc6:  // bin 8/16/32
        h.kind = WireKind::kBin;
        length_bytes = 1 << (code - 0xc4);
        break;
      case 0xc7:
      case 0xc8:
      case 0xc9:  // ext 8/16/32
        h.kind = WireKind::kExt;
        length_bytes = 1 << (code - 0xc7);
        break;
      case 0xca:
      case 0xcb: {  // float 32/64
        auto bits = ReadBigEndian(code == 0xca ? 4 : 8);
        if (!bits.ok()) return bits.status();
        h.kind = WireKind::kFloat;
        h.float_value =
            code == 0xca
                ? static_cast<double>(std::bit_cast<float>(static_cast<uint32_t>(bits.value())))
                : std::bit_cast<double>(bits.value());
        return h;
      }
      case 0xcc:
      case 0xcd:
      case 0xce:
      case 0xcf: {  // uint 8/16/32/64
        auto v = ReadBigEndian(1 << (code - 0xcc));
        if (!v.ok()) return v.status();
        h.kind = WireKind::kUint;
        h.uint_value = v.value();
        return h;
      }
      case 0xd0:
      case 0xd1:
      case 0xd2:
      case 0xd3: {  // int 8/16/32/64
        int bytes = 1 << (code - 0xd0);
        auto v = ReadBigEndian(bytes);
        if (!v.ok()) return v.status();
        // Sign-extend from the encoded width.
        int shift = 64 - 8 * bytes;
        h.kind = WireKind::kInt;
        h.int_value = static_cast<int64_t>(v.value() << shift) >> shift;
        return h;
      }
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8:  // fixext 1/2/4/8/16
        h.kind = WireKind::kExt;
        h.length = 1u << (code - 0xd4);
        break;
      case 0xd9:
      case 0xda:
      case 0xdb:  // str 8/16/32
        h.kind = WireKind::kStr;
        length_bytes = 1 << (code - 0xd9);
        break;
      case 0xdc:
      case 0xdd:  // array 16/32
        h.kind = WireKind::kArray;
        length_bytes = code == 0xdc ? 2 : 4;
        break;
      case 0xde:
      case 0xdf:  // map 16/32
        h.kind = WireKind::kMap;
        length_bytes = code == 0xde ? 2 : 4;
        break;
      default:  // 0xc1 is reserved ("never used")
        return Status::Error("invalid msgpack code 0xc1");
    }
  }
  if (length_bytes > 0) {
    auto len = ReadBigEndian(length_bytes);
    if (!len.ok()) return len.status();
    h.length = static_cast<uint32_t>(len.value());
  }
  if (h.kind == WireKind::kExt) {
    auto type = ReadBigEndian(1);
    if (!type.ok()) return type.status();
    h.ext_type = static_cast<int8_t>(type.value());
  }
  // Each element takes at least one byte, so a count the input cannot hold is
  // malformed; rejecting it here makes reserving from it safe.
  uint64_t min_bytes = h.kind == WireKind::kMap ? uint64_t{h.length} * 2 : h.length;
  if (min_bytes > remaining()) return Status::Error("truncated msgpack input");
  return h;
}

Result<std::string_view> MsgpackReader::ReadBody(uint32_t length) {
  if (length > remaining()) return Status::Error("truncated msgpack input");
  std::string_view body = data_.substr(pos_, length);
  pos_ += length;
  return body;
}

Status MsgpackReader::Skip(int max_depth) {
  auto h = ReadHeader();
  if (!h.ok()) return h.status();
  switch (h.value().kind) {
    case WireKind::kStr:
    case WireKind::kBin:
    case WireKind::kExt:
      return ReadBody(h.value().length).status();
    case WireKind::kArray:
    case WireKind::kMap: {
      if (max_depth <= 0) return Status::Error("msgpack nesting too deep");
      uint64_t items = uint64_t{h.value().length} * (h.value().kind == WireKind::kMap ? 2 : 1);
      for (uint64_t i = 0; i < items; ++i) {
        Status s = Skip(max_depth - 1);
        if (!s.ok()) return s;
      }
      return Status::Ok();
    }
    default:
      return Status::Ok();
  }
}

}  // namespace tfplugin::cty
