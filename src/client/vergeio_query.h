// Query pieces shared by the VergeioClient files (internal).
#pragma once

#include <string>

#include "client/http_client.h"

namespace vers::client {

// "GET <path without its query>": how errors name the request of a GET.
inline std::string Route(const std::string& path) {
  return "GET " + path.substr(0, path.find('?'));
}

// The `filter` query parameter for `text` (a VergeIO filter expression).
inline std::string Filter(const std::string& text) { return "filter=" + EscapePathSegment(text); }

}  // namespace vers::client
