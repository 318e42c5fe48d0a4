#include "base/log.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>

#include "base/json_writer.h"
#include "base/log_redact.h"
#include "base/mutex.h"

namespace vers::log {
namespace {

std::atomic<int> g_level{static_cast<int>(Level::kOff)};
base::Mutex g_mu;  // guards g_secrets and serializes writes
std::vector<std::string> g_secrets GUARDED_BY(g_mu);

Level ParseLevel(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (text == "trace" || text == "json") return Level::kTrace;
  if (text == "debug") return Level::kDebug;
  if (text == "info") return Level::kInfo;
  if (text == "warn") return Level::kWarn;
  if (text == "error") return Level::kError;
  return Level::kOff;
}

const char* LevelName(Level level) {
  switch (level) {
    case Level::kTrace:
      return "trace";
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    default:
      return "error";
  }
}

bool LooksSecret(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  for (const char* word : {"key", "token", "password", "secret", "private", "authorization"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

std::string RedactLocked(std::string_view text) REQUIRES(g_mu) {
  std::string out = RedactPrivateKeys(text);
  for (const auto& secret : g_secrets) ReplaceAll(out, secret);
  return out;
}

std::string Timestamp() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() %
            1000000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<long long>(us));
  return buf;
}

}  // namespace

void Init() {
  const char* provider = std::getenv("TF_LOG_PROVIDER");
  const char* global = std::getenv("TF_LOG");
  const char* chosen = provider != nullptr && *provider != '\0' ? provider : global;
  g_level = static_cast<int>(chosen != nullptr ? ParseLevel(chosen) : Level::kOff);
}

bool Enabled(Level level) {
  return level != Level::kOff && static_cast<int>(level) >= g_level.load();
}

void AddSecret(std::string secret) {
  if (secret.size() < 4) return;
  // Every private key is redacted by its armor (log_redact.h): keeping each
  // VM's key would grow the registry, and the scan, with every VM.
  if (IsArmoredPrivateKey(secret)) return;
  base::MutexLock lock(g_mu);
  if (std::find(g_secrets.begin(), g_secrets.end(), secret) == g_secrets.end()) {
    g_secrets.push_back(std::move(secret));
  }
}

size_t SecretCount() {
  base::MutexLock lock(g_mu);
  return g_secrets.size();
}

std::string Redact(std::string_view text) {
  base::MutexLock lock(g_mu);
  return RedactLocked(text);
}

std::string FormatLine(Level level, std::string_view message, const Fields& fields) {
  base::MutexLock lock(g_mu);
  JsonWriter w;
  w.BeginObject();
  w.Key("@level").String(LevelName(level));
  w.Key("@message").String(RedactLocked(message));
  w.Key("@module").String("vers");
  w.Key("@timestamp").String(Timestamp());
  for (const auto& [name, value] : fields) {
    if (name.empty() || name[0] == '@') continue;
    w.Key(name).String(LooksSecret(name) ? "<redacted>" : RedactLocked(value));
  }
  w.EndObject();
  auto line = w.Take();
  // Invalid UTF-8 in a message must not lose the line: say so instead.
  return line.ok() ? line.value()
                   : "{\"@level\":\"error\",\"@message\":\"unprintable log "
                     "message\",\"@module\":\"vers\"}";
}

void Write(Level level, std::string_view message, const Fields& fields) {
  if (!Enabled(level)) return;
  std::string line = FormatLine(level, message, fields) + "\n";
  base::MutexLock lock(g_mu);
  // One write(2) per line keeps lines whole even with other writers on stderr.
  size_t off = 0;
  while (off < line.size()) {
    ssize_t n = ::write(STDERR_FILENO, line.data() + off, line.size() - off);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
}

}  // namespace vers::log
