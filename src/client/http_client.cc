#include "client/http_client.h"

#include <curl/curl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>
#include <thread>

#include "base/log.h"
#include "client/http_curl.h"
#include "client/tls_failure.h"

namespace vers::client {
namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};

// libcurl's read callback for a body streamed from a file.
size_t ReadFileBody(char* buffer, size_t size, size_t n, void* file) {
  return std::fread(buffer, 1, size * n, static_cast<FILE*>(file));
}

size_t AppendBody(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

}  // namespace

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

Status RefusalStatus(long http_status, std::string message, const std::string& credentials_hint) {
  switch (http_status) {
    case 404:
      return Status::NotFound(std::move(message));
    case 409:
      return Status::Conflict(std::move(message));
    case 401:
    case 403:
      return Status::Unauthorized(message + ". " + credentials_hint);
    default:
      return Status::Error(std::move(message));
  }
}

bool IsRetryableStatus(long status) { return status == 408 || status == 429 || status >= 500; }

bool MayHaveBeenCarriedOut(long status) { return status == 0 || status >= 500; }

HttpClient::HttpClient(HttpOptions options, const std::atomic<bool>* stop)
    : options_(std::move(options)), stop_(stop) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

HttpClient::~HttpClient() = default;

std::unique_ptr<HttpClient::Handle> HttpClient::Acquire() {
  base::MutexLock lock(mu_);
  if (idle_.empty()) return std::make_unique<Handle>();
  auto h = std::move(idle_.back());
  idle_.pop_back();
  return h;
}

void HttpClient::Release(std::unique_ptr<Handle> handle) {
  base::MutexLock lock(mu_);
  idle_.push_back(std::move(handle));
}

void HttpClient::CountConnections(void* c) {
  long opened = 0;
  if (curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &opened) == CURLE_OK && opened > 0)
    connections_made_ += static_cast<uint64_t>(opened);
}

bool HttpClient::SleepUnlessStopped(std::chrono::milliseconds d) const {
  auto until = std::chrono::steady_clock::now() + d;
  while (std::chrono::steady_clock::now() < until) {
    if (Stopped()) return false;
    auto left = until - std::chrono::steady_clock::now();
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(50)));
  }
  return !Stopped();
}

std::chrono::milliseconds HttpClient::RetryDelay(int attempt,
                                                 const std::string& retry_after) const {
  using std::chrono::milliseconds;
  if (!retry_after.empty()) {
    long long ms = -1;
    if (std::all_of(retry_after.begin(), retry_after.end(),
                    [](unsigned char c) { return std::isdigit(c); })) {
      ms = std::stoll(retry_after.substr(0, 9)) * 1000;
    } else if (time_t when = curl_getdate(retry_after.c_str(), nullptr); when > 0) {
      ms = std::max<long long>(0, (static_cast<long long>(when) - std::time(nullptr)) * 1000);
    }
    if (ms >= 0) return std::min(milliseconds(ms), options_.max_delay);
  }
  long long exp = options_.base_delay.count() << std::min(attempt - 1, 20);
  exp = std::min<long long>(exp, options_.max_delay.count());
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<long long> jitter(exp / 2, std::max<long long>(exp / 2, exp));
  return milliseconds(jitter(rng));
}

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

