#include "requests.h"

#include <stdexcept>

#include "checks.h"

namespace vers::acceptance {
namespace {

FlatMap CountsNow(const Context& ctx) {
  auto answer = ctx.vers->Admin("GET", "/requests");
  if (!answer.ok()) throw std::runtime_error(answer.status().message());
  auto counts = Flatten(answer.value());
  if (!counts.ok()) throw std::runtime_error(counts.status().message());
  return counts.value();
}

long Sum(const FlatMap& counts, const std::vector<std::string>& operations) {
  long sum = 0;
  for (const std::string& op : operations)
    if (auto it = counts.find(op); it != counts.end()) sum += std::stol(it->second);
  return sum;
}

}  // namespace

Action MarkRequests(std::string label) {
  return [=](Context& ctx) {
    auto answer = ctx.vers->Admin("GET", "/requests");
    if (!answer.ok()) throw std::runtime_error(answer.status().message());
    ctx.vars["requests:" + label] = answer.value();
  };
}

Check MarkRequestsHere(std::string label) {
  return Do("vers-local's request counts are marked as " + label, MarkRequests(label));
}

Check RequestsSince(std::string label, std::vector<std::string> operations, long expected) {
  std::string what = std::to_string(expected) + " requests since " + label + " of";
  for (const std::string& op : operations) what += " " + op;
  return {what, [=](Context& ctx) {
            auto mark = ctx.vars.find("requests:" + label);
            if (mark == ctx.vars.end()) return Status::NotFound("no mark " + label);
            auto before = Flatten(mark->second);
            if (!before.ok()) return before.status();
            long made = Sum(CountsNow(ctx), operations) - Sum(before.value(), operations);
            return Same(std::to_string(made), std::to_string(expected));
          }};
}

const std::vector<std::string>& VmWorkOperations() {
  static const std::vector<std::string> kOps = {
      "create_new_root_vm", "restore_from_commit", "branch_vm", "branch_by_commit", "branch_by_ref",
      "branch_by_tag",      "branch_by_vm",        "ssh_key",   "commit_vm"};
  return kOps;
}

}  // namespace vers::acceptance
