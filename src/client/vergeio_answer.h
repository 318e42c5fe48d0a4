// Reading VergeIO (VergeOS) v4 answers strictly: a 2xx body that is not JSON,
// is cut short, or lacks a field that was asked for is an error naming what
// was wrong, never a zero value (a zero VM key reads as "no VM", a zero
// `created` as 1970).
//
// Shapes, from the public sources:
//   - "$key" is a number in rows and a string in POST answers
//     ({"location":"/v4/vms/36","dbpath":"vms/36","$row":36,"$key":"36"},
//     verge-io/docs api-guide.md); both are read.
//   - Error bodies are {"err":"text"}, {"err":true,"message":"text"},
//     {"error":"text"} or {"message":"text"} (verge-io/PSVergeOS
//     Private/Invoke-VergeAPI.ps1).
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"

namespace vers::client {

// Typed reads of one answer row. The first problem is kept (later reads
// return zero values) and reported by status(), naming the field and the
// request (`context`, e.g. "GET /v4/vms/3").
class VergeioRow {
 public:
  // The parser that holds `row` must outlive this reader (an element points
  // into its document).
  VergeioRow(simdjson::dom::element row, std::string context)
      : row_(row), context_(std::move(context)) {}

  // "$key": a positive integer, or a string of decimal digits.
  int64_t Key();
  // A number, or a string of decimal digits. `null_as` is the value of a
  // JSON null (nullopt: null is an error).
  int64_t Int(const char* field, std::optional<int64_t> null_as = std::nullopt);
  // A string; null reads as "".
  std::string Str(const char* field);
  // true or false; anything else is a problem.
  bool Bool(const char* field);

  // OK, or the first problem met by the reads so far.
  const Status& status() const { return status_; }

 private:
  // The member `field`, or nullopt (recording why) when it is absent.
  std::optional<simdjson::dom::element> Member(const char* field);
  void Fail(const std::string& what);

  simdjson::dom::element row_;
  std::string context_;
  Status status_;
};

// Parses a 2xx `body` and calls `each` for its rows: the array's objects when
// `want_array`, else the one object. Errors: the body is not JSON (or cut
// short), has the other shape, a row is not an object, or `each` (or a read
// it made) failed.
Status ReadRows(const std::string& body, const std::string& context, bool want_array,
                const std::function<Status(VergeioRow&)>& each);

// The key of a create answer ({"$key": "36", ...}).
Result<int64_t> ReadCreatedKey(const std::string& body, const std::string& context);

// The server's words in an error body (see above); for a body that is not
// one of those shapes, its first 200 characters; "" for an empty body.
std::string ErrorText(const std::string& body);

// A string literal for a VergeIO filter: quoted with ', and the three
// characters the filter grammar reserves inside a literal -- \ ' { -- escaped
// with a backslash. Measured on VergeOS 26.1.8 (verge-io/ansible-collection-
// vergeos docs/KNOWN-BUGS.md, B1 and B19): 'zz-o''brien' is refused with
// 422 "Invalid argument" while 'zz-o\'brien' works, and an unescaped {x}
// is consumed by the grammar so that 'br{x}ace' matches "brace".
std::string FilterLiteral(const std::string& s);

}  // namespace vers::client
