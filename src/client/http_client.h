// HttpClient: JSON-over-HTTPS calls with the reliability a provider needs.
//
// - Connections are reused (a pool of libcurl handles, one per concurrent
//   call); HTTP(S)_PROXY / NO_PROXY are honoured (libcurl reads them).
// - Retries with exponential backoff and full jitter, honouring Retry-After,
//   until `max_attempts` or the call's deadline. What is retried depends on
//   the method, because the Vers API has no idempotency keys (its spec
//   documents none and the official SDKs send none):
//     GET, PATCH, DELETE set or read a state, so repeating them is harmless:
//       connection errors, 408, 429 and 5xx are retried.
//     POST creates: it is retried only when it certainly was not carried out
//       (no connection was made or no byte of it was sent, or 408, 429).
//       A POST that may have been carried out (the connection broke after it
//       was sent, or a 5xx) is returned at once, with status 0 when no answer
//       came, so that the caller looks for what it made before sending it
//       again (client/reconcile.h).
// - A server certificate that does not verify, or a CA file that cannot be
//   loaded, is final: one attempt, and an error that names ca_cert_file and
//   says it was not retried (client/tls_failure.h). A handshake cut off
//   without a failed certificate check is a connection error, retried.
// - The stop flag (StopProvider, Ctrl-C) aborts transfers and backoff sleeps
//   promptly with a kCancelled status, except for a PATCH or DELETE already
//   sent (seen through to its answer) and for `see_through` requests.
// - The bearer token is sent only in the Authorization header and never
//   logged or put into error text.
//
// Thread-safe: Send may be called concurrently.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/mutex.h"
#include "base/status.h"
#include "base/uuid.h"  // base::NewRandomUuid, for the client's users

struct curl_slist;  // libcurl's header list

namespace vers::client {

// How an HttpClient connects and retries; copied into the client. Each
// attempt may take attempt_timeout; retries back off from base_delay to
// max_delay (RetryDelay), up to max_attempts sends in all.
struct HttpOptions {
  std::string base_url;       // e.g. https://api.vers.sh/api/v1 (no trailing slash)
  std::string bearer_token;   // secret; sent as "Authorization: Bearer …" when set
  std::string authorization;  // secret; a whole Authorization value (e.g. "Basic …") instead
  std::string ca_cert_file;   // empty: the system trust store
  bool insecure = false;      // skip TLS verification
  std::chrono::milliseconds attempt_timeout{120000};
  int max_attempts = 6;
  std::chrono::milliseconds base_delay{250};
  std::chrono::milliseconds max_delay{20000};
  std::string user_agent = "terraform-provider-vers";
};

// One request; owned by value, never retained after Send returns.
struct HttpRequest {
  std::string method;  // GET, POST, PATCH, PUT, DELETE
  std::string path;    // appended to base_url; includes any query string
  std::string body;    // JSON, or empty
  // When set, the body is this file's content, streamed (not `body`), sent
  // as `content_type`; each attempt reads it from the start. Such a request
  // may take as long as its deadline allows (not attempt_timeout), and a
  // stop aborts it mid-transfer: a partial upload makes nothing.
  std::string body_file = "";
  std::string content_type = "application/octet-stream";
  // Sent and retried even after a stop: a lookup that tells what a create
  // already sent did, so that nothing it made is left unrecorded.
  bool see_through = false;
};

// What Send answers: an HTTP status and body, or status 0 with `error` when
// no answer came. A non-2xx status is an answer, not an error: callers map
// it with RefusalStatus.
struct HttpResponse {
  // 0: a POST got no answer after it was (possibly) sent; `error` says why.
  long status = 0;
  std::string body;
  std::string retry_after;  // raw header value, if any
  std::string error;        // transport failure text when status is 0
  int attempts = 0;         // how many times the request was sent
  // Stream only: the transfer broke (`error` says why) after `status` (0:
  // none) was received; `nothing_sent` when it broke before any byte of the
  // request left (then it was certainly not carried out).
  bool broken = false;
  bool nothing_sent = false;
};

class HttpClient {
 public:
  // `stop` (may be null) is read, never written; it must outlive the client.
  HttpClient(HttpOptions options, const std::atomic<bool>* stop);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `request`, retrying as described above. Returns the last response
  // received (any status; the caller interprets it), a status-0 response for
  // a POST that may have been carried out without an answer, or an error
  // when no response came: kCancelled (stopped before it was sent), kTimeout
  // (deadline passed), kError (transport failure after the last attempt,
  // with curl's reason).
  Result<HttpResponse> Send(const HttpRequest& request,
                            std::chrono::steady_clock::time_point deadline);

