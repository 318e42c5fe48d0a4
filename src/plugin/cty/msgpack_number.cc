// cty numbers on the msgpack wire: WriteNumber and ReadNumber.
#include "plugin/cty/msgpack_wire.h"

namespace tfplugin::cty {

void WriteNumber(MsgpackWriter& writer, const Number& n) {
  if (n.is_infinite()) return writer.Float64(*n.ToExactDouble());
  if (auto i = n.ToInt64()) return writer.Int(*i);
  // go-cty only uses a float for non-integers: an integer beyond int64 goes
  // as text even when a double could hold it (2^70).
  if (!n.is_integer()) {
    if (auto d = n.ToExactDouble()) return writer.Float64(*d);
  }
  writer.Str(n.ToString());
}

Result<Number> ReadNumber(const WireHeader& header, MsgpackReader& reader) {
  switch (header.kind) {
    case WireKind::kInt:
      return Number::FromInt(header.int_value);
    case WireKind::kUint:
      return Number::FromUint(header.uint_value);
    case WireKind::kFloat:
      return Number::FromDouble(header.float_value);
    case WireKind::kStr:
    case WireKind::kBin: {
      auto text = reader.ReadBody(header.length);
      if (!text.ok()) return text.status();
      auto n = Number::Parse(text.value());
      // Parse's message quotes the text; values may be secret, so say less.
      if (!n.ok()) return Status::Error("string is not a valid number");
      return n;
    }
    default:
      return Status::Error(std::string("expected number, got ") + WireKindName(header.kind));
  }
}

}  // namespace tfplugin::cty
