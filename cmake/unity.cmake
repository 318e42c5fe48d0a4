# Unity builds: -DVERS_UNITY=ON (scripts/test.sh, so CI, and
# scripts/build-portable.sh) compiles each target's sources in batches of 16,
# one translation unit per batch, so that the standard, gRPC and protobuf
# headers (most of every file's preprocessed text) are parsed once per batch
# instead of once per file: after a header change, when nearly everything
# recompiles, that halves the CPU time. A developer's default configure stays
# one file per unit, where an edit recompiles one file. Lint still checks each
# source alone: tools/tidy_sources.py expands the batches of
# compile_commands.json into one command per source.
#
# The batches are written here rather than by CMake's UNITY_BUILD because
# CMake (before 3.32's UNITY_BUILD_RELOCATABLE) includes each source by its
# absolute path: a clone at another path (every CI run) then has other batch
# texts, and ccache, whose CCACHE_BASEDIR rewrites paths on the command line
# only, misses on all of them. Ours include each source by its path relative
# to the batch, so the same commit gives the same batches in any clone.
option(VERS_UNITY "Compile each target's sources in unity batches of 16 (CI, release builds)" OFF)
set(VERS_UNITY_BATCH_SIZE 16 CACHE STRING "Sources per unity batch under VERS_UNITY (0: one batch per target)")

# Sources compiled alone although no convention finds them: see vers_unity().
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

# vers_unity(TARGET): under VERS_UNITY, replaces the .cc sources of TARGET
# (those of this checkout) by batches of VERS_UNITY_BATCH_SIZE, written to
# TARGET's binary directory as vers_unity/TARGET_N.cc (rewritten only when
# their text changes, so a reconfigure recompiles nothing). A target with
# UNITY_BUILD set false is left alone (vers_proto). Compiled alone, outside
# the batches, are the sources whose anonymous namespace holds a name that
# another file of the target also defines there, which one unit cannot hold
# twice:
#  - a typed-attribute table `struct Attrs` / `const ...& kA` (the convention of
#    src/plugin/schema/attr.h, shared by many resources) and an acceptance
#    scenario's configuration `kMainTf` (test/acceptance/scenarios), found by
#    reading the sources, so that new resources and scenarios need no entry;
#  - VERS_UNITY_SKIP above, each defining a helper of the same name as another
#    file of its target (the first file of each stays in the batches).
# Which files share a batch depends on the file list, so a collision can stay
# hidden until a file is added; to see all of them at once, build with
# -DVERS_UNITY=ON -DVERS_UNITY_BATCH_SIZE=0 (one unit per target).
function(vers_unity target)
  get_target_property(unity ${target} UNITY_BUILD)
  if(NOT VERS_UNITY OR (NOT unity STREQUAL "unity-NOTFOUND" AND NOT unity))
    return()
  endif()
  get_target_property(sources ${target} SOURCES)
  get_target_property(dir ${target} SOURCE_DIR)
  get_target_property(bindir ${target} BINARY_DIR)
  set(out_dir ${bindir}/vers_unity)
  set(batch "")
  set(batched "")
  set(batches "")
  foreach(f ${sources})
    if(f MATCHES "^\\$<")
      continue()  # a generator expression: not a file known here
    endif()
    get_filename_component(f ${f} ABSOLUTE BASE_DIR ${dir})
    file(RELATIVE_PATH rel ${CMAKE_SOURCE_DIR} ${f})
    if(NOT f MATCHES "\\.cc$" OR rel MATCHES "^\\.\\./" OR NOT EXISTS ${f})
      continue()  # generated, or outside the checkout (portable deps): alone
    endif()
    file(STRINGS ${f} hit REGEX "^(struct Attrs |const [A-Za-z:]+&? kA|constexpr char kMainTf\\[\\])" LIMIT_COUNT 1)
    if(hit OR rel IN_LIST VERS_UNITY_SKIP)
      continue()
    endif()
    list(APPEND batched ${f})
    list(APPEND batch ${f})
    list(LENGTH batch size)
    if(size EQUAL VERS_UNITY_BATCH_SIZE)
      list(LENGTH batches n)
      _vers_unity_write(${out_dir}/${target}_${n}.cc "${batch}")
      list(APPEND batches ${out_dir}/${target}_${n}.cc)
      set(batch "")
    endif()
  endforeach()
  if(batch)
    list(LENGTH batches n)
    _vers_unity_write(${out_dir}/${target}_${n}.cc "${batch}")
    list(APPEND batches ${out_dir}/${target}_${n}.cc)
  endif()
  file(GLOB stale ${out_dir}/${target}_*.cc)  # batches of an earlier, longer file list
  list(REMOVE_ITEM stale ${batches} "")
  foreach(f ${stale})
    if(f MATCHES "/${target}_[0-9]+\\.cc$")  # not another target's (a_b_0.cc for a)
      file(REMOVE ${f})
    endif()
  endforeach()
  if(batched)
    set_source_files_properties(${batched} TARGET_DIRECTORY ${target} PROPERTIES HEADER_FILE_ONLY ON)
    target_sources(${target} PRIVATE ${batches})
  endif()
endfunction()

# _vers_unity_write(FILE SOURCES): FILE includes each of SOURCES by its path
# relative to FILE's directory; left untouched when that text is already there.
function(_vers_unity_write file sources)
  get_filename_component(out_dir ${file} DIRECTORY)
  set(text "// Generated by cmake/unity.cmake (VERS_UNITY): one translation unit.\n")
  foreach(f ${sources})
    file(RELATIVE_PATH rel ${out_dir} ${f})
    string(APPEND text "#include \"${rel}\"\n")
  endforeach()
  file(WRITE ${file}.tmp "${text}")
  file(COPY_FILE ${file}.tmp ${file} ONLY_IF_DIFFERENT)
  file(REMOVE ${file}.tmp)
endfunction()

# vers_unity_everywhere(): vers_unity() for every target of the project,
# called once at the end of the top-level CMakeLists.txt (and of the portable
# build), so that a new target needs no call of its own.
function(vers_unity_everywhere)
  if(NOT VERS_UNITY)
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
      if(type MATCHES "LIBRARY|EXECUTABLE" AND NOT type STREQUAL "INTERFACE_LIBRARY")
        vers_unity(${t})
      endif()
    endforeach()
  endwhile()
endfunction()
