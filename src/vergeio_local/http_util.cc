#include "vergeio_local/http_util.h"

#include "base/json_writer.h"
#include "local/routes.h"
#include "vergeio_local/value.h"

namespace vers::vergeio {

std::string ErrJson(const std::string& message) {
  JsonWriter w;
  w.BeginObject().Key("err").String(message).EndObject();
  return TakeJson(w);
}

void SendJson(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  SendJson(res, status, ErrJson(message));
}

void SendStatus(httplib::Response& res, const Status& status) {
  int code = 500;
  switch (status.code()) {
    case Status::Code::kError:
      code = 422;  // "Failed Validation / Invalid Parameter" (verge-io/docs api-guide.md)
      break;
    case Status::Code::kUnauthorized:
      code = 401;
      break;
    case Status::Code::kNotFound:
      code = 404;
      break;
    case Status::Code::kConflict:
      code = 409;
      break;
    default:
      break;
  }
  SendError(res, code, status.message());
}

bool ParseBody(const httplib::Request& req, httplib::Response& res, local::JsonDoc& doc) {
  if (Status st = doc.Parse(req.body); !st.ok()) {
    SendError(res, 400, st.message());
    return false;
  }
  return true;
}

bool ApplyFaults(local::Faults& faults, const httplib::Request& req, httplib::Response& res) {
  if (!local::InjectFault(faults, req, res)) return false;
  bool dropped = res.status == 200;  // the connection is cut after the headers
  if (!dropped) res.set_content(ErrJson("injected fault"), "application/json");
  return true;
}

httplib::Server::Handler Mutation(local::Faults& faults, httplib::Server::Handler handler) {
  return
      [&faults, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
        if (local::HasBody(req) && ApplyFaults(faults, req, res)) return;
        handler(req, res);
        if (faults.LoseResponse(req.method, req.path)) local::CutConnection(res);
      };
}

}  // namespace vers::vergeio
