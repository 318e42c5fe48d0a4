#include "plugin/schema/validators.h"

#include <catch2/catch.hpp>

#include "plugin/schema/duration.h"
#include "plugin/schema/timeouts.h"

namespace tfplugin::schema {

using cty::Value;

static Diagnostics Run(const Validator& v, const Value& value) {
  Diagnostics d;
  v.check(value, AttributePath::Root("x"), d);
  return d;
}

TEST_CASE("OneOf names the accepted values", "[schema][validators]") {
  auto v = validators::OneOf({"Paused", "Running"});
  CHECK_FALSE(Run(v, Value::String("Paused")).HasError());
  Diagnostics d = Run(v, Value::String("paused"));
  REQUIRE(d.HasError());
  CHECK(d.items()[0].detail.find("\"Paused\" or \"Running\"") != std::string::npos);
  CHECK(d.items()[0].path->ToString() == "x");
}

TEST_CASE("IntBetween rejects fractions and out-of-range numbers", "[schema][validators]") {
  auto v = validators::IntBetween(1, 32);
  CHECK_FALSE(Run(v, Value::Int(4)).HasError());
  CHECK(Run(v, Value::Int(0)).HasError());
  CHECK(Run(v, Value::NumberVal(cty::Number::Parse("1.5").value())).HasError());
}

TEST_CASE("durations parse like Go's", "[schema][duration]") {
  CHECK(ParseDuration("90s").value() == std::chrono::seconds(90));
  CHECK(ParseDuration("1h30m").value() == std::chrono::minutes(90));
  CHECK(ParseDuration("1.5h").value() == std::chrono::minutes(90));
  CHECK(ParseDuration("250ms").value() == std::chrono::milliseconds(250));
  CHECK(ParseDuration("0").value() == std::chrono::milliseconds(0));
  CHECK_FALSE(ParseDuration("").ok());
  CHECK_FALSE(ParseDuration("10").ok());
  CHECK_FALSE(ParseDuration("5 minutes").ok());
  CHECK_FALSE(ParseDuration("-5s").ok());
  CHECK(ParseDuration("10").status().message().find("without a unit") != std::string::npos);
}

TEST_CASE("timeouts block reads durations with fallback", "[schema][timeouts]") {
  NestedBlock nb = TimeoutsBlock({"create", "delete"});
  CHECK(nb.type_name == "timeouts");
  CHECK(nb.block->attributes.size() == 2);
  auto fallback = std::chrono::milliseconds(1000);
  Value timeouts = Value::Object(
      {{"create", Value::String("2m")}, {"delete", Value::Null(cty::Type::String())}});
  Value resource = Value::Object({{"timeouts", timeouts}});
  CHECK(TimeoutFor(resource, "create", fallback) == std::chrono::minutes(2));
  CHECK(TimeoutFor(resource, "delete", fallback) == fallback);
  CHECK(TimeoutFor(Value::Object({{"timeouts", Value::Null(timeouts.type())}}), "create",
                   fallback) == fallback);
}

}  // namespace tfplugin::schema