Result<HttpResponse> HttpClient::Send(const HttpRequest& request,
                                      std::chrono::steady_clock::time_point deadline) {
  const std::string url = options_.base_url + request.path;
  std::string last_error;
  const bool creates = request.method == "POST";
  // A PATCH or DELETE, once sent, is seen through even when the provider is
  // asked to stop: its answer may have been lost on the way back, and only
  // its retries tell whether it took effect. A create is sent again only
  // when it certainly was not carried out, so a stop may end it between
  // attempts; the lookups that follow a create are `see_through`.
  const bool mutation = request.method != "GET";
  const bool finishes_once_sent = request.see_through || (mutation && !creates);
  for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
    if (Stopped() && !(request.see_through || (finishes_once_sent && attempt > 1)))
      return Status::Cancelled("cancelled: " + request.method + " " + request.path);
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (remaining.count() <= 0) {
      return Status::Timeout(request.method + " " + request.path +
                             " did not succeed before the timeout" +
                             (last_error.empty() ? "" : " (last error: " + last_error + ")"));
    }

    auto handle = Acquire();
    CURL* c = handle->get();
    std::unique_ptr<FILE, FileCloser> upload;
    if (!request.body_file.empty()) {
      upload.reset(std::fopen(request.body_file.c_str(), "rb"));
      if (!upload) {
        Release(std::move(handle));
        return Status::Error("cannot read " + request.body_file + ": " + std::strerror(errno));
      }
    }
    std::unique_ptr<curl_slist, SlistDeleter> headers(RequestHeaders(request, "application/json"));
    HttpResponse resp;
    char errbuf[CURL_ERROR_SIZE] = {0};
    // An upload (a base image archive) may take longer than one attempt's
    // timeout, and a Ctrl-C may stop it: nothing is made until it is whole.
    Configure(c, url, request, headers.get(), errbuf,
              upload ? remaining.count() : std::min(remaining, options_.attempt_timeout).count(),
              upload ? !request.see_through : !(mutation || request.see_through));
    if (upload) {
      struct stat st {};
      ::fstat(::fileno(upload.get()), &st);
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, nullptr);  // the body is read from the file
      curl_easy_setopt(c, CURLOPT_POST, 1L);
      curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadFileBody);
      curl_easy_setopt(c, CURLOPT_READDATA, upload.get());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(st.st_size));
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, AppendBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &resp.body);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &resp.retry_after);
    ForgetCertificateVerification();
    auto started = std::chrono::steady_clock::now();
    CURLcode rc = curl_easy_perform(c);
    requests_sent_++;
    CountConnections(c);
    resp.attempts = attempt;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp.status);
    const bool nothing_sent = rc != CURLE_OK && NothingSent(rc, c);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
    Release(std::move(handle));
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    log::Debug("vers api call", {{"method", request.method},
                                 {"path", request.path},
                                 {"status", std::to_string(resp.status)},
                                 {"attempt", std::to_string(attempt)},
                                 {"duration_ms", std::to_string(ms.count())}});

    if (rc == CURLE_ABORTED_BY_CALLBACK)
      return Status::Cancelled("cancelled: " + request.method + " " + request.path);
    if (rc != CURLE_OK) {
      last_error = std::string(curl_easy_strerror(rc)) +
                   (errbuf[0] != '\0' ? std::string(": ") + errbuf : "");
      if (auto why = PermanentTlsFailure(rc, last_error, options_.ca_cert_file))
        return Status::Error(request.method + " " + url + " failed: " + *why);
      if (creates && !nothing_sent) {
        // Sent, and maybe carried out: the caller looks before resending.
        HttpResponse lost;
        lost.error = last_error;
        lost.attempts = attempt;
        return lost;
      }
    } else if (!IsRetryableStatus(resp.status) || attempt == options_.max_attempts ||
               (creates && MayHaveBeenCarriedOut(resp.status))) {
      return resp;
    } else {
      last_error = "HTTP " + std::to_string(resp.status);
    }
    if (attempt == options_.max_attempts) break;
    auto delay = std::min(RetryDelay(attempt, resp.retry_after),
                          std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now()));
    log::Debug("vers api retry", {{"path", request.path},
                                  {"reason", last_error},
                                  {"delay_ms", std::to_string(delay.count())}});
    if (delay.count() > 0) {
      if (finishes_once_sent) {
        std::this_thread::sleep_for(delay);
      } else if (!SleepUnlessStopped(delay)) {
        return Status::Cancelled("cancelled: " + request.method + " " + request.path);
      }
    }
  }
  return Status::Error(request.method + " " + url + " failed after " +
                       std::to_string(options_.max_attempts) + " attempts: " + last_error);
}

std::string EscapePathSegment(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace vers::client
