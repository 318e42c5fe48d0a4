// HTTPS calls to the emulators' APIs (vers-local's API and admin API,
// vergeio-local's API), trusting only the emulator's own CA, as the bash
// tests' curl --cacert calls did.
#pragma once

#include <string>

#include "base/status.h"

namespace vers::acceptance {

class HttpsClient {
 public:
  // Calls https://host:port; `authorization` is the Authorization header's
  // value (none is sent when it is empty).
  HttpsClient(std::string host, int port, std::string ca_file, std::string authorization)
      : host_(std::move(host)),
        port_(port),
        ca_file_(std::move(ca_file)),
        authorization_(std::move(authorization)) {}

  // METHOD path with a JSON `body` (none when empty); the answer's body, or an
  // error naming the call and the status when it is not 2xx (as curl --fail).
  Result<std::string> Call(const std::string& method, const std::string& path,
                           const std::string& body = "") const;

 private:
  std::string host_;
  int port_;
  std::string ca_file_;
  std::string authorization_;
};

// Splits "https://host:port/prefix" into its parts; an error when it is not so.
struct HttpsUrl {
  std::string host;
  int port = 443;
  std::string path;  // "/api/v1" or ""
};
Result<HttpsUrl> ParseHttpsUrl(const std::string& url);

// "Basic base64(user:password)".
std::string BasicAuthorization(const std::string& user, const std::string& password);

}  // namespace vers::acceptance
