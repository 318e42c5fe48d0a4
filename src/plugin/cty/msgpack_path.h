// Error positions for the msgpack codec (msgpack_decode.cc and
// msgpack_encode.cc; internal): a path like `.tags["x"][0]` put before each
// message (msgpack.h states the message format).
#pragma once

#include <string>

#include "plugin/base.h"
#include "plugin/cty/type.h"

namespace tfplugin::cty {

// The path to the value being decoded or encoded. Not thread-safe: one per
// codec run.
class MsgpackPath {
 public:
  // One step of the path, in scope.
  class Step {
   public:
    // Appends `text` to `path`, which must outlive the step.
    Step(MsgpackPath& path, const std::string& text) : path_(path), size_(path.text_.size()) {
      path.text_ += text;
    }
    // Removes the step again.
    ~Step() { path_.text_.resize(size_); }
    Step(const Step&) = delete;
    Step& operator=(const Step&) = delete;

   private:
    MsgpackPath& path_;
    size_t size_;
  };

  // Step texts: .name, [0], ["key"] (quotes and backslashes escaped,
  // control characters shown as '?' to keep messages printable).
  static std::string Attr(const std::string& name) { return "." + name; }
  static std::string Index(size_t i) { return "[" + std::to_string(i) + "]"; }
  static std::string Key(const std::string& key) {
    std::string out = "[\"";
    for (char c : key) {
      if (c == '"' || c == '\\') out += '\\';
      out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
    }
    return out + "\"]";
  }

  // An error with `message`, prefixed "at <path>: " unless at the top.
  Status Error(const std::string& message) const {
    return Status::Error(text_.empty() ? message : "at " + text_ + ": " + message);
  }

 private:
  std::string text_;
};

// "expected <type>, got <what the input held>".
inline std::string MsgpackMismatch(const Type& type, const char* got) {
  return "expected " + type.FriendlyName() + ", got " + got;
}

}  // namespace tfplugin::cty
