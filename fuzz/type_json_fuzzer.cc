// libFuzzer target: DecodeTypeJson on arbitrary bytes. Whatever decodes must
// encode to JSON that decodes to an equal type and re-encodes identically.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "plugin/cty/type_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view json(reinterpret_cast<const char*>(data), size);
  auto decoded = tfplugin::cty::DecodeTypeJson(json);
  if (!decoded.ok()) return 0;
  std::string encoded = tfplugin::cty::EncodeTypeJson(decoded.value());
  auto again = tfplugin::cty::DecodeTypeJson(encoded);
  if (!again.ok()) {
    std::fprintf(stderr, "type_json_fuzzer: %s does not decode: %s\n", encoded.c_str(),
                 again.status().message().c_str());
    std::abort();
  }
  if (again.value() != decoded.value() || tfplugin::cty::EncodeTypeJson(again.value()) != encoded) {
    std::fprintf(stderr, "type_json_fuzzer: round trip changed %s\n", encoded.c_str());
    std::abort();
  }
  return 0;
}
