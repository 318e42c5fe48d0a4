// HttpClient::Stream: one request whose answer is read as it arrives (the
// Vers API's NDJSON exec streams), for callers that resume a broken stream
// themselves instead of sending the request again.
#include <curl/curl.h>

#include "base/log.h"
#include "client/http_client.h"
#include "client/http_curl.h"
#include "client/tls_failure.h"

namespace vers::client {
namespace {

struct Sink {
  CURL* curl = nullptr;
  const std::function<bool(std::string_view)>* on_body = nullptr;
  std::string* error_body = nullptr;
};

// A 2xx body goes to the caller's function; any other is kept (it holds the
// API's error text).
size_t Deliver(char* data, size_t size, size_t n, void* out) {
  auto* sink = static_cast<Sink*>(out);
  long status = 0;
  curl_easy_getinfo(sink->curl, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) {
    return (*sink->on_body)(std::string_view(data, size * n)) ? size * n : 0;
  }
  if (sink->error_body->size() < 65536) sink->error_body->append(data, size * n);
  return size * n;
}

}  // namespace

Result<HttpResponse> HttpClient::Stream(const HttpRequest& request,
                                        std::chrono::steady_clock::time_point deadline,
                                        const std::string& accept,
                                        const std::function<bool(std::string_view)>& on_body) {
  if (Stopped()) return Status::Cancelled("cancelled: " + request.method + " " + request.path);
  auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  if (remaining.count() <= 0)
    return Status::Timeout(request.method + " " + request.path +
                           " did not finish before the timeout");
  const std::string url = options_.base_url + request.path;
  auto handle = Acquire();
  CURL* c = handle->get();
  std::unique_ptr<curl_slist, SlistDeleter> headers(RequestHeaders(request, accept.c_str()));
  HttpResponse resp;
  char errbuf[CURL_ERROR_SIZE] = {0};
  Configure(c, url, request, headers.get(), errbuf, remaining.count(), /*abort_on_stop=*/true);
  Sink sink{c, &on_body, &resp.body};
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Deliver);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &resp.retry_after);
  // A peer that vanished without a word is noticed while the command is
  // silent, not only at the deadline.
  curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(c, CURLOPT_TCP_KEEPIDLE, 30L);
  curl_easy_setopt(c, CURLOPT_TCP_KEEPINTVL, 10L);
  ForgetCertificateVerification();
  CURLcode rc = curl_easy_perform(c);
  requests_sent_++;
  CountConnections(c);
  resp.attempts = 1;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp.status);
  const bool nothing_sent = rc != CURLE_OK && NothingSent(rc, c);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
  Release(std::move(handle));
  log::Debug("vers api stream", {{"method", request.method},
                                 {"path", request.path},
                                 {"status", std::to_string(resp.status)},
                                 {"curl", curl_easy_strerror(rc)}});
  if (rc == CURLE_OK) return resp;
  if (rc == CURLE_ABORTED_BY_CALLBACK && Stopped())
    return Status::Cancelled("cancelled: " + request.method + " " + request.path);
  std::string why =
      std::string(curl_easy_strerror(rc)) + (errbuf[0] != '\0' ? std::string(": ") + errbuf : "");
  if (auto tls = PermanentTlsFailure(rc, why, options_.ca_cert_file))
    return Status::Error(request.method + " " + url + " failed: " + *tls);
  if (rc == CURLE_OPERATION_TIMEDOUT && std::chrono::steady_clock::now() >= deadline)
    return Status::Timeout(request.method + " " + request.path +
                           " did not finish before the timeout");
  resp.broken = true;
  resp.nothing_sent = nothing_sent;
  resp.error = why;
  return resp;
}

}  // namespace vers::client
