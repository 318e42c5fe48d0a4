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
// operation no request body). A body on another method, which httplib leaves
// unread, closes the connection after the answer. Call from the pre-routing
// handler, before httplib reads the body.
void SetBodyFraming(const httplib::Request& req, httplib::Response& res);

// For a path of the Vers spec: answers 405 (with Allow) when the path has no
// such method, and 501 naming the operation when vers-local does not serve
// it. True when `res` is the answer; false for everything else (served
// operations, paths outside the spec).
bool AnswerUnservedOperation(const httplib::Request& req, httplib::Response& res);

// Completes an error answer that httplib made itself (no route, a request it
// could not parse, ...) with an ErrorResponse saying what went wrong. A
// request line httplib refuses leaves the request's headers unread: the
// answer closes the connection, and a method httplib does not know (QUERY,
// ...) on a spec path is a 405 as any other method the path lacks.
void CompleteFrameworkError(const httplib::Request& req, httplib::Response& res);

}  // namespace vers::local
