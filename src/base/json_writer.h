// JsonWriter: builds one JSON text incrementally, with correct escaping.
//
// Contract:
//  - Call the value methods (String, Number, Int, Uint, Double, Bool, Null,
//    Raw, BeginObject, BeginArray) to write values; inside an object every
//    value must be preceded by Key(). Commas and colons are inserted for you.
//    No whitespace is emitted (the output is compact).
//  - Strings and keys must be valid UTF-8; they are passed through as UTF-8,
//    with '"', '\\' and control characters (U+0000..U+001F) escaped
//    (base/json_string.h, JsonEscaping::kMinimal).
//  - Errors are sticky instead of thrown: invalid UTF-8, a malformed number,
//    a non-finite double or misuse (a value without a Key inside an object, a
//    Key outside an object, unbalanced End*, a second top-level value) record
//    the first error and make later calls no-ops. Take() reports it.
//  - Take() returns the text once exactly one complete top-level value has
//    been written, and resets the writer for reuse.
// Messages never include the offending string's content (it may be secret).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace vers {

class JsonWriter {
 public:
  // Opens and closes an object or array; an End without its Begin is an error.
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  // The name of the next object member.
  JsonWriter& Key(std::string_view key);

  // A string value; not valid UTF-8 is an error.
  JsonWriter& String(std::string_view s);
  // `text` must be JSON number syntax ("-12.5e3"); it is written verbatim so
  // arbitrary-precision numbers pass through exactly.
  JsonWriter& Number(std::string_view text);
  JsonWriter& Int(int64_t v);
  JsonWriter& Uint(uint64_t v);
  // Shortest text that reads back as the same double; NaN/infinity are errors.
  JsonWriter& Double(double v);
  JsonWriter& Bool(bool v);
  JsonWriter& Null();
  // A complete JSON value that the caller already encoded (e.g. a type
  // constraint); it is inserted verbatim and must be valid JSON.
  JsonWriter& Raw(std::string_view json);

  // Whether an error has been recorded yet, and the first one.
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  // The finished text, or the first error. Resets the writer either way.
  Result<std::string> Take();

  // `s` as a quoted JSON string, or an error when `s` is not valid UTF-8.
  static Result<std::string> Quote(std::string_view s);
  // True when `text` is exactly one JSON number (RFC 8259 grammar).
  static bool IsNumber(std::string_view text);

 private:
  struct Frame {
    bool object = false;
    bool empty = true;      // no member/element written yet (no comma needed)
    bool have_key = false;  // object only: Key() written, value pending
  };
  // Checks that a value may be written here and emits the separator.
  bool BeforeValue();
  // A finished top-level value completes the document.
  void AfterValue() {
    if (stack_.empty()) done_ = true;
  }
  void Fail(const char* message);
  JsonWriter& End(bool object);
  static bool AppendQuoted(std::string& out, std::string_view s);

  std::string out_;
  std::vector<Frame> stack_;
  bool done_ = false;  // a complete top-level value has been written
  Status status_;
};

}  // namespace vers
