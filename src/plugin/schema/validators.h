// Reusable attribute validators. Each checks a known, non-null value (the
// framework skips null and unknown values) and reports what was wrong and
// what is accepted, on the attribute's path.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "plugin/schema/schema.h"

namespace tfplugin::schema::validators {

// String is one of `allowed`.
Validator OneOf(std::vector<std::string> allowed);
// String length (in bytes) within [min, max].
Validator LengthBetween(size_t min, size_t max);
// Number is an integer within [min, max].
Validator IntBetween(int64_t min, int64_t max);
// String is a Go-style duration ("30s", "5m", "1h30m").
Validator Duration();
// Map keys and string values are non-empty and at most `max_length` bytes.
Validator MapOfNonEmptyStrings(size_t max_length);

}  // namespace tfplugin::schema::validators
