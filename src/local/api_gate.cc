#include "local/api_gate.h"

#include <cctype>
#include <string>

#include "local/api.h"
#include "local/api_json.h"
#include "local/spec_operations.h"

namespace vers::local {

void SetBodyFraming(const httplib::Request& req, httplib::Response& res) {
  const std::string& m = req.method;
  if (m != "POST" && m != "PUT" && m != "PATCH" && m != "DELETE") {
    // httplib reads no body for other methods: one that was sent would be
    // taken for the next request on the connection.
    std::string length = req.get_header_value("Content-Length");
    if (req.has_header("Transfer-Encoding") || (!length.empty() && length != "0"))
      res.set_header("Connection", "close");
    return;
  }
  if (req.has_header("Content-Length") || req.has_header("Transfer-Encoding")) return;
  // httplib hands the pre-routing handler a const view of the request object
  // that it owns (a non-const local of Server::process_request), so adding a
  // header here is well defined; it is the only hook before the body is read.
  const_cast<httplib::Request&>(req).set_header("Content-Length", "0");
}

namespace {

// An answer given before the body is read must close the connection, or the
// unread body would be taken for the next request on it.
void CloseIfBodyUnread(const httplib::Request& req, httplib::Response& res) {
  std::string length = req.get_header_value("Content-Length");
  if (req.has_header("Transfer-Encoding") || (!length.empty() && length != "0"))
    res.set_header("Connection", "close");
}

}  // namespace

bool AnswerUnservedOperation(const httplib::Request& req, httplib::Response& res) {
  auto ops = MatchSpecPath(req.path);
  if (ops.empty()) return false;
  // A HEAD is a GET without the body, as in the real API's router.
  const std::string method = req.method == "HEAD" ? "GET" : req.method;
  std::string allow;
  for (const SpecOperation* op : ops) {
    if (method == op->method) {
      if (op->served) return false;
      SendError(res, {501, std::string("vers-local does not implement ") + op->operation_id + " (" +
                               op->method + " " + op->path + ")"});
      CloseIfBodyUnread(req, res);
      return true;
    }
    allow += (allow.empty() ? "" : ", ") + std::string(op->method);
  }
  res.set_header("Allow", allow);
  SendError(res, {405, "method " + req.method + " is not allowed on " + ops.front()->path +
                           " (allowed: " + allow + ")"});
  CloseIfBodyUnread(req, res);
  return true;
}

namespace {

std::string FrameworkErrorMessage(const httplib::Request& req, int status) {
  switch (status) {
    case 404:
      return "no such route: " + req.method + " " + req.path;
    case 400:
      return "malformed HTTP request: a header or the body framing (Content-Length, chunked "
             "encoding) could not be read";
    case 413:
      return "request body too large";
    case 414:
      return "request URI too long (at most " + std::to_string(CPPHTTPLIB_REQUEST_URI_MAX_LENGTH) +
             " bytes)";
    case 416:
      return "invalid Range header";
    default:
      return "HTTP " + std::to_string(status) + " while handling " + req.method + " " + req.path;
  }
}

bool IsToken(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) &&
        std::string("!#$%&'*+-.^_`|~").find(c) == std::string::npos)
      return false;
  return true;
}

}  // namespace

void CompleteFrameworkError(const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty()) return;
  // httplib fills in the path only once the request line parsed.
  if (req.path.empty() && res.status == 400) {
    res.set_header("Connection", "close");  // the headers are still unread
    const std::string path = req.target.substr(0, req.target.find('?'));
    if (IsToken(req.method) && req.version.rfind("HTTP/1.", 0) == 0) {
      auto ops = MatchSpecPath(path);
      if (!ops.empty()) {
        std::string allow;
        for (const SpecOperation* op : ops)
          allow += (allow.empty() ? "" : ", ") + std::string(op->method);
        res.status = 405;
        res.set_header("Allow", allow);
        return SendError(res, {405, "method " + req.method + " is not allowed on " +
                                        ops.front()->path + " (allowed: " + allow + ")"});
      }
      return SendError(res, BadRequest("unsupported HTTP method " + req.method));
    }
    return SendError(res, BadRequest("malformed HTTP request line"));
  }
  // Past a 404 (no route), httplib may have left part of the request unread.
  if (res.status != 404) res.set_header("Connection", "close");
  SendError(res, {res.status, FrameworkErrorMessage(req, res.status)});
}

}  // namespace vers::local
