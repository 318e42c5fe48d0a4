// VergeioClient's plumbing: sending a call and mapping its answer, and
// creating a row without ever creating it twice.
#include <thread>

#include "base/base64.h"
#include "client/vergeio_answer.h"
#include "client/vergeio_client.h"

namespace vers::client {

namespace {

HttpOptions ToHttp(const VergeioOptions& o, int max_attempts) {
  HttpOptions h;
  h.base_url = o.base_url + "/api";
  h.authorization = "Basic " + base::Base64Encode(o.username + ":" + o.password);
  h.ca_cert_file = o.ca_cert_file;
  h.insecure = o.insecure;
  h.max_attempts = max_attempts;
  h.base_delay = o.retry_delay;
  h.max_delay = o.retry_delay;
  h.user_agent = "terraform-provider-vers (vergeio)";
  return h;
}

std::string Route(const std::string& method, const std::string& path) {
  return method + " " + path.substr(0, path.find('?'));
}

// The Status of a non-2xx answer, with the server's words.
Status Refusal(const std::string& method, const std::string& path, const HttpResponse& r,
               const std::string& attempts_note) {
  std::string err = ErrorText(r.body);
  std::string message = "VergeIO refused " + Route(method, path) + " (HTTP " +
                        std::to_string(r.status) + ")" + (err.empty() ? "" : ": " + err) +
                        attempts_note;
  return RefusalStatus(r.status, std::move(message), "Check the VergeIO username and password.");
}

}  // namespace

VergeioClient::VergeioClient(VergeioOptions options, const std::atomic<bool>* stop)
    : http_(ToHttp(options, options.retry_attempts + 1), stop),
      // A POST, once sent, is seen through even when asked to stop: its row
      // may exist, and only looking for it tells.
      once_(ToHttp(options, 1), nullptr),
      max_attempts_(options.retry_attempts + 1) {}

Result<std::string> VergeioClient::Call(HttpClient& http, const std::string& method,
                                        const std::string& path, const std::string& body,
                                        Deadline d) {
  auto resp = http.Send(HttpRequest{method, path, body}, d);
  if (!resp.ok()) return resp.status();
  const HttpResponse& r = resp.value();
  if (r.status >= 200 && r.status < 300) return r.body;
  if (r.status == 0)  // a POST sent, then no answer (HttpClient does not resend it)
    return Status::Error("VergeIO did not answer " + Route(method, path) + " (" + r.error + ")");
  bool retried = r.attempts > 1 || (&http == &http_ && IsRetryableStatus(r.status));
  return Refusal(method, path, r,
                 retried ? " — gave up after " + std::to_string(r.attempts) + " of " +
                               std::to_string(max_attempts_) + " attempts"
                         : "");
}

Result<std::set<int64_t>> VergeioClient::KeysMatching(HttpClient& http, const std::string& table,
                                                      const std::string& identity, Deadline d) {
  std::string path = "/v4/" + table + "?fields=$key&filter=" + EscapePathSegment(identity);
  auto r = Call(http, "GET", path, "", d);
  if (!r.ok()) return r.status();
  std::set<int64_t> keys;
  Status s = ReadRows(r.value(), Route("GET", path), /*want_array=*/true, [&keys](VergeioRow& row) {
    keys.insert(row.Key());
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return keys;
}

Result<int64_t> VergeioClient::Create(const std::string& table, const std::string& body,
                                      const std::string& identity, Deadline d) {
  const std::string path = "/v4/" + table;
  auto before = KeysMatching(http_, table, identity, d);
  if (!before.ok()) return before.status();
  // The row we made, if it is there: one matching now that did not before.
  auto made = [&]() -> Result<std::optional<int64_t>> {
    auto now = KeysMatching(once_, table, identity, d);
    if (!now.ok()) return now.status();
    for (int64_t k : now.value())
      if (!before.value().contains(k)) return std::optional<int64_t>(k);
    return std::optional<int64_t>();
  };
  bool maybe_made = false;  // a POST may have created the row
  std::string last_post, last_lookup;
  int attempt = 1;
  for (;; ++attempt) {
    std::string retry_after;
    if (maybe_made) {
      auto found = made();
      if (found.ok() && found.value()) return *found.value();
      if (found.ok()) maybe_made = false;  // it is not there: posting again is safe
      last_lookup = found.ok() ? "" : found.status().message();
    }
    if (!maybe_made) {
      auto resp = once_.Send(HttpRequest{"POST", path, body}, d);
      // Cancelled or timed out before it was sent: nothing was made.
      if (!resp.ok() && resp.status().code() != Status::Code::kError) return resp.status();
      maybe_made = true;
      if (!resp.ok()) {
        last_post = resp.status().message();
      } else if (resp.value().status >= 200 && resp.value().status < 300) {
        auto key = ReadCreatedKey(resp.value().body, "POST " + path);
        if (key.ok()) return key;
        // Created, but the answer is unreadable: find the row, never post again.
        auto found = made();
        if (found.ok() && found.value()) return *found.value();
        return key.status();
      } else if (resp.value().status == 0) {  // sent, then no answer: it may exist
        last_post = "VergeIO did not answer POST " + path + " (" + resp.value().error + ")";
      } else {
        const HttpResponse& r = resp.value();
        Status refused = Refusal("POST", path, r, "");
        if (r.status == 409) {  // already there: ours from a lost answer, or someone else's
          auto found = made();
          if (found.ok() && found.value()) return *found.value();
          return refused;
        }
        if (!IsRetryableStatus(r.status)) return refused;
        last_post = refused.message();
        retry_after = r.retry_after;
      }
    }
    if (attempt >= max_attempts_ || std::chrono::steady_clock::now() >= d) break;
    auto delay = std::min(once_.RetryDelay(attempt, retry_after),
                          std::chrono::duration_cast<std::chrono::milliseconds>(
                              d - std::chrono::steady_clock::now()));
    if (delay.count() > 0) std::this_thread::sleep_for(delay);
  }
  if (maybe_made) {  // the last POST may have gone through
    auto found = made();
    if (found.ok() && found.value()) return *found.value();
    last_lookup = found.ok() ? "" : found.status().message();
  }
  return Status::Error(
      last_post + " — gave up after " + std::to_string(attempt) + " of " +
      std::to_string(max_attempts_) + " attempts" +
      (last_lookup.empty()
           ? ""
           : "; looking for the " + table + " row it may have made also failed: " + last_lookup));
}

}  // namespace vers::client
