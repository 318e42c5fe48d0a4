# vers_test_costs(): gives the long tests of the current directory a COST (their
# measured seconds), so that `ctest -j2` starts them first instead of in
# declaration order (the portable builds come last there) and a run does not
# end with one long test on one core while the other idles. CTest prefers the
# durations it measured itself (build/Testing/Temporary/CTestCostData.txt) once
# a tree has run the tests; a fresh clone (CI) has none, so these count there.
# Tests not defined in the directory are skipped (the same list serves the
# top level and src/local). Figures: ctest -j2 on a 2-core host, Dec 2026.
function(vers_test_costs)
  set(costs
    "portable: build arm64" 540
    "portable: build amd64" 510
    "e2e: examples_apply" 112
    "e2e terraform: examples_apply" 112
    "local: e2e schemathesis" 55
    "local: e2e escape" 48
    "e2e: vers_fault_storm" 45
    "e2e terraform: vers_fault_storm" 45
    "e2e: vers_provision" 44
    "e2e terraform: vers_provision" 44
    "e2e: vers_interrupt_tag" 35
    "e2e terraform: vers_interrupt_tag" 35
    "e2e: vers_killed_provider" 32
    "e2e terraform: vers_killed_provider" 32)
  while(costs)
    list(POP_FRONT costs name seconds)
    if(TEST "${name}")
      set_tests_properties("${name}" PROPERTIES COST ${seconds})
    endif()
  endwhile()
endfunction()
