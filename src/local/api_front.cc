#include "local/api_front.h"

namespace vers::local {

GuardedHttpsServer::Options VersApiFrontOptions(size_t max_requests) {
  GuardedHttpsServer::Options o;
  o.max_requests = max_requests;                     // 0: no limit
  o.keep_alive_idle = std::chrono::milliseconds(0);  // none
  o.resume_tls_sessions = false;
  return o;
}

}  // namespace vers::local
