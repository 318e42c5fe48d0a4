// WithSchema answers TypeName() and GetSchema() through the framework's
// contracts with what its constructor was given, one schema object for the
// type's life.
#include "plugin/with_schema.h"

#include <catch2/catch.hpp>

namespace tfplugin {
namespace {

schema::Schema OneAttribute(const std::string& description) {
  schema::Schema s;
  s.version = 3;
  s.block.description = description;
  s.block.attributes = {schema::Attribute::String("name").Required()};
  return s;
}

class Example final : public WithSchema<Resource> {
 public:
  Example() : WithSchema("example_thing", OneAttribute("A thing.")) {}
  void Create(const CreateRequest&, StateResponse&) const override {}
  void Read(const ReadRequest&, ReadResponse&) const override {}
  void Update(const UpdateRequest&, StateResponse&) const override {}
  void Delete(const DeleteRequest&, DeleteResponse&) const override {}
};

class ExampleData final : public WithSchema<DataSource> {
 public:
  ExampleData() : WithSchema("example_things", OneAttribute("Things.")) {}
  void Read(const ReadDataRequest&, StateResponse&) const override {}
};

TEST_CASE("WithSchema: the name and schema given, through the contract") {
  Example example;
  const Resource& r = example;
  CHECK(r.TypeName() == "example_thing");
  CHECK(r.GetSchema().version == 3);
  CHECK(r.GetSchema().block.description == "A thing.");
  REQUIRE(r.GetSchema().block.attributes.size() == 1);
  CHECK(r.GetSchema().block.attributes[0].name == "name");

  ExampleData data;
  const DataSource& d = data;
  CHECK(d.TypeName() == "example_things");
  CHECK(d.GetSchema().block.description == "Things.");
}

}  // namespace
}  // namespace tfplugin
