// ClaimedVms: the VMs one client has handed out as created.
//
// A restore or branch whose answer was lost is found by its source and
// creation time (the request carries nothing else to find it by), so two
// creates from the same commit could each take the other's VM. Every VM a
// create returns is claimed here first: a lookup only takes VMs nobody
// claimed, and a create whose answered VM was already taken by a lookup
// looks for the one that lookup left instead. Thread-safe.
#pragma once

#include <set>
#include <string>

#include "base/mutex.h"

namespace vers::client {

class ClaimedVms {
 public:
  // Claims `vm_id`; false when it was claimed already.
  bool Claim(const std::string& vm_id) {
    base::MutexLock lock(mu_);
    return ids_.insert(vm_id).second;
  }
  // Whether `vm_id` was claimed (by any thread).
  bool IsClaimed(const std::string& vm_id) const {
    base::MutexLock lock(mu_);
    return ids_.count(vm_id) != 0;
  }

 private:
  mutable base::Mutex mu_;
  std::set<std::string> ids_ GUARDED_BY(mu_);
};

}  // namespace vers::client
