// Helpers shared by the route files: JSON answers, VergeIO's {"err": "..."}
// errors, Status codes as HTTP statuses, request bodies, and the wrapper that
// applies faults to mutations.
#pragma once

#include <httplib.h>

#include <string>

#include "base/status.h"
#include "local/faults.h"
#include "local/json_read.h"

namespace vers::vergeio {

std::string ErrJson(const std::string& message);
void SendJson(httplib::Response& res, int status, const std::string& body);
void SendError(httplib::Response& res, int status, const std::string& message);
// Error 422, Unauthorized 401, NotFound 404, Conflict 409, anything else 500.
void SendStatus(httplib::Response& res, const Status& status);

// Parses the request body (empty: {}); on malformed JSON answers 400 ("Bad
// Request") and returns false.
bool ParseBody(const httplib::Request& req, httplib::Response& res, local::JsonDoc& doc);

// Applies the configured faults to one request (local::InjectFault, with the
// injected error's body in VergeIO's form). True when `res` is the answer.
bool ApplyFaults(local::Faults& faults, const httplib::Request& req, httplib::Response& res);

// Wraps the handler of a state-changing request (POST, PUT, DELETE): a request
// with a body is faulted here, once httplib has read the body (the pre-routing
// handler faults the others), and the lose_response fault cuts the connection
// after the work is done. `faults` must outlive the server.
httplib::Server::Handler Mutation(local::Faults& faults, httplib::Server::Handler handler);

}  // namespace vers::vergeio