  // Sends `request` once and hands the body of a 2xx answer to `on_body` as
  // it arrives (on_body returning false ends the transfer, as broken); the
  // body of any other answer is returned in `body`. No retry: the caller
  // decides what a broken stream means (http_stream.cc). The transfer may
  // last until `deadline` (no per-attempt limit: a stream lasts as long as
  // what it streams); the stop flag ends it with kCancelled; kTimeout when
  // the deadline passes. `accept` is the Accept header's value.
  Result<HttpResponse> Stream(const HttpRequest& request,
                              std::chrono::steady_clock::time_point deadline,
                              const std::string& accept,
                              const std::function<bool(std::string_view)>& on_body);

  // Number of HTTP requests put on the wire, retries included (benchmarks).
  uint64_t requests_sent() const { return requests_sent_.load(); }
  // Number of connections opened for them (libcurl's CURLINFO_NUM_CONNECTS):
  // each pooled handle keeps its connection while the server does.
  uint64_t connections_made() const { return connections_made_.load(); }

  // The delay before retry number `attempt` (1-based): Retry-After when the
  // server gave one, else exponential backoff with full jitter. Exposed for
  // tests.
  std::chrono::milliseconds RetryDelay(int attempt, const std::string& retry_after) const;

 private:
  class Handle;
  std::unique_ptr<Handle> Acquire();
  void Release(std::unique_ptr<Handle> handle);
  bool Stopped() const { return stop_ != nullptr && stop_->load(); }
  // The request's headers (Authorization, Accept, Content-Type); the caller
  // frees them (curl_slist_free_all).
  ::curl_slist* RequestHeaders(const HttpRequest& request, const char* accept) const;
  // Resets the libcurl handle `curl` and sets everything but the body sink:
  // URL, method, body, headers, TLS trust, timeouts; the stop flag aborts
  // the transfer when `abort_on_stop`.
  void Configure(void* curl, const std::string& url, const HttpRequest& request,
                 ::curl_slist* headers, char* errbuf, long long timeout_ms,
                 bool abort_on_stop) const;
  // Adds the connections the transfer just done on `curl` opened.
  void CountConnections(void* curl);
  // Sleeps up to `d`, waking early when stopped; false if stopped.
  bool SleepUnlessStopped(std::chrono::milliseconds d) const;

  HttpOptions options_;
  const std::atomic<bool>* stop_;
  base::Mutex mu_;
  std::vector<std::unique_ptr<Handle>> idle_ GUARDED_BY(mu_);
  std::atomic<uint64_t> requests_sent_{0};
  std::atomic<uint64_t> connections_made_{0};
};

// The Status for an API's refusal (`http_status` not 2xx) described by
// `message`: kNotFound for 404, kConflict for 409, kUnauthorized for 401/403
// (with `credentials_hint`, which says what to check, appended), else kError.
Status RefusalStatus(long http_status, std::string message, const std::string& credentials_hint);

// Whether a response status is worth retrying (408, 429, 5xx).
bool IsRetryableStatus(long status);

// Whether a POST answered with `status` may have been carried out: no answer
// (0) or a server error (5xx). 408 and 429 say it was not; other statuses
// are the server's decision.
bool MayHaveBeenCarriedOut(long status);

// Percent-encodes everything but unreserved characters (RFC 3986), for a
// path segment or a query value that comes from users.
std::string EscapePathSegment(const std::string& s);

}  // namespace vers::client
