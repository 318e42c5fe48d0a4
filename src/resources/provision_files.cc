#include "resources/provision_files.h"

#include <map>
#include <set>

#include "plugin/values.h"
#include "resources/framework.h"
#include "resources/provision.h"
#include "resources/provision_sources.h"

namespace vers::resources {

namespace {

AttributePath FileAttr(size_t index, const schema::Attr<std::string>& attr) {
  return ProvisionFilePath(index, attr);
}

std::string FileName(size_t index, const std::string& name) {
  return "files[" + std::to_string(index) + "]." + name;
}

// The first control character of `s`, if any.
std::optional<char> ControlCharacter(const std::string& s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return c;
  }
  return std::nullopt;
}

// `path` with empty and "." components dropped: "/a//./b/" is "/a/b". ".."
// stays, since on the VM it depends on symlinks.
std::string Normalized(const std::string& path) {
  std::string out;
  size_t begin = 0;
  while (begin <= path.size()) {
    size_t end = path.find('/', begin);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(begin, end - begin);
    if (!part.empty() && part != ".") out += "/" + part;
    begin = end + 1;
  }
  return out.empty() ? "/" : out;
}

// Whether `d` (of files[index]) is a usable destination; if not, says why.
bool CheckDestination(const std::string& d, size_t index, bool is_file, Diagnostics& diags) {
  std::string why;
  if (d.empty() || d.front() != '/') {
    why = "must be an absolute path on the VM, such as \"/opt/app/config\"";
  } else if (auto c = ControlCharacter(d)) {
    why = "contains a control character (" + Shown(std::string(1, *c)) +
          "); destinations are plain absolute paths, such as \"/opt/app/config\"";
  } else if (is_file && Normalized(d) == "/") {
    why = "names no file: give the file's own path, such as \"/opt/app/config\"";
  } else if (is_file && d.back() == '/') {
    why = "ends with \"/\", but a file is uploaded there: give the file's own path, such as \"" +
          d + "config\"";
  }
  if (why.empty()) return true;
  diags.AddError("Invalid destination",
                 FileName(index, "destination") + " " + Shown(d) + " " + why + ".",
                 FileAttr(index, kProvisionFile.destination));
  return false;
}

// Reads one wholly known element of `files`.
void ReadElement(const cty::Value& f, size_t index, std::vector<UploadItem>& out,
                 Diagnostics& diags) {
  UploadItem item;
  item.config_index = index;
  item.source = values::Get(f, kProvisionFile.source);
  item.content = values::Get(f, kProvisionFile.content);
  item.destination = values::Get(f, kProvisionFile.destination).value_or("");
  std::optional<int> mode;
  if (auto m = values::Get(f, kProvisionFile.mode)) {
    mode = ParseMode(*m);
    if (!mode)
      diags.AddError("Invalid file mode",
                     "mode \"" + *m + "\" is not an octal permission such as \"0644\" or \"755\".",
                     FileAttr(index, kProvisionFile.mode));
  }
  if (item.source.has_value() == item.content.has_value()) {
    diags.AddError(item.source ? "Conflicting file sources" : "Missing file source",
                   "Each element of files needs exactly one of source (a local path) and content "
                   "(inline text).",
                   FileAttr(index, item.source ? kProvisionFile.content : kProvisionFile.source));
    return;
  }
  if (item.content) {
    if (!CheckDestination(item.destination, index, true, diags)) return;
    item.mode = mode.value_or(0644);
    out.push_back(std::move(item));
    return;
  }
  if (item.source->find('\0') != std::string::npos) {
    diags.AddError("Invalid source",
                   FileName(index, "source") + " " + Shown(*item.source) +
                       " contains a NUL character, which no local path can hold.",
                   FileAttr(index, kProvisionFile.source));
    return;
  }
  auto listed = ListSourceFiles(*item.source);
  if (!listed.ok()) {
    diags.AddError(listed.status().is_not_found() ? "Source not found" : "Unsupported source",
                   FileName(index, "source") + ": " + listed.status().message() + ".",
                   FileAttr(index, kProvisionFile.source));
    return;
  }
  const bool single = listed.value().size() == 1 && listed.value()[0].relative.empty();
  if (!CheckDestination(item.destination, index, single, diags)) return;
  std::string base = item.destination;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  for (const auto& file : listed.value()) {
    // The VM gets the tree's names as they are: the same rule holds for them.
    if (auto c = ControlCharacter(file.relative)) {
      diags.AddError("Unsupported source",
                     FileName(index, "source") + ": " + Shown(file.path) +
                         " has a control character (" + Shown(std::string(1, *c)) +
                         ") in its name, which its destination cannot hold.",
                     FileAttr(index, kProvisionFile.source));
      return;
    }
    UploadItem u = item;
    u.source = file.path;
    u.destination =
        file.relative.empty() ? item.destination : (base == "/" ? "" : base) + "/" + file.relative;
    u.mode = mode.value_or(file.mode);
    out.push_back(std::move(u));
  }
}

// Each destination is written once, and never below another file's.
void CheckDestinations(const std::vector<UploadItem>& uploads, size_t first, Diagnostics& diags) {
  std::map<std::string, size_t> seen;  // normalized destination -> index in uploads
  auto which = [&uploads](size_t i) {
    const UploadItem& u = uploads[i];
    return "files[" + std::to_string(u.config_index) + "]" +
           (u.source ? " (source " + Shown(*u.source) + ")" : "");
  };
  for (size_t i = first; i < uploads.size(); ++i) {
    std::string d = Normalized(uploads[i].destination);
    auto [it, inserted] = seen.emplace(d, i);
    if (!inserted) {
      diags.AddError("Duplicate destination",
                     which(i) + " and " + which(it->second) + " both upload to " + Shown(d) +
                         " on the VM; each destination can be written only once.",
                     FileAttr(uploads[i].config_index, kProvisionFile.destination));
    }
  }
  for (const auto& [d, i] : seen) {
    for (size_t slash = d.rfind('/'); slash != std::string::npos && slash > 0;
         slash = d.rfind('/', slash - 1)) {
      auto parent = seen.find(d.substr(0, slash));
      if (parent == seen.end()) continue;
      diags.AddError("Conflicting destinations",
                     which(i) + " uploads to " + Shown(d) + ", inside " + Shown(parent->first) +
                         " where " + which(parent->second) + " uploads a file.",
                     FileAttr(uploads[i].config_index, kProvisionFile.destination));
      break;
    }
  }
}

}  // namespace

std::optional<int> ParseMode(const std::string& s) {
  if (s.empty() || s.size() > 4 || s.find_first_not_of("01234567") != std::string::npos)
    return std::nullopt;
  return static_cast<int>(std::stoi(s, nullptr, 8));
}

void ReadUploads(const cty::Value& files, std::vector<UploadItem>& out, Diagnostics& diags) {
  if (!files.is_known() || files.is_null()) return;
  const size_t first = out.size();
  size_t index = 0;
  for (const auto& f : files.AsElements()) {
    if (WhollyKnown(f)) ReadElement(f, index, out, diags);  // else checked once known
    ++index;
  }
  CheckDestinations(out, first, diags);
}

}  // namespace vers::resources
