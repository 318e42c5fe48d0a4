// The deadline of one data source read: the API calls a read makes share it.
#pragma once

#include <chrono>

namespace vers::datasources {

// Five minutes from now: long enough for a paged listing over a slow link,
// short enough that a stuck API fails the plan instead of hanging it.
inline std::chrono::steady_clock::time_point ReadDeadline() {
  return std::chrono::steady_clock::now() + std::chrono::minutes(5);
}

}  // namespace vers::datasources
