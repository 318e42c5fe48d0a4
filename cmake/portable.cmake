# VERS_PORTABLE: the dependencies of a release binary that needs no shared
# library at all (scripts/build-portable.sh sets this up). Defines the same
# targets as the normal build's find_package/pkg_check_modules calls, from
# static archives: Debian's for gRPC, protobuf, absl, re2, c-ares, OpenSSL and
# zlib; VERS_PORTABLE_DEPS's libcurl and libssh (built without GSSAPI) and
# simdjson's amalgamation, compiled in. Linked with -static: glibc too, so the
# binary does not depend on the glibc version of the machine it runs on.
set(VERS_PORTABLE_DEPS "" CACHE PATH "scripts/portable/deps.sh's deps= directory")
if(NOT IS_DIRECTORY "${VERS_PORTABLE_DEPS}/simdjson")
  message(FATAL_ERROR "VERS_PORTABLE needs VERS_PORTABLE_DEPS (run scripts/build-portable.sh)")
endif()

set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)
set(Protobuf_USE_STATIC_LIBS ON)
find_package(Protobuf REQUIRED)
set(OPENSSL_USE_STATIC_LIBS ON)
find_package(OpenSSL REQUIRED)
find_library(VERS_ZLIB_ARCHIVE NAMES libz.a REQUIRED)
# What libcurl.a and libssh.a need, as archive paths after each of them (a
# static link resolves left to right).
set(VERS_TLS_ARCHIVES ${OPENSSL_SSL_LIBRARY} ${OPENSSL_CRYPTO_LIBRARY} ${VERS_ZLIB_ARCHIVE})
find_program(GRPC_CPP_PLUGIN grpc_cpp_plugin REQUIRED)

# gRPC with everything it needs, as its pkg-config file lists for static links.
pkg_check_modules(GRPC_STATIC REQUIRED grpc++)
add_library(vers_grpc_static INTERFACE)
target_include_directories(vers_grpc_static SYSTEM INTERFACE ${GRPC_STATIC_INCLUDE_DIRS})
target_link_libraries(vers_grpc_static INTERFACE ${GRPC_STATIC_STATIC_LDFLAGS})
add_library(PkgConfig::GRPCPP ALIAS vers_grpc_static)

add_library(vers_curl_static INTERFACE)
target_include_directories(vers_curl_static SYSTEM INTERFACE ${VERS_PORTABLE_DEPS}/include)
target_compile_definitions(vers_curl_static INTERFACE CURL_STATICLIB)
target_link_libraries(vers_curl_static INTERFACE ${VERS_PORTABLE_DEPS}/lib/libcurl.a
                      ${VERS_TLS_ARCHIVES} Threads::Threads ${CMAKE_DL_LIBS})
add_library(CURL::libcurl ALIAS vers_curl_static)

add_library(vers_libssh_static INTERFACE)
target_include_directories(vers_libssh_static SYSTEM INTERFACE ${VERS_PORTABLE_DEPS}/include)
target_compile_definitions(vers_libssh_static INTERFACE LIBSSH_STATIC)
target_link_libraries(vers_libssh_static INTERFACE ${VERS_PORTABLE_DEPS}/lib/libssh.a
                      ${VERS_TLS_ARCHIVES} Threads::Threads ${CMAKE_DL_LIBS})
add_library(PkgConfig::LIBSSH ALIAS vers_libssh_static)

# simdjson: its single-file amalgamation, compiled without our warnings.
add_library(vers_simdjson STATIC ${VERS_PORTABLE_DEPS}/simdjson/simdjson.cpp)
target_include_directories(vers_simdjson SYSTEM PUBLIC ${VERS_PORTABLE_DEPS}/simdjson)
add_library(PkgConfig::SIMDJSON ALIAS vers_simdjson)

# glibc's static NSS has only "files" and "dns" built in; main() pins lookups
# to them (see src/portable_runtime.h) so that no NSS module is dlopen'ed.
add_compile_definitions(VERS_STATIC_BINARY=1)
add_link_options(-static -Wl,--gc-sections)
