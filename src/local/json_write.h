// What the JSON bodies of vers-local's answers share: nullable strings and
// the fallback body when encoding fails.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "base/json_writer.h"

namespace vers::local {

// Writes `key` with `v`, or null when `v` is nullopt (the spec's nullable
// strings: present, not omitted).
inline void OptString(JsonWriter& w, const char* key, const std::optional<std::string>& v) {
  w.Key(key);
  if (v) {
    w.String(*v);
  } else {
    w.Null();
  }
}

// The written body, or the API's error shape when the writer failed (e.g. a
// string that is not UTF-8), so that a handler always answers JSON.
inline std::string FinishJson(JsonWriter& w) {
  auto t = w.Take();
  return t.ok() ? t.value() : std::string(R"({"error":"encoding failed","success":false})");
}

// The body `write(w)` writes.
template <typename Write>
std::string WriteJson(Write&& write) {
  JsonWriter w;
  write(w);
  return FinishJson(w);
}

// {"<key>": [each of `items` written by `write_one(w, item)`]}.
template <typename Items, typename WriteOne>
std::string ListJson(const char* key, const Items& items, WriteOne&& write_one) {
  return WriteJson([&](JsonWriter& w) {
    w.BeginObject().Key(key).BeginArray();
    for (const auto& item : items) write_one(w, item);
    w.EndArray().EndObject();
  });
}

}  // namespace vers::local
