// Shared by the cty JSON decoder (json.cc) and encoder (json_encode.cc):
// the walk's position (path, depth) and path-prefixed errors. Not a public
// API.
#pragma once

#include <string>
#include <string_view>

#include "plugin/base.h"
#include "plugin/cty/json.h"

namespace tfplugin::cty::json_internal {

// The decoder's state while it descends: options, depth and the path of the
// value at hand (for messages). One per decode call; not shared.
struct Context {
  bool lenient = false;  // drop unknown object members instead of failing
  int depth = 0;         // arrays/objects currently open
  std::string path;      // e.g. .tags["x"][0]; empty at the root

  // An error naming the current path.
  Status Error(const std::string& message) const {
    return Status::Error(path.empty() ? message : "at " + path + ": " + message);
  }
};

// `s` JSON-quoted for a message or path; never fails.
inline std::string QuoteForMessage(std::string_view s) {
  auto q = JsonWriter::Quote(s);
  return q.ok() ? std::move(q).value() : "<invalid UTF-8>";
}
// Path steps as messages show them: .name, ["key"], [0].
inline std::string AttrStep(std::string_view name) { return "." + std::string(name); }
inline std::string IndexStep(std::string_view key) { return "[" + QuoteForMessage(key) + "]"; }
inline std::string IndexStep(size_t i) { return "[" + std::to_string(i) + "]"; }

// Appends a step to the path for the guard's lifetime.
class PathGuard {
 public:
  // Borrows `ctx`, which must outlive the guard; the destructor restores
  // the path.
  PathGuard(Context& ctx, const std::string& step) : ctx_(ctx), len_(ctx.path.size()) {
    ctx.path += step;
  }
  // Restores the path (again, if Pop ran).
  ~PathGuard() { Pop(); }
  PathGuard(const PathGuard&) = delete;
  PathGuard& operator=(const PathGuard&) = delete;
  // Restores the path early, for errors reported from the parent's position.
  void Pop() { ctx_.path.resize(len_); }

 private:
  Context& ctx_;
  size_t len_;
};

// Counts one more level of nesting for the guard's lifetime; !ok() when that
// exceeds kMaxJsonDepth. Bounding depth bounds recursion on hostile input.
class DepthGuard {
 public:
  // Borrows `ctx`, which must outlive the guard; the destructor counts the
  // level off again.
  explicit DepthGuard(Context& ctx) : ctx_(ctx) { ++ctx_.depth; }
  ~DepthGuard() { --ctx_.depth; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  // Whether the depth is within kMaxJsonDepth, and the error to report
  // when it is not (at the current path).
  bool ok() const { return ctx_.depth <= kMaxJsonDepth; }
  Status status() const {
    return ctx_.Error("nested more than " + std::to_string(kMaxJsonDepth) + " levels deep");
  }

 private:
  Context& ctx_;
};

}  // namespace tfplugin::cty::json_internal
