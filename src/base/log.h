// Provider logging: hclog-compatible JSON lines on stderr, which Terraform and
// OpenTofu read from the plugin and merge into their own log.
//
// The level comes from TF_LOG_PROVIDER, else TF_LOG (trace, debug, info,
// warn, error, off; "json" means trace); nothing is written when neither is
// set. Every registered secret is replaced by "<redacted>" in every message
// and field before the line is written, and fields whose names look secret
// (key, token, password, secret, private) are redacted whole.
//
// Thread-safe: lines from concurrent calls never interleave.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vers::log {

enum class Level { kTrace = 0, kDebug, kInfo, kWarn, kError, kOff };

using Fields = std::vector<std::pair<std::string, std::string>>;

// Reads the level from the environment. Safe to call again (tests do).
void Init();
bool Enabled(Level level);
// Registers a value that must never appear in a log line (an API key, say).
// Values shorter than 4 bytes are ignored to avoid redacting common text.
void AddSecret(std::string secret);
// The text with every registered secret replaced.
std::string Redact(std::string_view text);

void Write(Level level, std::string_view message, const Fields& fields = {});
inline void Trace(std::string_view m, const Fields& f = {}) { Write(Level::kTrace, m, f); }
inline void Debug(std::string_view m, const Fields& f = {}) { Write(Level::kDebug, m, f); }
inline void Info(std::string_view m, const Fields& f = {}) { Write(Level::kInfo, m, f); }
inline void Warn(std::string_view m, const Fields& f = {}) { Write(Level::kWarn, m, f); }
inline void Error(std::string_view m, const Fields& f = {}) { Write(Level::kError, m, f); }

// Formats one log line (without writing it); exposed for tests.
std::string FormatLine(Level level, std::string_view message, const Fields& fields);

}  // namespace vers::log
