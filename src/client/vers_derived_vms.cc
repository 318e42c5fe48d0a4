// VersClient's restores and branches: their requests carry nothing to find
// a lost one by, so it is found as a VM made from the same source since the
// request was sent, that no other create of this client has taken and that
// does not yet carry the provider's labels (a recorded VM does).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

#include "client/vers_client.h"
#include "client/vers_json.h"

namespace vers::client {
namespace {

using std::optional;
using std::string;

// Milliseconds since the epoch of an RFC 3339 time
// ("2026-01-02T03:04:05.678Z", "…+01:00"), or nullopt.
optional<int64_t> Rfc3339Millis(const string& s) {
  std::tm tm{};
  const char* p = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (p == nullptr) return std::nullopt;
  int64_t millis = 0;
  if (*p == '.') {
    int digits = 0;
    for (++p; std::isdigit(static_cast<unsigned char>(*p)); ++p) {
      if (digits++ < 3) millis = millis * 10 + (*p - '0');
    }
    for (; digits < 3; ++digits) millis *= 10;
  }
  int64_t offset = 0;
  if (*p == 'Z' || *p == 'z') {
    ++p;
  } else if (*p == '+' || *p == '-') {
    int h = 0, m = 0, used = 0;
    if (std::sscanf(p + 1, "%2d:%2d%n", &h, &m, &used) != 2 || used != 5) return std::nullopt;
    offset = (*p == '+' ? 1 : -1) * (h * 3600 + m * 60);
    p += 6;
  } else {
    return std::nullopt;
  }
  if (*p != '\0') return std::nullopt;
  return (static_cast<int64_t>(timegm(&tm)) - offset) * 1000 + millis;
}

}  // namespace

Result<string> VersClient::CreateDerivedVm(const string& what,
                                           const std::function<CreateAttempt<string>()>& create,
                                           const std::function<Result<string>()>& source,
                                           Deadline d) {
  const auto sent = std::chrono::system_clock::now();
  return CreateReconciled<string>(
      [&] {
        CreateAttempt<string> a = create();
        if (a.result.ok() && !claimed_.Claim(a.result.value())) {
          // A lookup for another lost create of this client took this VM:
          // look for the one that lookup left instead.
          a = {Status::Conflict("VM " + a.result.value() + " was taken for another create"), true};
        }
        return a;
      },
      [&]() -> Result<optional<string>> {
        auto from = source();
        if (!from.ok()) return from.status();
        return FindDerivedVm(from.value(), sent, d);
      },
      Reconcile(what, d));
}

Result<optional<string>> VersClient::FindDerivedVm(const string& source,
                                                   std::chrono::system_clock::time_point sent,
                                                   Deadline d) {
  auto vms = ListVmsWithTokens(d, /*see_through=*/true);
  if (!vms.ok()) return vms.status();
  const int64_t since =
      std::chrono::duration_cast<std::chrono::milliseconds>((sent - kClockSkew).time_since_epoch())
          .count();
  std::vector<std::pair<int64_t, string>> candidates;  // (created, id), oldest first
  for (const auto& vm : vms.value()) {
    auto created = Rfc3339Millis(vm.created_at);
    if (!created || *created < since || claimed_.IsClaimed(vm.vm_id)) continue;
    // Labelled as the provider's: its create was answered and recorded
    // (restores are labelled just after the answer), so it is not this one.
    if (vm.labels.count(kManagedByLabel)) continue;
    candidates.emplace_back(*created, vm.vm_id);
  }
  std::sort(candidates.begin(), candidates.end());
  for (const auto& [created, id] : candidates) {
    auto r = Call("GET", "/vm/" + EscapePathSegment(id) + "/metadata", "", d, true);
    if (r.status().is_not_found()) continue;  // deleted meanwhile
    if (!r.ok()) return r.status();
    auto meta = ParseVmMetadata(r.value());
    if (!meta.ok()) return meta.status();
    bool from_source =
        meta.value().parent_commit_id == source || meta.value().grandparent_vm_id == source;
    if (from_source && claimed_.Claim(id)) return optional<string>(id);
  }
  return optional<string>();
}

}  // namespace vers::client
