#include "base/log.h"

#include <catch2/catch.hpp>
#include <cstdlib>

namespace vers::log {

TEST_CASE("log lines are hclog JSON with redaction", "[log]") {
  AddSecret("sk-live-0123456789");
  std::string line =
      FormatLine(Level::kInfo, "calling with sk-live-0123456789 now",
                 {{"url", "https://x/?k=sk-live-0123456789"}, {"api_key", "anything"}});
  CHECK(line.find("\"@level\":\"info\"") != std::string::npos);
  CHECK(line.find("\"@message\":\"calling with <redacted> now\"") != std::string::npos);
  CHECK(line.find("\"@module\":\"vers\"") != std::string::npos);
  CHECK(line.find("\"@timestamp\":\"") != std::string::npos);
  CHECK(line.find("sk-live") == std::string::npos);
  CHECK(line.find("anything") == std::string::npos);  // secret-looking field names
  CHECK(Redact("x sk-live-0123456789 y") == "x <redacted> y");
}

TEST_CASE("level follows TF_LOG_PROVIDER, then TF_LOG", "[log]") {
  ::setenv("TF_LOG", "warn", 1);
  ::unsetenv("TF_LOG_PROVIDER");
  Init();
  CHECK(Enabled(Level::kError));
  CHECK_FALSE(Enabled(Level::kInfo));
  ::setenv("TF_LOG_PROVIDER", "TRACE", 1);
  Init();
  CHECK(Enabled(Level::kTrace));
  ::unsetenv("TF_LOG_PROVIDER");
  ::unsetenv("TF_LOG");
  Init();
  CHECK_FALSE(Enabled(Level::kError));
}

}  // namespace vers::log
