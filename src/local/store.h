// Store: persists State as DIR/state.json, crash-safely (temp + fsync +
// rename + fsync dir). Not thread-safe; the caller serializes access.
#pragma once

#include <simdjson.h>

#include <string>

#include "base/json_writer.h"
#include "base/status.h"
#include "local/model.h"

namespace vers::local {

// State <-> JSON text. Parse rejects malformed documents.
std::string StateToJson(const State& s);
Result<State> StateFromJson(const std::string& text);
// The "repos" member of the state object (store_repos.cc): written into an
// open object, read from the parsed root into `s`.
void ReposToJson(const State& s, JsonWriter& w);
Status ReposFromJson(simdjson::dom::element root, State& s);

class Store {
 public:
  explicit Store(std::string dir) : dir_(std::move(dir)) {}
  // Loads DIR/state.json; a missing file yields a fresh State with a new owner id.
  Result<State> Load() const;
  Status Save(const State& s) const;
  std::string path() const { return dir_ + "/state.json"; }

 private:
  std::string dir_;
};

// Returns the API key kept in DIR/api_key (0600), creating it on first use.
Result<std::string> EnsureApiKey(const std::string& dir);

}  // namespace vers::local
