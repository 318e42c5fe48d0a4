// What an HTTP answer means to the clients (a Status code, whether to retry,
// whether a create may have happened), how long to wait before a retry, and
// the escaping of a path segment.
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>

#include "client/http_client.h"

namespace vers::client {

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
