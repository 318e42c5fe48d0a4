// Diagnostics: how every problem reaches the user (errors and warnings with a
// summary, a detail and, where it applies, the attribute path it concerns).
//
// Provider code collects diagnostics rather than throwing; the protocol layer
// converts them to the wire. Summaries and details must never contain secrets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tfplugin {

// A path to a value inside a config/state object, e.g. files[2].destination.
class AttributePath {
 public:
  // One step of a path: an attribute name, a map key or a list/tuple index.
  struct Step {
    enum class Kind { kAttribute, kKey, kIndex };
    Kind kind = Kind::kAttribute;
    std::string name;   // attribute name, or map key
    int64_t index = 0;  // list/tuple element index
    friend bool operator==(const Step&, const Step&) = default;
  };

  // The empty path (the whole object).
  AttributePath() = default;
  // The path of top-level attribute `name`.
  static AttributePath Root(std::string name) { return AttributePath().Attribute(std::move(name)); }

  // Each returns a new, longer path; the receiver is unchanged.
  AttributePath Attribute(std::string name) const;
  AttributePath ElementKey(std::string key) const;
  AttributePath ElementIndex(int64_t index) const;

  // The steps from the root; empty() for the whole object.
  const std::vector<Step>& steps() const { return steps_; }
  bool empty() const { return steps_.empty(); }
  // HCL-like rendering: files[2].destination, labels["env"].
  std::string ToString() const;

  friend bool operator==(const AttributePath&, const AttributePath&) = default;

 private:
  std::vector<Step> steps_;
};

// One problem for the user. `summary` is a short title, `detail` says what
// was wrong and what is accepted; `path`, when set, is the attribute it
// concerns (Terraform then points at that line of the configuration).
struct Diagnostic {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  std::string summary;
  std::string detail;
  std::optional<AttributePath> path;
};

// An ordered collection of diagnostics: the output of every operation. Not
// thread-safe (each call has its own).
class Diagnostics {
 public:
  // Appends an error (the operation fails) or a warning (it goes on).
  void AddError(std::string summary, std::string detail, std::optional<AttributePath> path = {});
  void AddWarning(std::string summary, std::string detail, std::optional<AttributePath> path = {});
  // Appends `d` as it is.
  void Add(Diagnostic d) { items_.push_back(std::move(d)); }
  // Appends copies of all of `other`'s diagnostics, in order.
  void Append(const Diagnostics& other);

  // True when any diagnostic is an error.
  bool HasError() const;
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& items() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace tfplugin
