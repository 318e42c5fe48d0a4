# Unity builds: -DVERS_UNITY=ON (scripts/test.sh, so CI, and
# scripts/build-portable.sh) compiles each target's sources in batches of 16,
# one translation unit per batch, so that the standard, gRPC and protobuf
# headers (most of every file's preprocessed text) are parsed once per batch
# instead of once per file: after a header change, when nearly everything
# recompiles, that halves the CPU time. A developer's default configure stays
# one file per unit, where an edit recompiles one file. Lint still checks each
# source alone: tools/tidy_sources.py expands the unity entries of
# compile_commands.json into one command per source.
option(VERS_UNITY "Compile each target's sources in unity batches of 16 (CI, release builds)" OFF)
if(VERS_UNITY)
  set(CMAKE_UNITY_BUILD ON)
  if(NOT DEFINED CMAKE_UNITY_BUILD_BATCH_SIZE)
    set(CMAKE_UNITY_BUILD_BATCH_SIZE 16)
  endif()
endif()

# vers_unity_exclusions(TARGET): compiles on their own the sources of TARGET
# whose anonymous namespace holds a name that another file of the target also
# defines there, which one unit cannot hold twice:
#  - a typed-attribute table `struct Attrs` / `const ...& kA` (the convention of
#    src/plugin/schema/attr.h, shared by many resources) and an acceptance
#    scenario's configuration `kMainTf` (test/acceptance/scenarios), found by
#    reading the sources, so that new resources and scenarios need no entry;
#  - the files below, each defining a helper of the same name as another file
#    of its target (the first file of each stays in the batches).
# Which files share a batch depends on the file list, so a collision can stay
# hidden until a file is added; to see all of them at once, build with
# -DVERS_UNITY=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=0 (one unit per target).
set(VERS_UNITY_SKIP
  src/client/vers_json_commits.cc      # OptString (also vers_json.cc)
  src/client/vers_json_images.cc       # OptString
  src/client/vers_json_repos.cc        # OptString, Need
  src/datasources/repositories.cc      # Deadline (also commits.cc)
  src/datasources/vms.cc               # Deadline
  src/resources/provision_upload.cc    # FilePath (also provision_api_files.cc)
  src/resources/vergeio_vm_settings_restore.cc  # kA (also vergeio_vm_settings.cc)
  src/local/api_images.cc              # Finish (also api_account.cc)
  src/local/api_vms.cc                 # kVm, VmIdParam (also api_exec.cc), kMaxInt32 (api_exec_json.cc)
  src/local/store_repos.cc             # OptString (also store.cc)
  test/client/vergeio_client_test.cc   # Soon, Options (also http_client_test.cc)
  test/client/vers_account_test.cc     # Options
  test/client/vers_client_create_test.cc  # Options
  test/client/vers_exec_test.cc        # Options
  test/client/vers_images_test.cc      # Options
  test/plugin/cty/msgpack_test.cc      # DecodeError, CheckRoundTrip, Num (also json_test.cc)
  test/acceptance/scenarios/vers_resources.cc  # Import, EveryResource (also vers_repositories.cc)
  test/local/api_tests.cc              # ApiFixture (testing::ApiFixture of api_fixture.h)
  test/local/manager_tests.cc          # Opts (also api_tests.cc)
  test/local/store_tests.cc            # TempDir (also image_tests.cc)
  test/local/image_layer_tests.cc      # TempDir
  test/vergeio_local/query_tests.cc)   # Vms (also filter_tests.cc)
function(vers_unity_exclusions target)
  if(NOT CMAKE_UNITY_BUILD)
    return()
  endif()
  get_target_property(sources ${target} SOURCES)
  get_target_property(dir ${target} SOURCE_DIR)
  foreach(f ${sources})
    get_filename_component(f ${f} ABSOLUTE BASE_DIR ${dir})
    if(NOT f MATCHES "\\.cc$" OR NOT EXISTS ${f})
      continue()  # generated sources: their target is not unity (vers_proto)
    endif()
    file(RELATIVE_PATH rel ${CMAKE_SOURCE_DIR} ${f})
    file(STRINGS ${f} hit REGEX "^(struct Attrs |const [A-Za-z:]+&? kA|constexpr char kMainTf\\[\\])" LIMIT_COUNT 1)
    if(hit OR rel IN_LIST VERS_UNITY_SKIP)
      set_source_files_properties(${f} TARGET_DIRECTORY ${target}
                                  PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
    endif()
  endforeach()
endfunction()

# vers_unity_exclusions_everywhere(): the above for every target of the
# project, called once at the end of the top-level CMakeLists.txt, so that a
# new target needs no call of its own.
function(vers_unity_exclusions_everywhere)
  if(NOT CMAKE_UNITY_BUILD)
    return()
  endif()
  set(dirs ${CMAKE_SOURCE_DIR})
  while(dirs)
    list(POP_FRONT dirs dir)
    get_property(sub DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
    list(APPEND dirs ${sub})
    get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    foreach(t ${targets})
      get_target_property(type ${t} TYPE)
      if(type MATCHES "LIBRARY|EXECUTABLE")
        vers_unity_exclusions(${t})
      endif()
    endforeach()
  endwhile()
endfunction()
