// The libcurl side of HttpClient: callbacks, and how a request is set on an
// easy handle (URL, headers, timeouts, trust).
#include "client/http_curl.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "client/tls_failure.h"

namespace vers::client {

size_t CaptureRetryAfter(char* data, size_t size, size_t n, void* out) {
  std::string line(data, size * n);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    std::string lower = line.substr(0, kName.size());
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (lower == kName) {
      std::string value = line.substr(kName.size());
      value.erase(0, value.find_first_not_of(" \t"));
      value.erase(value.find_last_not_of(" \t\r\n") + 1);
      *static_cast<std::string*>(out) = value;
    }
  }
  return size * n;
}

int AbortWhenStopped(void* stop, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* flag = static_cast<const std::atomic<bool>*>(stop);
  return flag != nullptr && flag->load() ? 1 : 0;
}

bool NothingSent(CURLcode rc, CURL* c) {
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      break;
  }
  long sent = 0;
  curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, &sent);
  return sent == 0;
}

namespace {

// Whether libcurl has a default CA bundle file that can be read (then it
// holds the system trust by itself, without the CA directory).
bool HaveDefaultCaBundle(CURL* c) {
  static const bool have = [c] {
    char* bundle = nullptr;
    return curl_easy_getinfo(c, CURLINFO_CAINFO, &bundle) == CURLE_OK && bundle != nullptr &&
           ::access(bundle, R_OK) == 0;
  }();
  return have;
}

}  // namespace

curl_slist* HttpClient::RequestHeaders(const HttpRequest& request, const char* accept) const {
  curl_slist* headers = nullptr;
  auto add = [&headers](const std::string& h) { headers = curl_slist_append(headers, h.c_str()); };
  if (!options_.authorization.empty()) {
    add("Authorization: " + options_.authorization);
  } else {
    add("Authorization: Bearer " + options_.bearer_token);
  }
  add(std::string("Accept: ") + accept);
  if (!request.body_file.empty()) {
    add("Content-Type: " + request.content_type);
  } else if (!request.body.empty()) {
    add("Content-Type: application/json");
  }
  return headers;
}

void HttpClient::Configure(void* c, const std::string& url, const HttpRequest& request,
                           curl_slist* headers, char* errbuf, long long timeout_ms,
                           bool abort_on_stop) const {
  curl_easy_reset(c);  // keeps the connection cache: connections are reused
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (request.method != "GET") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, CaptureRetryAfter);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, AbortWhenStopped);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, abort_on_stop ? stop_ : nullptr);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  if (!options_.ca_cert_file.empty())
    curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_cert_file.c_str());
  // Trust comes from one bundle file, ca_cert_file or libcurl's default
  // (on Debian the system bundle, which holds what /etc/ssl/certs does),
  // never from a CA directory: libcurl caches the parsed store of a bundle
  // across connections only when no CA directory is set (CURLOPT_CAPATH;
  // curl lib/vtls/openssl.c Curl_ssl_setup_x509_store, "cache_criteria_met"),
  // and otherwise parses the whole bundle again for every new connection.
  if (options_.ca_cert_file.empty() ? HaveDefaultCaBundle(c) : true)
    curl_easy_setopt(c, CURLOPT_CAPATH, nullptr);
  if (options_.insecure) {
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  } else {
    WatchCertificateVerification(c);
  }
}

}  // namespace vers::client
