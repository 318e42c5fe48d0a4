// Random hex secrets and timestamps (UUIDs are base/uuid.h's).
#pragma once

#include <cstdint>
#include <string>

namespace vers::local {

// `bytes` random bytes from the OS CSPRNG, hex encoded.
std::string RandomHex(size_t bytes);
// Now, as RFC 3339 UTC with milliseconds ("2024-01-02T03:04:05.678Z").
std::string NowRfc3339();
// Milliseconds since the epoch.
int64_t NowMillis();

}  // namespace vers::local
