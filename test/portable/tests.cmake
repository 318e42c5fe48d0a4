# "portable: ..." tests: the release binaries of scripts/build-portable.sh, each
# built once per ctest run (a fixture; in its default build directory,
# build-portable/ARCH of the checkout, so that ccache's relative paths match
# from one clone to the next; dependencies and Debian roots are cached outside
# the clone), then run where our build packages are not: minimal Debian 11 and
# 12 roots (amd64) and qemu-user-static (arm64).
set(VERS_PORTABLE_OUT ${CMAKE_CURRENT_BINARY_DIR}/portable)
foreach(arch amd64 arm64)
  add_test(NAME "portable: build ${arch}"
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scripts/build-portable.sh ${arch}
                   ${VERS_PORTABLE_OUT}/linux_${arch}/terraform-provider-vers)
  set_tests_properties("portable: build ${arch}" PROPERTIES
    FIXTURES_SETUP portable_${arch}
    # Each build keeps both cores busy (ninja -j$JOBS): one at a time, while
    # ctest's other slot runs the end-to-end tests, which mostly wait.
    RESOURCE_LOCK portable_build
    TIMEOUT 3000)
endforeach()
foreach(suite bullseye bookworm)
  add_test(NAME "portable: ${suite}"
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test/portable/debian_root.sh ${suite})
  set_tests_properties("portable: ${suite}" PROPERTIES
    FIXTURES_REQUIRED portable_amd64
    ENVIRONMENT "VERS_PORTABLE_PROVIDER=${VERS_PORTABLE_OUT}/linux_amd64/terraform-provider-vers;VERS_PROVIDER=${VERS_PORTABLE_OUT}/linux_amd64/terraform-provider-vers;VERS_LOCAL=$<TARGET_FILE:vers-local>;VERS_TOFU=${VERS_TOFU}"
    TIMEOUT 900)
endforeach()
add_test(NAME "portable: arm64" COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test/portable/arm64_qemu.sh)
set_tests_properties("portable: arm64" PROPERTIES
  FIXTURES_REQUIRED portable_arm64
  ENVIRONMENT "VERS_PORTABLE_PROVIDER_ARM64=${VERS_PORTABLE_OUT}/linux_arm64/terraform-provider-vers;VERS_PROVIDER=${VERS_PORTABLE_OUT}/linux_arm64/terraform-provider-vers;VERS_LOCAL=$<TARGET_FILE:vers-local>;VERS_TOFU=${VERS_TOFU}"
  TIMEOUT 600)
