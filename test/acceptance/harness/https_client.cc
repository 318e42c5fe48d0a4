#include "https_client.h"

#include <httplib.h>
#include <openssl/evp.h>

namespace vers::acceptance {

Result<std::string> HttpsClient::Call(const std::string& method, const std::string& path,
                                      const std::string& body) const {
  httplib::SSLClient client(host_, port_);
  client.set_ca_cert_path(ca_file_.c_str());
  client.enable_server_certificate_verification(true);
  client.set_connection_timeout(30);
  client.set_read_timeout(120);
  httplib::Headers headers;
  if (!authorization_.empty()) headers.emplace("Authorization", authorization_);
  const char* json = "application/json";
  auto call_it = [&]() -> httplib::Result {
    if (method == "GET") return client.Get(path, headers);
    if (method == "DELETE") return client.Delete(path, headers, body, json);
    if (method == "POST") return client.Post(path, headers, body, json);
    if (method == "PUT") return client.Put(path, headers, body, json);
    return client.Patch(path, headers, body, json);
  };
  if (method != "GET" && method != "DELETE" && method != "POST" && method != "PUT" &&
      method != "PATCH")
    return Status::Error("unsupported method " + method);
  httplib::Result res = call_it();
  std::string call = method + " " + path;
  if (!res) return Status::Error(call + ": " + httplib::to_string(res.error()));
  if (res->status < 200 || res->status > 299)
    return Status::Error(call + ": HTTP " + std::to_string(res->status) + ": " + res->body);
  return res->body;
}

Result<HttpsUrl> ParseHttpsUrl(const std::string& url) {
  const std::string scheme = "https://";
  if (!url.starts_with(scheme)) return Status::Error("not an https URL: " + url);
  std::string rest = url.substr(scheme.size());
  HttpsUrl parsed;
  auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  parsed.path = slash == std::string::npos ? "" : rest.substr(slash);
  auto colon = authority.rfind(':');
  parsed.host = authority.substr(0, colon);
  if (colon != std::string::npos) parsed.port = std::stoi(authority.substr(colon + 1));
  return parsed;
}

std::string BasicAuthorization(const std::string& user, const std::string& password) {
  std::string plain = user + ":" + password;
  std::string encoded(4 * ((plain.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                          reinterpret_cast<const unsigned char*>(plain.data()), plain.size());
  encoded.resize(n);
  return "Basic " + encoded;
}

}  // namespace vers::acceptance
