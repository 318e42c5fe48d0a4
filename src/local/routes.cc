#include "local/routes.h"

#include <thread>

#include "local/api_json.h"

namespace vers::local {

namespace {
// Long enough for any client's retries, short enough to bound memory.
constexpr auto kKeep = std::chrono::hours(1);
constexpr size_t kMaxEntries = 100000;
}  // namespace

std::optional<IdempotencyCache::Answer> IdempotencyCache::BeginOrReplay(const std::string& key) {
  std::unique_lock<std::mutex> lock(mu_);
  ExpireLocked();
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    entries_[key].at = std::chrono::steady_clock::now();
    return std::nullopt;
  }
  finished_.wait(lock, [&] {
    auto e = entries_.find(key);
    return e == entries_.end() || e->second.done;
  });
  it = entries_.find(key);
  if (it == entries_.end()) {  // expired meanwhile: carry it out anew
    entries_[key].at = std::chrono::steady_clock::now();
    return std::nullopt;
  }
  return it->second.answer;
}

void IdempotencyCache::Finish(const std::string& key, Answer answer) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.done) return;
    it->second.done = true;
    it->second.answer = std::move(answer);
    it->second.at = std::chrono::steady_clock::now();
  }
  finished_.notify_all();
}

void IdempotencyCache::ExpireLocked() {
  auto now = std::chrono::steady_clock::now();
  for (auto it = entries_.begin(); it != entries_.end();) {
    bool old = it->second.done && (now - it->second.at > kKeep || entries_.size() > kMaxEntries);
    it = old ? entries_.erase(it) : std::next(it);
  }
}

void CutConnection(httplib::Response& res) {
  res.body.clear();
  res.set_content_provider(64, "application/json",
                           [](size_t, size_t, httplib::DataSink&) { return false; });
}

bool HasBody(const httplib::Request& req) {
  if (req.get_header_value("Transfer-Encoding") == "chunked") return true;
  std::string length = req.get_header_value("Content-Length");
  return !length.empty() && length != "0";
}

bool InjectFault(Faults& faults, const httplib::Request& req, httplib::Response& res) {
  FaultDecision d = faults.Decide(req.method, req.path);
  if (d.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(d.delay_ms));
  if (d.drop) {
    res.status = 200;  // headers go out, then the connection is cut
    CutConnection(res);
    return true;
  }
  if (d.error_status == 0) return false;
  if (d.retry_after > 0) res.set_header("Retry-After", std::to_string(d.retry_after));
  res.status = d.error_status;
  res.set_content(ErrorJson("injected fault"), "application/json");
  return true;
}

httplib::Server::Handler Routes::Mutating(std::string method, httplib::Server::Handler h) {
  // Captures the cache and faults, not `this`: a Routes object only lives
  // while routes are being registered.
  return [cache = cache_, &faults = faults_, method = std::move(method), h = std::move(h)](
             const httplib::Request& req, httplib::Response& res) {
    if (HasBody(req) && InjectFault(faults, req, res)) return;
    std::string key = cache ? req.get_header_value("X-Idempotency-Key") : "";
    if (!key.empty()) key = method + " " + req.path + " " + key;
    std::optional<IdempotencyCache::Answer> replay;
    if (!key.empty()) replay = cache->BeginOrReplay(key);
    if (replay) {
      res.status = replay->status;
      res.set_content(replay->body, replay->content_type.c_str());
      res.set_header("Idempotent-Replayed", "true");
    } else {
      h(req, res);
      if (!key.empty()) {
        cache->Finish(key, {res.status, res.body, res.get_header_value("Content-Type")});
      }
    }
    if (faults.LoseResponse(req.method, req.path)) CutConnection(res);
  };
}

}  // namespace vers::local
