// Reading VergeIO answers (vergeio_answer.h) on bodies shaped as the public
// sources show them.
#include "client/vergeio_answer.h"

#include <catch2/catch.hpp>

namespace vers::client {

// verge-io/docs api-guide.md: POST /v4/vms answers
// {"location": "/v4/vms/36", "dbpath": "vms/36", "$row": 36, "$key": "36"};
// rows carry a number ("$key": 1).
TEST_CASE("$key is read as a string or a number", "[client][vergeio]") {
  auto created = ReadCreatedKey(
      R"({"location":"/v4/vms/36","dbpath":"vms/36","$row":36,"$key":"36"})", "POST /v4/vms");
  REQUIRE(created.ok());
  CHECK(created.value() == 36);
  auto number = ReadCreatedKey(R"({"$key":36})", "POST /v4/vms");
  REQUIRE(number.ok());
  CHECK(number.value() == 36);
  for (const char* bad : {R"({"$key":"x36"})", R"({"$key":""})", R"({"$key":0})", R"({})",
                          R"([{"$key":"36"}])", R"({"$key":"3)"}) {
    INFO(bad);
    CHECK_FALSE(ReadCreatedKey(bad, "POST /v4/vms").ok());
  }
}

TEST_CASE("rows: lists versus one row, typed fields, nulls", "[client][vergeio]") {
  int64_t machine = 0;
  std::string node;
  Status s = ReadRows(R"([{"$key":1,"machine":48,"node_name":null}])", "GET /v4/vms", true,
                      [&](VergeioRow& r) {
                        machine = r.Int("machine");
                        node = r.Str("node_name");  // null, as in the vms fixture of
                        return Status::Ok();        // ansible-collection-vergeos
                      });
  REQUIRE(s.ok());
  CHECK(machine == 48);
  CHECK(node == "");
  auto one_for_list =
      ReadRows(R"({"$key":1})", "GET /v4/vms", true, [](VergeioRow&) { return Status::Ok(); });
  CHECK(one_for_list.message().find("is not a list") != std::string::npos);
  auto typed = ReadRows(R"({"ram":"lots"})", "GET /v4/vms/1", false, [](VergeioRow& r) {
    r.Int("ram");
    return Status::Ok();
  });
  CHECK(typed.message() ==
        "VergeIO's answer to GET /v4/vms/1 has a \"ram\" that is not an integer");
  auto boolean = ReadRows(R"({"running":1})", "GET /v4/machine_status/1", false, [](VergeioRow& r) {
    r.Bool("running");
    return Status::Ok();
  });
  CHECK(boolean.message().find("not true or false") != std::string::npos);
}

// verge-io/PSVergeOS Private/Invoke-VergeAPI.ps1: err (string), error,
// message, or message beside err: true.
TEST_CASE("error text from each body shape", "[client][vergeio]") {
  CHECK(ErrorText(R"({"err":"Invalid argument"})") == "Invalid argument");
  CHECK(ErrorText(R"({"err":true,"message":"locked"})") == "locked");
  CHECK(ErrorText(R"({"error":"Insufficient cluster resources to start VM"})") ==
        "Insufficient cluster resources to start VM");
  CHECK(ErrorText(R"({"message":"m"})") == "m");
  CHECK(ErrorText("Service Unavailable\n") == "Service Unavailable ");
  CHECK(ErrorText("") == "");
  CHECK(ErrorText(std::string(300, 'x')).size() < 210);
}

// Measured on VergeOS 26.1.8 (verge-io/ansible-collection-vergeos
// docs/KNOWN-BUGS.md): 'zz-o''brien' is 422 "Invalid argument",
// 'zz-o\'brien' works (B1); \ ' { are the reserved characters, each taking a
// backslash (B19).
TEST_CASE("filter literals escape \\ ' and { with a backslash", "[client][vergeio]") {
  CHECK(FilterLiteral("zz-o'brien") == R"('zz-o\'brien')");
  CHECK(FilterLiteral("build's-info") == R"('build\'s-info')");
  CHECK(FilterLiteral(R"(a\b)") == R"('a\\b')");
  CHECK(FilterLiteral("zz-jw-br{x}ace") == R"('zz-jw-br\{x}ace')");
  CHECK(FilterLiteral("plain") == "'plain'");
}

}  // namespace vers::client
