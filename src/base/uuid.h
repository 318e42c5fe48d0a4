// The UUIDs the provider makes: random ones (version 4) for create tokens and
// ids nobody needs to find again, and derived ones (version 5) for ids that
// must come out the same when a create is asked for again.
//
// The provider derives the ids it asks the API to use from what a resource
// declares, so that a create interrupted after the API carried it out (the
// provider killed, the answer lost) asks for the same id when it is applied
// again and finds what it made instead of making a second one.
#pragma once

#include <string>
#include <string_view>

namespace vers::base {

// A random version 4 UUID, lower-case and hyphenated, from OpenSSL's CSPRNG
// (std::random_device if that ever fails: an id must still be made). Thread-safe.
std::string NewRandomUuid();

// True when `s` has the 8-4-4-4-12 shape of hex digits (either case); the
// version and variant are not checked, as the Vers API does not check them.
bool IsUuid(std::string_view s);

// The lower-case, hyphenated UUID derived from `key` (RFC 9562 version 5,
// name-based with SHA-1, in the provider's own namespace); equal keys give equal
// UUIDs on every machine and in every version of the provider.
std::string DerivedUuid(std::string_view key);

}  // namespace vers::base
