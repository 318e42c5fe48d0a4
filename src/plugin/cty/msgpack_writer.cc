// MsgpackWriter: each item in its smallest encoding.
#include <bit>
#include <limits>

#include "plugin/cty/msgpack_wire.h"

namespace tfplugin::cty {

void MsgpackWriter::BigEndian(uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out_ += static_cast<char>((v >> (8 * i)) & 0xff);
}

void MsgpackWriter::CodeAndLength(uint8_t code, uint64_t length, int bytes) {
  out_ += static_cast<char>(code);
  BigEndian(length, bytes);
}

void MsgpackWriter::Uint(uint64_t v) {
  if (v <= 0x7f) {
    out_ += static_cast<char>(v);
  } else if (v <= 0xff) {
    CodeAndLength(0xcc, v, 1);
  } else if (v <= 0xffff) {
    CodeAndLength(0xcd, v, 2);
  } else if (v <= 0xffffffff) {
    CodeAndLength(0xce, v, 4);
  } else {
    CodeAndLength(0xcf, v, 8);
  }
}

void MsgpackWriter::Int(int64_t v) {
  // Non-negative values use the unsigned forms, as the Go encoder does.
  if (v >= 0) return Uint(static_cast<uint64_t>(v));
  auto bits = static_cast<uint64_t>(v);
  if (v >= -32) {
    out_ += static_cast<char>(bits & 0xff);
  } else if (v >= std::numeric_limits<int8_t>::min()) {
    CodeAndLength(0xd0, bits, 1);
  } else if (v >= std::numeric_limits<int16_t>::min()) {
    CodeAndLength(0xd1, bits, 2);
  } else if (v >= std::numeric_limits<int32_t>::min()) {
    CodeAndLength(0xd2, bits, 4);
  } else {
    CodeAndLength(0xd3, bits, 8);
  }
}

void MsgpackWriter::Float64(double v) { CodeAndLength(0xcb, std::bit_cast<uint64_t>(v), 8); }

void MsgpackWriter::Str(std::string_view s) {
  if (s.size() < 32) {
    out_ += static_cast<char>(0xa0 | s.size());
  } else if (s.size() <= 0xff) {
    CodeAndLength(0xd9, s.size(), 1);
  } else if (s.size() <= 0xffff) {
    CodeAndLength(0xda, s.size(), 2);
  } else {
    CodeAndLength(0xdb, s.size(), 4);
  }
  out_ += s;
}

void MsgpackWriter::Bin(std::string_view b) {
  // The Go encoder has no "fixbin"; bin 8 is its smallest form.
  if (b.size() <= 0xff) {
    CodeAndLength(0xc4, b.size(), 1);
  } else if (b.size() <= 0xffff) {
    CodeAndLength(0xc5, b.size(), 2);
  } else {
    CodeAndLength(0xc6, b.size(), 4);
  }
  out_ += b;
}

void MsgpackWriter::ArrayHeader(uint32_t length) {
  if (length < 16) {
    out_ += static_cast<char>(0x90 | length);
  } else if (length <= 0xffff) {
    CodeAndLength(0xdc, length, 2);
  } else {
    CodeAndLength(0xdd, length, 4);
  }
}

void MsgpackWriter::MapHeader(uint32_t length) {
  if (length < 16) {
    out_ += static_cast<char>(0x80 | length);
  } else if (length <= 0xffff) {
    CodeAndLength(0xde, length, 2);
  } else {
    CodeAndLength(0xdf, length, 4);
  }
}

void MsgpackWriter::ExtHeader(int8_t type, uint32_t length) {
  switch (length) {
    case 1:
      out_ += '\xd4';
      break;
    case 2:
      out_ += '\xd5';
      break;
    case 4:
      out_ += '\xd6';
      break;
    case 8:
      out_ += '\xd7';
      break;
    case 16:
      out_ += '\xd8';
      break;
    default:
      if (length <= 0xff) {
        CodeAndLength(0xc7, length, 1);
      } else if (length <= 0xffff) {
        CodeAndLength(0xc8, length, 2);
      } else {
        CodeAndLength(0xc9, length, 4);
      }
  }
  out_ += static_cast<char>(type);
}

}  // namespace tfplugin::cty
