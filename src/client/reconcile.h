// Creating without idempotency keys: send a create once, and when its outcome
// is unknown, look for what it made before sending it again.
//
// The Vers API documents no idempotency header and the official SDKs send
// none (orchestrator.openapi.json; hdresearch/vers-sdk-ts, vers-cli), so a
// create whose answer was lost cannot simply be repeated: it would make a
// second object. Every create of the provider goes through CreateReconciled:
//
//   1. `create` sends the request once (HttpClient resends a POST only when
//      it certainly was not carried out).
//   2. It succeeded: done. It was refused in a way that says nothing was made
//      (a 4xx on the first attempt, or a stop before it was sent): that is
//      the answer.
//   3. Otherwise (no answer after sending, a 5xx, a conflict on a later
//      attempt) `find` looks for what the attempts made — by a client-chosen
//      id, a creation-token label, a unique name, or the source and creation
//      time — with requests that are seen through even after a stop.
//      Found: that is the result. Not found: nothing was made, so the create
//      is sent again (after a backoff, within the deadline and `attempts`),
//      unless the provider was stopped meanwhile.
//
// A lookup that fails leaves the outcome unknown; the error says so, names
// what to look for, and nothing is sent again.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "base/status.h"

namespace vers::client {

// One attempt at a create: its result, and whether a failure may have made
// the object anyway (no answer after sending, or a 5xx).
template <typename T>
struct CreateAttempt {
  // The created object, or why the attempt failed.
  Result<T> result;
  // True when the failure may hide a success: look before retrying.
  bool may_have_made_it = false;
};

// The limits of CreateReconciled: its deadline, stop flag (borrowed; must
// outlive the call) and how many creates it tries.
struct ReconcileOptions {
  std::string what;  // "VM from commit X", for messages
  std::chrono::steady_clock::time_point deadline;
  const std::atomic<bool>* stop = nullptr;  // may be null
  int attempts = 10;  // as many as HttpClient gives a read (resources/context.cc)
  std::chrono::milliseconds base_delay{250};
};

// Runs the loop above. `find` returns the object the failed attempts made,
// nullopt when there is none, or an error when it cannot tell.
template <typename T>
Result<T> CreateReconciled(const std::function<CreateAttempt<T>()>& create,
                           const std::function<Result<std::optional<T>>()>& find,
                           const ReconcileOptions& o) {
  Status last;
  auto delay = o.base_delay;
  for (int attempt = 1; attempt <= o.attempts; ++attempt) {
    CreateAttempt<T> a = create();
    if (a.result.ok()) return a.result;
    last = a.result.status();
    // A conflict on a later attempt may be our own earlier attempt.
    bool unknown = a.may_have_made_it || (attempt > 1 && last.is_conflict());
    if (!unknown) return last;
    auto found = find();
    if (!found.ok()) {
      return Status::Error(o.what + " may or may not have been created: " + last.message() +
                           "; looking for it then failed: " + found.status().message() +
                           ". Check the Vers account before applying again.");
    }
    if (found.value()) return *found.value();
    // Nothing was made: sending it again cannot duplicate anything.
    bool stopped = o.stop != nullptr && o.stop->load();
    if (stopped) return Status::Cancelled("cancelled: " + o.what + " was not created");
    if (attempt == o.attempts) break;
    if (std::chrono::steady_clock::now() + delay >= o.deadline) {
      return Status::Timeout(
          o.what + " was not created before the timeout (last error: " + last.message() + ")");
    }
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, std::chrono::milliseconds(4000));
  }
  return Status::Error(o.what + " was not created after " + std::to_string(o.attempts) +
                       " attempts: " + last.message());
}

}  // namespace vers::client
