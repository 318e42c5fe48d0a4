#include "local/faults.h"

#include "base/json_writer.h"
#include "local/json_read.h"

namespace vers::local {

Result<FaultConfig> Faults::Parse(const std::string& body) {
  JsonDoc doc;
  if (Status st = doc.Parse(body); !st.ok()) return st;
  auto r = doc.root();
  if (!r.is_object()) return Status::Error("faults must be a JSON object");
  FaultConfig c;
  c.error_rate = GetDouble(r, "error_rate").value_or(0);
  c.status = static_cast<int>(GetInt(r, "status").value_or(503));
  c.retry_after = static_cast<int>(GetInt(r, "retry_after").value_or(0));
  c.latency_ms = GetInt(r, "latency_ms").value_or(0);
  c.drop_rate = GetDouble(r, "drop_rate").value_or(0);
  c.lose_response_rate = GetDouble(r, "lose_response_rate").value_or(0);
  c.slow_boot_ms = GetInt(r, "slow_boot_ms").value_or(0);
  c.ssh_cut_after_bytes = GetInt(r, "ssh_cut_after_bytes").value_or(0);
  c.ssh_idle_timeout_ms = GetInt(r, "ssh_idle_timeout_ms").value_or(0);
  const int64_t seed = GetInt(r, "seed").value_or(0);
  if (seed < 0) return Status::Error("seed must be >= 0");
  c.only = GetString(r, "only").value_or("");
  if (!c.only.empty() && c.only.find(' ') == std::string::npos)
    return Status::Error("only must be \"METHOD /path-prefix\", e.g. \"GET /api/v1/commit_tags/\"");
  c.seed = static_cast<uint64_t>(seed);
  for (double rate : {c.error_rate, c.drop_rate, c.lose_response_rate}) {
    if (rate < 0 || rate > 1)
      return Status::Error("error_rate, drop_rate and lose_response_rate must be within [0, 1]");
  }
  if (c.status < 400 || c.status > 599) return Status::Error("status must be 4xx or 5xx");
  if (c.latency_ms < 0 || c.slow_boot_ms < 0 || c.retry_after < 0 || c.ssh_cut_after_bytes < 0 ||
      c.ssh_idle_timeout_ms < 0)
    return Status::Error(
        "latency_ms, slow_boot_ms, retry_after, ssh_cut_after_bytes and ssh_idle_timeout_ms must "
        "be >= 0");
  return c;
}

std::string Faults::ToJson(const FaultConfig& c) {
  JsonWriter w;
  w.BeginObject()
      .Key("error_rate")
      .Double(c.error_rate)
      .Key("status")
      .Int(c.status)
      .Key("retry_after")
      .Int(c.retry_after)
      .Key("latency_ms")
      .Int(c.latency_ms)
      .Key("drop_rate")
      .Double(c.drop_rate)
      .Key("lose_response_rate")
      .Double(c.lose_response_rate)
      .Key("slow_boot_ms")
      .Int(c.slow_boot_ms)
      .Key("ssh_cut_after_bytes")
      .Int(c.ssh_cut_after_bytes)
      .Key("ssh_idle_timeout_ms")
      .Int(c.ssh_idle_timeout_ms)
      .Key("seed")
      .Int(static_cast<int64_t>(c.seed))
      .Key("only")
      .String(c.only)
      .EndObject();
  auto t = w.Take();
  return t.ok() ? t.value() : "{}";
}

void Faults::Set(const FaultConfig& c) {
  base::MutexLock lock(mu_);
  config_ = c;
  if (c.seed > 0) rng_.seed(c.seed);
}

FaultConfig Faults::Get() const {
  base::MutexLock lock(mu_);
  return config_;
}

bool Faults::Targets(const std::string& method, const std::string& path) const {
  if (config_.only.empty()) return true;
  const std::string target = method + " " + path;
  return target.rfind(config_.only, 0) == 0;
}

FaultDecision Faults::Decide(const std::string& method, const std::string& path) {
  base::MutexLock lock(mu_);
  std::uniform_real_distribution<double> u(0, 1);
  FaultDecision d;
  d.delay_ms = config_.latency_ms;
  if (!Targets(method, path)) return d;
  if (config_.drop_rate > 0 && u(rng_) < config_.drop_rate) {
    d.drop = true;
  } else if (config_.error_rate > 0 && u(rng_) < config_.error_rate) {
    d.error_status = config_.status;
    d.retry_after = config_.retry_after;
  }
  return d;
}

bool Faults::LoseResponse(const std::string& method, const std::string& path) {
  base::MutexLock lock(mu_);
  if (config_.lose_response_rate <= 0 || !Targets(method, path)) return false;
  return std::uniform_real_distribution<double>(0, 1)(rng_) < config_.lose_response_rate;
}

}  // namespace vers::local
