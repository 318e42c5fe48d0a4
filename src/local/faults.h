// Faults: injected misbehaviour for testing clients, set via POST /_admin/faults.
// Thread-safe. All rates are probabilities in [0, 1]; zero disables.
#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "base/mutex.h"
#include "base/status.h"

namespace vers::local {

struct FaultConfig {
  double error_rate = 0;            // fraction of API requests answered with `status`
  int status = 503;                 // HTTP status of injected errors
  int retry_after = 0;              // seconds, sent as Retry-After when > 0
  int64_t latency_ms = 0;           // added before every API request
  double drop_rate = 0;             // fraction of requests whose connection is cut before any work
  double lose_response_rate = 0;    // fraction of mutations whose answer is lost after the work
  int64_t slow_boot_ms = 0;         // new VMs stay "booting" at least this long
  int64_t ssh_cut_after_bytes = 0;  // SSH-over-TLS connections cut after this many bytes in
  int64_t ssh_idle_timeout_ms = 0;  // SSH-over-TLS connections closed after this long idle
  // Seeds the draws when > 0, so that a run's faults can be replayed (the
  // order in which concurrent requests draw still varies); 0: a random seed.
  uint64_t seed = 0;
  // When set ("GET /api/v1/commit_tags/"), errors, drops and lost answers hit
  // only requests with that method and a path starting with that prefix, so
  // that a test can fail one step of an operation; latency still hits all.
  std::string only;
};

// What to do with one request.
struct FaultDecision {
  int64_t delay_ms = 0;
  bool drop = false;
  int error_status = 0;  // 0: no injected error
  int retry_after = 0;
};

class Faults {
 public:
  // Parses a JSON body; absent fields keep their defaults (everything off).
  static Result<FaultConfig> Parse(const std::string& body);
  static std::string ToJson(const FaultConfig& c);

  void Set(const FaultConfig& c);
  FaultConfig Get() const;
  FaultDecision Decide(const std::string& method, const std::string& path);
  // Whether the answer of a mutation that was carried out is lost.
  bool LoseResponse(const std::string& method, const std::string& path);

 private:
  bool Targets(const std::string& method, const std::string& path) const REQUIRES(mu_);

  mutable base::Mutex mu_;
  FaultConfig config_ GUARDED_BY(mu_);
  std::mt19937_64 rng_ GUARDED_BY(mu_){std::random_device{}()};
};

}  // namespace vers::local
