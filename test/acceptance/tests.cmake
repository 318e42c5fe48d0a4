# Acceptance tests as data (test/acceptance): one Catch2 binary (and one for
# the harness's own tests); each file
# scenarios/NAME.cc holds TEST_CASE("NAME") and becomes the ctest entries
# "e2e: NAME" (OpenTofu) and "e2e terraform: NAME" (HashiCorp Terraform),
# the names the bash scripts they replace had.
file(GLOB VERS_ACCEPTANCE_HARNESS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/harness/*.cc)
file(GLOB VERS_ACCEPTANCE_SCENARIOS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/scenarios/*.cc)
# What several scenarios share, or one scenario's longer checks and configuration.
file(GLOB VERS_ACCEPTANCE_SUPPORT CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/scenarios/support/*.cc)
# The harness's own tests, without a CLI or backend.
file(GLOB VERS_ACCEPTANCE_SELFTESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/selftest/*.cc)
# The harness and the scenarios' support, compiled once for the two binaries
# below.
add_library(vers_acceptance_harness OBJECT ${VERS_ACCEPTANCE_HARNESS} ${VERS_ACCEPTANCE_SUPPORT})
# Test cases are aggregates written with C++20 designated initializers, whose
# unnamed members take their default member initializers by design; GCC 12
# still warns about them (fixed in GCC 13, PR c++/96868).
target_compile_options(vers_acceptance_harness PUBLIC ${VERS_WARNINGS} -Wno-missing-field-initializers)
target_include_directories(vers_acceptance_harness PUBLIC ${CMAKE_CURRENT_LIST_DIR}/harness
                           ${CMAKE_CURRENT_LIST_DIR}/scenarios)
target_link_libraries(vers_acceptance_harness PUBLIC vers_cty Catch2::Catch2 PkgConfig::HTTPLIB
                      OpenSSL::SSL OpenSSL::Crypto Threads::Threads)
add_executable(vers_acceptance_tests ${CMAKE_SOURCE_DIR}/test/catch_main.cc ${VERS_ACCEPTANCE_SCENARIOS})
target_link_libraries(vers_acceptance_tests PRIVATE vers_acceptance_harness)
# The harness's own tests in a binary of their own, so that the ASan/UBSan
# tree of scripts/test.sh, which runs them, builds no scenario.
add_executable(vers_acceptance_selftests ${CMAKE_SOURCE_DIR}/test/catch_main.cc ${VERS_ACCEPTANCE_SELFTESTS})
target_link_libraries(vers_acceptance_selftests PRIVATE vers_acceptance_harness)
foreach(s ${VERS_ACCEPTANCE_SCENARIOS})
  get_filename_component(name ${s} NAME_WE)
  foreach(cli "e2e: ${name};${VERS_TOFU}" "e2e terraform: ${name};${VERS_TERRAFORM}")
    list(GET cli 0 test_name)
    list(GET cli 1 cli_path)
    add_test(NAME "${test_name}" COMMAND vers_acceptance_tests --warn NoTests "${name}")
    set_tests_properties("${test_name}" PROPERTIES
      ENVIRONMENT "VERS_PROVIDER=$<TARGET_FILE:terraform-provider-vers>;TINY_PROVIDER=$<TARGET_FILE:terraform-provider-tiny>;VERS_LOCAL=$<TARGET_FILE:vers-local>;VERGEIO_LOCAL=$<TARGET_FILE:vergeio-local>;VERS_TOFU=${cli_path};VERS_SOURCE_DIR=${CMAKE_SOURCE_DIR}"
      TIMEOUT 600)
  endforeach()
endforeach()
# The harness's own pieces, without a CLI or backend.
add_test(NAME "unit: acceptance harness" COMMAND vers_acceptance_selftests --warn NoTests "[harness]")
# A workspace writes the provider's path into its CLI configuration; no
# self-test runs it.
set_tests_properties("unit: acceptance harness" PROPERTIES
  ENVIRONMENT "VERS_PROVIDER=/nonexistent/terraform-provider-vers")
