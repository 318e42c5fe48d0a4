// Identifiers, secrets and timestamps.
#pragma once

#include <cstdint>
#include <string>

namespace vers::local {

// A random RFC 4122 version-4 UUID, lowercase.
std::string NewUuid();
// True when `s` has the 8-4-4-4-12 lowercase/uppercase hex shape.
bool IsUuid(const std::string& s);
// `bytes` random bytes from the OS CSPRNG, hex encoded.
std::string RandomHex(size_t bytes);
// Now, as RFC 3339 UTC with milliseconds ("2024-01-02T03:04:05.678Z").
std::string NowRfc3339();
// Milliseconds since the epoch.
int64_t NowMillis();

}  // namespace vers::local
