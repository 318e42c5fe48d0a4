// The operations of the Vers OpenAPI spec (orchestrator.openapi.json, the
// real API's own description), and which of them vers-local serves.
//
// vers-local answers a request for a spec path that it does not serve with a
// 501 naming the operation, and a method a spec path does not have with a
// 405, so that a client sees "not implemented here" instead of "no such
// route". test/local/schemathesis.sh checks this table against the spec.
#pragma once

#include <string>
#include <vector>

namespace vers::local {

struct SpecOperation {
  const char* method;        // "GET", "POST", "PUT", "PATCH" or "DELETE"
  const char* path;          // the spec's template, e.g. "/api/v1/vm/{vm_id}"
  const char* operation_id;  // the spec's operationId
  bool served;               // vers-local has a route for it
};

// Every operation of the spec, in the spec's order.
const std::vector<SpecOperation>& SpecOperations();

// The operations of the one spec path template that matches `path` best
// (literal segments win over {params}, as in the real API's router), or none.
std::vector<const SpecOperation*> MatchSpecPath(const std::string& path);

}  // namespace vers::local
