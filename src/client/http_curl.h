// libcurl pieces shared by http_client.cc and http_stream.cc (internal;
// defined in http_curl.cc).
#pragma once

#include <curl/curl.h>

#include <cstddef>

#include "client/http_client.h"

namespace vers::client {

// Header callback: keeps the Retry-After value in the std::string `out`.
size_t CaptureRetryAfter(char* data, size_t size, size_t n, void* out);
// Progress callback: aborts the transfer once the std::atomic<bool> `stop`
// (may be null) is raised.
int AbortWhenStopped(void* stop, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
// Transport failures before any byte of the request left: another attempt
// cannot carry a create out twice. Read before the handle is reused.
bool NothingSent(CURLcode rc, CURL* c);

// One libcurl easy handle, owned; it serves one transfer at a time.
class HttpClient::Handle {
 public:
  // A new handle; get() is null when libcurl could not allocate one.
  Handle() : curl_(curl_easy_init()) {}
  // Cleans the handle up.
  ~Handle() {
    if (curl_ != nullptr) curl_easy_cleanup(curl_);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  // The handle, still owned by this object.
  CURL* get() const { return curl_; }

 private:
  CURL* curl_;
};

// For std::unique_ptr<curl_slist, SlistDeleter>: frees a header list.
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace vers::client
