# Unity builds (CMAKE_UNITY_BUILD=ON): scripts/build-portable.sh compiles a
# target's sources in batches, one translation unit per batch, so that the
# standard, gRPC and protobuf headers (most of every file's preprocessed text)
# are parsed once per batch instead of once per file. The everyday tree (build/) stays one file per unit: lint
# reads its compile_commands.json per source, and an edit recompiles one file.

# vers_unity_exclusions(TARGET): compiles on their own the sources of TARGET
# whose anonymous namespace holds a name that another file of the target also
# defines there, which one unit cannot hold twice:
#  - a typed-attribute table `struct Attrs` / `kA` (the convention of
#    src/plugin/schema/attr.h, shared by many resources), found by reading
#    the sources, so that new resources need no entry;
#  - the few helpers below, each defined the same way in several files (the
#    first file of each stays in the batches).
# Which files share a batch depends on the file list, so a collision can stay
# hidden until a file is added; to see all of them at once, build with
# -DCMAKE_UNITY_BUILD_BATCH_SIZE=0 (one unit per target).
set(VERS_UNITY_SKIP
  src/client/vers_json_commits.cc      # OptString (also vers_json.cc)
  src/client/vers_json_images.cc       # OptString
  src/client/vers_json_repos.cc        # OptString, Need
  src/datasources/repositories.cc      # Deadline (also commits.cc)
  src/datasources/vms.cc               # Deadline
  src/resources/provision_upload.cc    # FilePath (also provision_api_files.cc)
  src/resources/vergeio_vm_settings_restore.cc)  # kA (also vergeio_vm_settings.cc)
function(vers_unity_exclusions target)
  if(NOT CMAKE_UNITY_BUILD)
    return()
  endif()
  get_target_property(sources ${target} SOURCES)
  foreach(f ${sources})
    file(RELATIVE_PATH rel ${CMAKE_SOURCE_DIR} ${f})
    file(STRINGS ${f} hit REGEX "^struct Attrs " LIMIT_COUNT 1)
    if(hit OR rel IN_LIST VERS_UNITY_SKIP)
      set_source_files_properties(${f} PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
    endif()
  endforeach()
endfunction()
