// Outcome<T>: a value or an API error carrying its HTTP status.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace vers::local {

struct ApiError {
  int status = 500;
  std::string message;  // never contains secrets
};

struct Done {};  // the value of operations that return nothing

template <typename T>
class [[nodiscard]] Outcome {
 public:
  Outcome(T v) : v_(std::move(v)) {}         // NOLINT: implicit by design
  Outcome(ApiError e) : v_(std::move(e)) {}  // NOLINT: implicit by design
  bool ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const { return std::get<T>(v_); }
  const ApiError& error() const { return std::get<ApiError>(v_); }

 private:
  std::variant<T, ApiError> v_;
};

inline ApiError NotFound(const std::string& what) { return {404, what + " not found"}; }
inline ApiError BadRequest(std::string m) { return {400, std::move(m)}; }
inline ApiError Forbidden(std::string m) { return {403, std::move(m)}; }
inline ApiError Conflict(std::string m) { return {409, std::move(m)}; }
inline ApiError Internal(std::string m) { return {500, std::move(m)}; }

}  // namespace vers::local
