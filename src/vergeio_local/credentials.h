// Credentials: the emulator's one login ("admin" with a random password) and
// the API tokens issued for it, kept in DIR/auth.json (0600) so that both
// survive a restart. A request is authenticated by either
//   Authorization: Basic base64(admin:password)   or   x-yottabyte-token: <token>
// Thread-safe. Secrets never appear in error messages.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "base/mutex.h"
#include "base/status.h"

namespace vers::vergeio {

class Credentials {
 public:
  static constexpr std::string_view kUsername = "admin";

  // Loads DIR/auth.json, creating it with a new random password when missing.
  static Result<std::unique_ptr<Credentials>> Open(const std::string& dir);

  // Only Open can make the key; the constructor is public for make_unique.
  class OpenKey {
    friend class Credentials;
    OpenKey() = default;
  };
  Credentials(OpenKey, std::string dir, std::string password, std::set<std::string> tokens)
      : dir_(std::move(dir)), password_(std::move(password)), tokens_(std::move(tokens)) {}
  Credentials(const Credentials&) = delete;
  Credentials& operator=(const Credentials&) = delete;

  const std::string& password() const { return password_; }
  // A new 40-hex-digit token for a correct login; Unauthorized otherwise.
  Result<std::string> IssueToken(std::string_view login, std::string_view password);
  // Ends a live token; NotFound when it is not one.
  Status RevokeToken(std::string_view token);
  // Whether the Authorization and x-yottabyte-token header values (either
  // may be empty) authenticate a request.
  bool Accepts(std::string_view authorization, std::string_view token) const;
  int64_t LiveTokens() const;

 private:
  bool LoginMatches(std::string_view login, std::string_view password) const;
  // Writes auth.json with `tokens` as the live tokens.
  Status Save(const std::set<std::string>& tokens) const;

  const std::string dir_;
  const std::string password_;
  mutable base::Mutex mu_;
  std::set<std::string> tokens_ GUARDED_BY(mu_);
};

}  // namespace vers::vergeio
