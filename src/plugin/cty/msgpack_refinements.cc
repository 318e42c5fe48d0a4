#include "plugin/cty/msgpack_refinements.h"

#include <limits>
#include <string_view>

#include "plugin/cty/msgpack.h"
#include "plugin/cty/msgpack_refinement_rules.h"

namespace tfplugin::cty {
namespace {

using refinement::EncodeBound;
using refinement::IsValidUtf8;
using refinement::kLengthMax;
using refinement::kLengthMin;
using refinement::kMaxRefinementBytes;
using refinement::kNullness;
using refinement::kNumberMax;
using refinement::kNumberMin;
using refinement::kRefinedUnknownExt;
using refinement::kStringPrefix;
using refinement::RefinementKey;
using refinement::SafePrefix;

Status Malformed(const std::string& why) {
  return Status::Error("malformed unknown value refinements: " + why);
}

Status ReadBound(MsgpackReader& r, std::optional<Number>& bound, bool& inclusive, bool lower) {
  auto h = r.ReadHeader();
  if (!h.ok() || h.value().kind != WireKind::kArray || h.value().length != 2) {
    return Malformed("number bound must be a [number, bool] array");
  }
  auto nh = r.ReadHeader();
  if (!nh.ok()) return nh.status();
  auto n = ReadNumber(nh.value(), r);
  if (!n.ok()) return Malformed("number bound: " + n.status().message());
  auto bh = r.ReadHeader();
  if (!bh.ok() || bh.value().kind != WireKind::kBool) {
    return Malformed("number bound must be a [number, bool] array");
  }
  bound = std::move(n).value();
  inclusive = bh.value().boolean;
  if (EncodeBound(bound, inclusive, lower).empty()) {  // trivial or oversized: drop
    bound.reset();
    inclusive = true;
  }
  return Status::Ok();
}

Result<int64_t> ReadLength(MsgpackReader& r) {
  auto h = r.ReadHeader();
  if (h.ok() && h.value().kind == WireKind::kInt) return h.value().int_value;
  if (h.ok() && h.value().kind == WireKind::kUint) {
    // Beyond int64 means "no limit", like int64's maximum itself.
    return static_cast<int64_t>(
        std::min<uint64_t>(h.value().uint_value, std::numeric_limits<int64_t>::max()));
  }
  return Malformed("length bound must be an integer");
}

}  // namespace

void WriteUnknown(MsgpackWriter& writer, const Refinements& r, const Type& type) {
  if (r.is_null == true && !type.is_dynamic()) return writer.Nil();
  MsgpackWriter body;
  uint32_t count = 0;
  auto key = [&](RefinementKey k) {
    body.Int(k);
    ++count;
  };
  if (!type.is_dynamic() && r.is_null == false) {
    key(kNullness);
    body.Bool(false);
  }
  if (type.kind() == TypeKind::kNumber) {
    std::string lower = EncodeBound(r.number_lower, r.number_lower_inclusive, true);
    std::string upper = EncodeBound(r.number_upper, r.number_upper_inclusive, false);
    if (!lower.empty()) {
      key(kNumberMin);
      body.Raw(lower);
    }
    if (!upper.empty()) {
      key(kNumberMax);
      body.Raw(upper);
    }
  } else if (type.kind() == TypeKind::kString && r.string_prefix) {
    std::string prefix = SafePrefix(*r.string_prefix);
    if (!prefix.empty()) {
      key(kStringPrefix);
      body.Str(prefix);
    }
  } else if (type.is_collection()) {
    if (r.length_lower && *r.length_lower != 0) {
      key(kLengthMin);
      body.Int(*r.length_lower);
    }
    if (r.length_upper && *r.length_upper != std::numeric_limits<int64_t>::max()) {
      key(kLengthMax);
      body.Int(*r.length_upper);
    }
  }
  if (count == 0) return writer.Raw(std::string_view("\xd4\x00\x00", 3));
  MsgpackWriter head;
  head.MapHeader(count);
  writer.ExtHeader(kRefinedUnknownExt,
                   static_cast<uint32_t>(head.bytes().size() + body.bytes().size()));
  writer.Raw(head.bytes());
  writer.Raw(body.bytes());
}

Result<Value> ReadUnknown(const WireHeader& header, MsgpackReader& reader, const Type& type) {
  auto body = reader.ReadBody(header.length);
  if (!body.ok()) return body.status();
  // go-cty writes a plain unknown as a one-byte body and ignores its content.
  if (header.length <= 1) return Value::Unknown(type);
  if (header.ext_type != kRefinedUnknownExt) {
    return Status::Error("unsupported msgpack extension type " + std::to_string(header.ext_type));
  }
  if (header.length > kMaxRefinementBytes) return Malformed("larger than 1 KiB");
  MsgpackReader r(body.value());
  auto map = r.ReadHeader();
  if (!map.ok() || map.value().kind != WireKind::kMap) return Malformed("not a map");
  if (type.is_dynamic()) return Value::Unknown(type);  // as go-cty: ignored for now

  Refinements rf;
  for (uint32_t i = 0; i < map.value().length; ++i) {
    auto k = r.ReadHeader();
    if (!k.ok()) return Malformed(k.status().message());
    if (k.value().kind != WireKind::kInt && k.value().kind != WireKind::kUint) {
      return Malformed("keys must be integers");
    }
    int64_t code = k.value().kind == WireKind::kInt ? k.value().int_value : -1;
    Status s;
    switch (code) {
      case kNullness: {
        auto b = r.ReadHeader();
        if (!b.ok() || b.value().kind != WireKind::kBool) return Malformed("nullness must be bool");
        rf.is_null = b.value().boolean;
        break;
      }
      case kStringPrefix: {
        if (type.kind() != TypeKind::kString) return Malformed("string prefix for a non-string");
        auto h = r.ReadHeader();
        if (!h.ok() || (h.value().kind != WireKind::kStr && h.value().kind != WireKind::kBin)) {
          return Malformed("string prefix must be a string");
        }
        auto text = r.ReadBody(h.value().length);
        if (!text.ok()) return Malformed(text.status().message());
        if (!IsValidUtf8(text.value())) return Malformed("string prefix is not valid UTF-8");
        std::string prefix = SafePrefix(std::string(text.value()));
        if (prefix.empty()) {
          rf.string_prefix.reset();
        } else {
          rf.string_prefix = std::move(prefix);
        }
        break;
      }
      case kNumberMin:
      case kNumberMax:
        if (type.kind() != TypeKind::kNumber) return Malformed("number bound for a non-number");
        s = code == kNumberMin ? ReadBound(r, rf.number_lower, rf.number_lower_inclusive, true)
                               : ReadBound(r, rf.number_upper, rf.number_upper_inclusive, false);
        if (!s.ok()) return s;
        break;
      case kLengthMin:
      case kLengthMax: {
        if (!type.is_collection()) return Malformed("length bound for a non-collection");
        auto len = ReadLength(r);
        if (!len.ok()) return len.status();
        if (code == kLengthMin) {
          // A lower bound of zero or less says nothing (go-cty ignores it).
          rf.length_lower = len.value() > 0 ? std::optional<int64_t>(len.value()) : std::nullopt;
        } else if (len.value() == std::numeric_limits<int64_t>::max()) {
          rf.length_upper.reset();
        } else {
          rf.length_upper = len.value();
        }
        break;
      }
      default:  // a future refinement: skip it, as go-cty does
        s = r.Skip(kMaxMsgpackDepth);
        if (!s.ok()) return Malformed(s.message());
    }
  }
  // Trailing bytes inside the body are ignored, as go-cty reserves them.

  if (rf.number_lower && rf.number_upper) {
    bool ok = rf.number_lower_inclusive != rf.number_upper_inclusive
                  ? *rf.number_lower < *rf.number_upper
                  : *rf.number_lower <= *rf.number_upper;
    if (!ok) return Malformed("number lower bound is above the upper bound");
  }
  if (rf.length_upper && *rf.length_upper < rf.length_lower.value_or(0)) {
    return Malformed("length upper bound is below the lower bound");
  }
  if (rf.is_null == true) return Value::Null(type);
  return Value::Unknown(type, std::move(rf));
}

}  // namespace tfplugin::cty
