#include "vergeio_local/credentials.h"

#include <openssl/crypto.h>

#include <optional>

#include "base/base64.h"
#include "base/json_writer.h"
#include "local/fs.h"
#include "local/ids.h"
#include "local/json_read.h"

namespace vers::vergeio {
namespace {

std::string AuthPath(const std::string& dir) { return dir + "/auth.json"; }

bool SecretEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Result<std::unique_ptr<Credentials>> Credentials::Open(const std::string& dir) {
  std::string path = AuthPath(dir);
  std::string password;
  std::set<std::string> tokens;
  if (local::PathExists(path)) {
    auto text = local::ReadFile(path);
    if (!text.ok()) return text.status();
    local::JsonDoc doc;
    if (!doc.Parse(text.value()).ok()) return Status::Error(path + ": invalid JSON");
    password = local::GetString(doc.root(), "password").value_or("");
    auto list = doc.root()["tokens"];
    if (!list.error() && list.value_unsafe().is_array()) {
      for (auto t : simdjson::dom::array(list.value_unsafe()))
        if (t.is_string()) tokens.insert(std::string(std::string_view(t)));
    }
  }
  if (password.empty()) password = local::RandomHex(16);
  auto c = std::make_unique<Credentials>(OpenKey(), dir, password, tokens);
  if (Status st = c->Save(tokens); !st.ok()) return st;
  return c;
}

bool Credentials::LoginMatches(std::string_view login, std::string_view password) const {
  // Both comparisons run, so that timing does not tell which one failed.
  bool user_ok = SecretEquals(login, kUsername);
  bool password_ok = SecretEquals(password, password_);
  return user_ok && password_ok;
}

Result<std::string> Credentials::IssueToken(std::string_view login, std::string_view password) {
  if (!LoginMatches(login, password)) return Status::Unauthorized("invalid login or password");
  std::string token = local::RandomHex(20);
  base::MutexLock lock(mu_);
  std::set<std::string> next = tokens_;
  next.insert(token);
  if (Status st = Save(next); !st.ok()) return st;
  tokens_ = std::move(next);
  return token;
}

Status Credentials::RevokeToken(std::string_view token) {
  base::MutexLock lock(mu_);
  auto it = tokens_.find(std::string(token));
  if (it == tokens_.end()) return Status::NotFound("no such token");
  std::set<std::string> next = tokens_;
  next.erase(std::string(token));
  if (Status st = Save(next); !st.ok()) return st;
  tokens_ = std::move(next);
  return Status::Ok();
}

bool Credentials::Accepts(std::string_view authorization, std::string_view token) const {
  if (!token.empty()) {
    base::MutexLock lock(mu_);
    if (tokens_.contains(std::string(token))) return true;
  }
  constexpr std::string_view kBasic = "Basic ";
  if (!authorization.starts_with(kBasic)) return false;
  auto decoded = base::Base64Decode(authorization.substr(kBasic.size()));
  if (!decoded) return false;
  size_t colon = decoded->find(':');
  if (colon == std::string::npos) return false;
  return LoginMatches(std::string_view(*decoded).substr(0, colon),
                      std::string_view(*decoded).substr(colon + 1));
}

int64_t Credentials::LiveTokens() const {
  base::MutexLock lock(mu_);
  return static_cast<int64_t>(tokens_.size());
}

Status Credentials::Save(const std::set<std::string>& tokens) const {
  JsonWriter w;
  w.BeginObject().Key("username").String(kUsername).Key("password").String(password_);
  w.Key("tokens").BeginArray();
  for (const auto& t : tokens) w.String(t);
  w.EndArray().EndObject();
  auto text = w.Take();
  if (!text.ok()) return Status::Error("auth.json: encoding failed");
  return local::WriteFileAtomic(AuthPath(dir_), text.value() + "\n", 0600);
}

}  // namespace vers::vergeio
