// Routes with fault injection, and (opt-in only) idempotency keys.
//
// The Vers API documents no idempotency header (orchestrator.openapi.json)
// and the official SDKs send none, so by default vers-local acts on every
// request it receives, as the real API does: a client that repeats a create
// whose answer was lost makes a second object, and tests can prove that the
// provider never does. `vers-local serve --honour-idempotency-keys` turns on
// the IdempotencyCache below for experiments; no test relies on it.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "local/faults.h"

namespace vers::local {

// Opt-in: a mutating request that carries an X-Idempotency-Key is carried
// out once; a retry with the same key (same method and path) gets the first
// answer back instead of acting again. Answers remembered by key.
// Thread-safe.
class IdempotencyCache {
 public:
  struct Answer {
    int status = 0;
    std::string body;
    std::string content_type;
  };

  IdempotencyCache() = default;
  IdempotencyCache(const IdempotencyCache&) = delete;
  IdempotencyCache& operator=(const IdempotencyCache&) = delete;

  // Claims `key` for a new request, or returns the answer of the request that
  // claimed it first, waiting while that one is still being carried out.
  std::optional<Answer> BeginOrReplay(const std::string& key);
  // Records the answer of the request that claimed `key`.
  void Finish(const std::string& key, Answer answer);

 private:
  struct Entry {
    bool done = false;
    Answer answer;
    std::chrono::steady_clock::time_point at;
  };
  void ExpireLocked();

  std::mutex mu_;
  std::condition_variable finished_;
  std::map<std::string, Entry> entries_;
};

// Registers routes on a server. Mutating routes (POST, PUT, PATCH, DELETE) are
// wrapped: faults are injected once a body has been read, idempotency keys
// are honoured when `cache` is set (null: ignored, as the real API does),
// and the "lose_response" fault cuts the connection after the work is done,
// as a network failure would.
// `server`, `cache` (if set) and `faults` must outlive the routes.
class Routes {
 public:
  Routes(httplib::Server& server, IdempotencyCache* cache, Faults& faults)
      : server_(server), cache_(cache), faults_(faults) {}

  void Get(const std::string& pattern, httplib::Server::Handler h) {
    server_.Get(pattern, std::move(h));
  }
  void Post(const std::string& pattern, httplib::Server::Handler h) {
    server_.Post(pattern, Mutating("POST", std::move(h)));
  }
  void Put(const std::string& pattern, httplib::Server::Handler h) {
    server_.Put(pattern, Mutating("PUT", std::move(h)));
  }
  void Patch(const std::string& pattern, httplib::Server::Handler h) {
    server_.Patch(pattern, Mutating("PATCH", std::move(h)));
  }
  void Delete(const std::string& pattern, httplib::Server::Handler h) {
    server_.Delete(pattern, Mutating("DELETE", std::move(h)));
  }

 private:
  httplib::Server::Handler Mutating(std::string method, httplib::Server::Handler h);

  httplib::Server& server_;
  IdempotencyCache* cache_;
  Faults& faults_;
};

// Replaces `res` by a response whose body can never be sent, so that the
// client sees its connection cut after the headers.
void CutConnection(httplib::Response& res);

// Whether the request carries a body (Content-Length > 0 or chunked).
bool HasBody(const httplib::Request& req);

// Applies the configured faults to one request: adds latency, then maybe
// cuts the connection or answers with an error. True when `res` is the answer.
bool InjectFault(Faults& faults, const httplib::Request& req, httplib::Response& res);

}  // namespace vers::local
