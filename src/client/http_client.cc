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

}  // namespace vers::client
