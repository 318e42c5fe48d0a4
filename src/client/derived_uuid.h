// DerivedUuid: a UUID that is a pure function of a key (RFC 9562 version 5,
// name-based with SHA-1, in the provider's own namespace).
//
// The provider derives the ids it asks the API to use from what a resource
// declares, so that a create interrupted after the API carried it out (the
// provider killed, the answer lost) asks for the same id when it is applied
// again and finds what it made instead of making a second one.
#pragma once

#include <string>
#include <string_view>

namespace vers::client {

// The lower-case, hyphenated UUID derived from `key`; equal keys give equal
// UUIDs on every machine and in every version of the provider.
std::string DerivedUuid(std::string_view key);

}  // namespace vers::client
