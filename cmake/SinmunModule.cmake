# sinmun_unity_build(<target>)
#   Compiles the target's sources 8 to a translation unit: the module's .cpp files share the
#   same heavy headers (nlohmann/json, fmt, spdlog, GoogleTest), which are then parsed once per
#   eight files instead of once per file. A clean build of src/site took about half the CPU
#   time (docs/DESIGN.md, "Build time"). Names in a .cpp file's anonymous namespace must
#   therefore be unique within its module.
function(sinmun_unity_build target)
  set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
endfunction()

# sinmun_add_module(<name> SOURCES ... [DEPS ...] [PRIVATE_DEPS ...])
#   One static library a module: sinmun_<name>, alias sinmun::<name>. DEPS are the module edges
#   allowed by the dependency direction (docs/DESIGN.md); PRIVATE_DEPS are backend libraries
#   that must not leak to callers (sqlite3, Beast's helpers, kainjow, md4c).
function(sinmun_add_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(sinmun_${name} STATIC ${M_SOURCES})
  sinmun_unity_build(sinmun_${name})
  add_library(sinmun::${name} ALIAS sinmun_${name})
  target_include_directories(sinmun_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(sinmun_${name} PUBLIC ${M_DEPS} PRIVATE ${M_PRIVATE_DEPS})
endfunction()

# sinmun_add_test(<module> [POSTGRES] [NO_UNITY] SOURCES ... [DEPS ...])
#   One GoogleTest binary a module, sinmun_<module>_test, labelled <module> so that
#   `ctest -L <module>` runs just that module. POSTGRES: its tests use the test run's private
#   PostgreSQL server (the `postgres` fixture of tests/support), which CTest starts first.
#   NO_UNITY: each source is its own translation unit, for test files that repeat file-local
#   names (see sinmun_unity_build). COST <n>: CTest's COST of each of its tests (0 by default).
function(sinmun_add_test module)
  cmake_parse_arguments(T "POSTGRES;NO_UNITY" "COST" "SOURCES;DEPS" ${ARGN})
  set(fixtures "")
  if(T_POSTGRES)
    set(fixtures FIXTURES_REQUIRED postgres)
  endif()
  add_executable(sinmun_${module}_test ${T_SOURCES})
  if(NOT T_NO_UNITY)
    sinmun_unity_build(sinmun_${module}_test)
  endif()
  target_link_libraries(sinmun_${module}_test PRIVATE ${T_DEPS} GTest::gtest GTest::gmock
                        GTest::gtest_main)
  target_include_directories(sinmun_${module}_test PRIVATE ${PROJECT_SOURCE_DIR}/src
                             ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(sinmun_${module}_test PRIVATE
                             SINMUN_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                             SINMUN_BINARY="${CMAKE_BINARY_DIR}/sinmun")
  # A hung test fails after 5 minutes instead of holding CI to its limit.
  # COST: CTest starts the dearest tests first, so that on two cores the last minutes are not
  # one long test running alone (a fresh clone has no timings of earlier runs to go by).
  if(NOT T_COST)
    set(T_COST 0)
  endif()
  gtest_discover_tests(sinmun_${module}_test PROPERTIES LABELS ${module} TIMEOUT 300
                       COST ${T_COST} ${fixtures} DISCOVERY_TIMEOUT 60)
endfunction()
