// Provider logging: hclog-compatible JSON lines on stderr, which Terraform and
// OpenTofu read from the plugin and merge into their own log.
//
// The level comes from TF_LOG_PROVIDER, else TF_LOG (trace, debug, info,
// warn, error, off; "json" means trace); nothing is written when neither is
// set. Every registered secret and every armored private key (log_redact.h)
// is replaced by "<redacted>" in every message and field before the line is
// written, and fields whose names look secret (key, token, password, secret,
// private, authorization) are redacted whole.
//
// Thread-safe: every function may be called from any thread; lines from
// concurrent calls never interleave. Nothing here fails: a line that cannot
// be written (stderr closed) is dropped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vers::log {

// hclog's levels, least severe first; kOff writes nothing.
enum class Level { kTrace = 0, kDebug, kInfo, kWarn, kError, kOff };

// Extra key/value pairs of a line, written as JSON string members in order.
using Fields = std::vector<std::pair<std::string, std::string>>;

// Reads the level from the environment. Safe to call again (tests do).
void Init();
// True when a line of `level` would be written (callers skip building costly
// fields otherwise).
bool Enabled(Level level);
// Registers a value that must never appear in a log line (an API key, say),
// for the life of the process. Values shorter than 4 bytes are ignored to
// avoid redacting common text. An armored private key (a VM's SSH key) is not
// kept: every such key is redacted by its armor, so registering one per VM
// does not grow the registry; what is kept is the provider's credentials,
// once each however often they are registered.
void AddSecret(std::string secret);
// How many registered secrets are kept (for tests of the bound above).
size_t SecretCount();
// The text with every registered secret and armored private key replaced.
std::string Redact(std::string_view text);

// Writes one line of `level` (when Enabled) to stderr, redacted, in one
// write(2).
void Write(Level level, std::string_view message, const Fields& fields = {});
inline void Trace(std::string_view m, const Fields& f = {}) { Write(Level::kTrace, m, f); }
inline void Debug(std::string_view m, const Fields& f = {}) { Write(Level::kDebug, m, f); }
inline void Info(std::string_view m, const Fields& f = {}) { Write(Level::kInfo, m, f); }
inline void Warn(std::string_view m, const Fields& f = {}) { Write(Level::kWarn, m, f); }
inline void Error(std::string_view m, const Fields& f = {}) { Write(Level::kError, m, f); }

// Formats one log line (without writing it); exposed for tests.
std::string FormatLine(Level level, std::string_view message, const Fields& fields);

}  // namespace vers::log
