// What vers-local does with a request after auth and before its routes:
// HTTP framing the way RFC 9112 has it, and clear answers for what the Vers
// spec has but vers-local does not serve.
#pragma once

#include <httplib.h>

#include <string>

namespace vers::local {

// Gives a POST, PUT, PATCH or DELETE that carries neither Content-Length nor
// Transfer-Encoding an explicit empty body: RFC 9112 section 6.3 says such a
// request has none, while httplib 0.11 would read until its read timeout and
// answer 400 (a bodiless POST /vm/{id}/branch is legal: the spec gives that
// operation no request body). Call from the pre-routing handler, before
// httplib reads the body.
void SetEmptyBodyLength(const httplib::Request& req);

// For a path of the Vers spec: answers 405 (with Allow) when the path has no
// such method, and 501 naming the operation when vers-local does not serve
// it. True when `res` is the answer; false for everything else (served
// operations, paths outside the spec).
bool AnswerUnservedOperation(const httplib::Request& req, httplib::Response& res);

// What went wrong, for an error answer that httplib made itself (no route,
// a request it could not parse, ...): the error handler's message.
std::string FrameworkErrorMessage(const httplib::Request& req, int status);

}  // namespace vers::local
