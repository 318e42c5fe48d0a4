// Typed attribute descriptors: one object per attribute, shared by the
// schema that declares it and the code that reads and writes it, so that an
// attribute's name is written once.
//
// A resource gathers its descriptors in a struct deriving from AttrSet; each
// descriptor registers its name and cty type with the set it is a member of:
//
//   struct RestoreAttrs : schema::AttrSet {
//     schema::Attr<std::string> commit_id{this, "commit_id"};
//     schema::Attr<int64_t> vcpu_count{this, "vcpu_count"};
//   };
//   const RestoreAttrs kA;  // one per process, built at start-up
//
//   schema_.block.attributes = {kA.commit_id.Declare().Optional().Description("...")};
//   schema_.attr_sets = {&kA};
//   auto id = values::Get(req.plan, kA.commit_id);  // std::optional<std::string>
//   values::ObjectBuilder(req.plan).Set(kA.commit_id, "c1").Build();
//
// A misspelled member does not compile, nor does a value of the wrong C++
// type. A set member missing from the schema, or declared there with another
// type, is reported by CheckAttrSet, which the provider's unit test runs over
// every resource, data source and ephemeral resource, along with a check that
// every schema attribute is declared by a descriptor
// (test/resources/attr_sets_test.cc). The name string itself is written once,
// in the descriptor: a typo there renames the attribute everywhere, which the
// generated docs (checked current by a test) and the e2e configs show.
//
// Sets and descriptors are immutable once built: safe to share between
// threads. A set must not be copied or moved (its descriptors point into it).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "plugin/cty/value.h"
#include "plugin/diagnostics.h"
#include "plugin/schema/schema.h"

namespace tfplugin::schema {

// The C++ types of map(string) and list(string) descriptors.
using StringMap = std::map<std::string, std::string>;
using StringList = std::vector<std::string>;

// How a descriptor's C++ type maps to cty: its type, and the conversion of a
// known, non-null value each way (Decode may give an optional: nullopt
// for a value T cannot hold). Defined for std::string, int64_t, bool,
// StringMap (map(string)), StringList (list(string)) and cty::Value (any
// type; the descriptor names the type, or Dynamic for "not checked").
template <typename T>
struct AttrCodec;

// string.
template <>
struct AttrCodec<std::string> {
  static cty::Type Type() { return cty::Type::String(); }
  static std::string Decode(const cty::Value& v) { return v.AsString(); }
  static cty::Value Encode(const std::string& s) { return cty::Value::String(s); }
};
// number, for integers only.
template <>
struct AttrCodec<int64_t> {
  static cty::Type Type() { return cty::Type::Number(); }
  // nullopt for a number that is not an integer in int64_t's range.
  static std::optional<int64_t> Decode(const cty::Value& v) { return v.AsNumber().ToInt64(); }
  static cty::Value Encode(int64_t n) { return cty::Value::Int(n); }
};
// bool.
template <>
struct AttrCodec<bool> {
  static cty::Type Type() { return cty::Type::Bool(); }
  static bool Decode(const cty::Value& v) { return v.AsBool(); }
  static cty::Value Encode(bool b) { return cty::Value::Bool(b); }
};
// Elements that are null or unknown are left out when decoding.
template <>
struct AttrCodec<StringMap> {
  static cty::Type Type() { return cty::Type::Map(cty::Type::String()); }
  static StringMap Decode(const cty::Value& v);
  static cty::Value Encode(const StringMap& m);
};
// list(string); elements that are null or unknown are left out when decoding.
template <>
struct AttrCodec<StringList> {
  static cty::Type Type() { return cty::Type::List(cty::Type::String()); }
  static StringList Decode(const cty::Value& v);
  static cty::Value Encode(const StringList& l);
};
// Any type, passed through as it is.
template <>
struct AttrCodec<cty::Value> {
  static cty::Type Type() { return cty::Type::Dynamic(); }
  static cty::Value Decode(const cty::Value& v) { return v; }
  static cty::Value Encode(const cty::Value& v) { return v; }
};

// The descriptors of one object type (a resource's, or the elements of a
// nested list), in declaration order.
class AttrSet {
 public:
  // One registered descriptor.
  struct Entry {
    std::string name;  // the attribute's name
    cty::Type type;    // Dynamic: any type
  };

  AttrSet() = default;
  AttrSet(const AttrSet&) = delete;
  AttrSet& operator=(const AttrSet&) = delete;

  // Every descriptor registered so far, in declaration order.
  const std::vector<Entry>& entries() const { return entries_; }
  // The object type with one attribute per descriptor (none Dynamic), for
  // building the elements of a nested collection.
  cty::Type ObjectType() const;
  // list(ObjectType()): the type of a nested list of these objects, for the
  // descriptor that holds them.
  cty::Type ListType() const { return cty::Type::List(ObjectType()); }
  // Called by Attr's constructor only.
  void Register(const std::string& name, const cty::Type& type);

 private:
  std::vector<Entry> entries_;
};

// One attribute of C++ type T, registered with its set.
template <typename T>
class Attr {
 public:
  // Registers with `set`, the AttrSet this descriptor is a member of (it
  // must outlive the descriptor); `type` overrides T's cty type (e.g. the
  // element type of a cty::Value descriptor).
  Attr(AttrSet* set, std::string name, cty::Type type = AttrCodec<T>::Type())
      : name_(std::move(name)), type_(std::move(type)) {
    set->Register(name_, type_);
  }
  Attr(const Attr&) = delete;
  Attr& operator=(const Attr&) = delete;

  // The attribute's name and cty type, as registered.
  const std::string& name() const { return name_; }
  const cty::Type& type() const { return type_; }
  // The path of a top-level attribute, for diagnostics.
  AttributePath path() const { return AttributePath::Root(name_); }
  // Starts the schema declaration of this attribute (name and type); chain
  // the builders of schema::Attribute on it.
  Attribute Declare() const { return Attribute::Of(name_, type_); }

 private:
  std::string name_;
  cty::Type type_;
};

// Any descriptor, by name: what config validators take.
struct AttrRef {
  template <typename T>
  AttrRef(const Attr<T>& a) : name(a.name()) {}  // NOLINT: implicit on purpose
  std::string name;                              // the descriptor's attribute name
};

// What is wrong with `set` against `object_type` (a schema's value type):
// one line per descriptor absent from it or declared there with another
// type. Empty when every descriptor matches.
std::vector<std::string> CheckAttrSet(const AttrSet& set, const cty::Type& object_type);

}  // namespace tfplugin::schema
