// Byte-level MessagePack reading and writing, just what the cty codec needs.
//
// The reader never trusts a declared length: a string, binary or extension
// body must fit in the remaining input, and an array or map header must leave
// at least one byte per element (two per map entry) in the input, so callers
// may reserve() from a header's length without risking huge allocations.
// The writer picks the smallest encoding, exactly as the Go library behind
// go-cty does (vmihailenco/msgpack with compact ints), so what we write for a
// value is byte-identical to what Terraform would write for it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "plugin/base.h"
#include "plugin/cty/number.h"

namespace tfplugin::cty {

// The MessagePack item families, whatever their encoding width.
enum class WireKind { kNil, kBool, kInt, kUint, kFloat, kStr, kBin, kArray, kMap, kExt };

// A short English name ("array", "string") for error messages.
const char* WireKindName(WireKind kind);

// One item's header. Scalars carry their value; str/bin/ext carry the length
// of the body that follows (read it with ReadBody); array/map carry their
// element/entry count.
struct WireHeader {
  WireKind kind = WireKind::kNil;
  bool boolean = false;
  int64_t int_value = 0;    // kInt: every signed or fixint encoding
  uint64_t uint_value = 0;  // kUint: every unsigned encoding (positive fixint is kInt)
  double float_value = 0;   // kFloat: float32 widened exactly, or float64
  uint32_t length = 0;      // kStr/kBin/kExt body bytes; kArray elements; kMap entries
  int8_t ext_type = 0;      // kExt
};

// Reads items from `data`, which must outlive the reader; every read fails
// cleanly (a Status) on malformed input, never reading past the end.
class MsgpackReader {
 public:
  // Starts at the first byte of `data`.
  explicit MsgpackReader(std::string_view data) : data_(data) {}

  // Reads the next item's header (and a scalar's value). Fails on truncated
  // input, the reserved code 0xc1, or a length the remaining input cannot hold.
  Result<WireHeader> ReadHeader();
  // The `length` bytes that follow a str/bin/ext header.
  Result<std::string_view> ReadBody(uint32_t length);
  // Skips one whole item, nested ones included, at most `max_depth` deep.
  Status Skip(int max_depth);

  // Whether every byte was read, and how many are left.
  bool at_end() const { return pos_ == data_.size(); }
  size_t remaining() const { return data_.size() - pos_; }

 private:
  Result<uint64_t> ReadBigEndian(int bytes);

  std::string_view data_;
  size_t pos_ = 0;
};

// Appends items to a string it owns (take it with the accessor below); the
// writer cannot fail. Not thread-safe, as the reader.
class MsgpackWriter {
 public:
  // One item each, in the shortest encoding that holds it (non-negative
  // integers in the unsigned forms, as Go's encoder writes them). Array and
  // map headers are followed by `length` items (entries: key, then value);
  // an ext header by `length` bytes of Raw body.
  void Nil() { out_ += '\xc0'; }
  void Bool(bool b) { out_ += b ? '\xc3' : '\xc2'; }
  void Int(int64_t v);
  void Uint(uint64_t v);
  void Float64(double v);
  void Str(std::string_view s);
  void Bin(std::string_view b);
  void ArrayHeader(uint32_t length);
  void MapHeader(uint32_t length);
  void ExtHeader(int8_t type, uint32_t length);
  // Appends bytes that are already MessagePack.
  void Raw(std::string_view bytes) { out_ += bytes; }

  // The bytes so far; Take moves them out, leaving the writer empty.
  const std::string& bytes() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void BigEndian(uint64_t v, int bytes);
  // Writes a one-byte code followed by a big-endian length of `bytes` bytes.
  void CodeAndLength(uint8_t code, uint64_t length, int bytes);

  std::string out_;
};

// A cty number as go-cty writes it: an integer encoding when it is an int64,
// float64 when it is a non-integer that a double holds exactly, infinities as
// float64, and otherwise its canonical decimal text as a string.
void WriteNumber(MsgpackWriter& writer, const Number& n);
// Reads a number item whose header was just read: any int, uint or float
// width, or a str/bin holding number text. NaN and malformed text are errors.
Result<Number> ReadNumber(const WireHeader& header, MsgpackReader& reader);

}  // namespace tfplugin::cty
