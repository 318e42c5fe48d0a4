#include "plugin/diagnostics.h"

#include <algorithm>

namespace tfplugin {

AttributePath AttributePath::Attribute(std::string name) const {
  AttributePath p = *this;
  p.steps_.push_back({Step::Kind::kAttribute, std::move(name), 0});
  return p;
}

AttributePath AttributePath::ElementKey(std::string key) const {
  AttributePath p = *this;
  p.steps_.push_back({Step::Kind::kKey, std::move(key), 0});
  return p;
}

AttributePath AttributePath::ElementIndex(int64_t index) const {
  AttributePath p = *this;
  p.steps_.push_back({Step::Kind::kIndex, {}, index});
  return p;
}

std::string AttributePath::ToString() const {
  std::string out;
  for (const auto& step : steps_) {
    switch (step.kind) {
      case Step::Kind::kAttribute:
        if (!out.empty()) out += '.';
        out += step.name;
        break;
      case Step::Kind::kKey:
        out += "[\"" + step.name + "\"]";
        break;
      case Step::Kind::kIndex:
        out += "[" + std::to_string(step.index) + "]";
        break;
    }
  }
  return out;
}

void Diagnostics::AddError(std::string summary, std::string detail,
                           std::optional<AttributePath> path) {
  items_.push_back(
      {Diagnostic::Severity::kError, std::move(summary), std::move(detail), std::move(path)});
}

void Diagnostics::AddWarning(std::string summary, std::string detail,
                             std::optional<AttributePath> path) {
  items_.push_back(
      {Diagnostic::Severity::kWarning, std::move(summary), std::move(detail), std::move(path)});
}

void Diagnostics::Append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::HasError() const {
  return std::any_of(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Diagnostic::Severity::kError;
  });
}

}  // namespace tfplugin
