// Status: the result of an operation that can fail on an expected path.
//
// A Status is either OK or carries a code and a human-readable message. It is
// a small value type, cheap to copy and move; functions that produce a value
// return Result<T> instead. Both are [[nodiscard]]: dropping one unread is a
// compile error, so a failure is always handled or discarded on purpose.
// Codes let callers branch on the expected failures (a resource gone, a
// conflict to wait out, a cancelled call); messages are for people and must
// never contain secrets.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace vers {

class [[nodiscard]] Status {
 public:
  // What kind of failure: callers branch on the expected ones.
  enum class Code { kOk, kError, kNotFound, kConflict, kUnauthorized, kCancelled, kTimeout };

  Status() = default;  // OK
  // One factory per code; the message says what failed, for people.
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(Code::kError, std::move(message)); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status Conflict(std::string m) { return Status(Code::kConflict, std::move(m)); }
  static Status Unauthorized(std::string m) { return Status(Code::kUnauthorized, std::move(m)); }
  static Status Cancelled(std::string m) { return Status(Code::kCancelled, std::move(m)); }
  static Status Timeout(std::string m) { return Status(Code::kTimeout, std::move(m)); }

  // The code, and shorthands for the codes callers test most.
  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  bool is_not_found() const { return code_ == Code::kNotFound; }
  bool is_conflict() const { return code_ == Code::kConflict; }
  // The error message; empty for OK.
  const std::string& message() const {
    static const std::string kEmpty;
    return message_ ? *message_ : kEmpty;
  }
  // The same code with `prefix` put before the message; OK stays OK.
  Status Annotate(const std::string& prefix) const {
    return ok() ? *this : Status(code_, prefix + message());
  }

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::optional<std::string> message_;
};

// Result<T> holds either a T or an error Status. Access value() only when ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}       // NOLINT: implicit by design
  Result(Status error) : v_(std::move(error)) {}  // NOLINT: must not be OK

  // True when it holds a value. value() of an error throws
  // std::bad_variant_access (a bug, not an expected path); status() is OK
  // when there is a value.
  bool ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace vers
