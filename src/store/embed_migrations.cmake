# cmake -DDIR=<folder of NNNN_name.sql> -DOUTPUT=<file.cpp> -DNAMESPACE=<ns> -P embed_migrations.cmake
#   Writes a C++ file that defines `std::span<const Migration> <ns>::Migrations()` with the text
#   of every migration in version order, so the binary carries its schema wherever it runs.
#   The version is the file name's number prefix (0001_initial.sql is version 1).
set(delimiter "sinmun_sql")
file(GLOB inputs "${DIR}/*.sql")
list(SORT inputs)

set(entries "")
set(last_version 0)
foreach(input IN LISTS inputs)
  get_filename_component(name "${input}" NAME)
  if(NOT name MATCHES "^([0-9]+)_[a-z0-9_]+\\.sql$")
    message(FATAL_ERROR "${input}: migration files are named NNNN_snake_case.sql")
  endif()
  # math() drops the leading zeros that would make 0010 an octal literal in C++.
  math(EXPR version "${CMAKE_MATCH_1}")
  if(NOT version GREATER last_version)
    message(FATAL_ERROR "${input}: version ${version} repeats or is out of order")
  endif()
  set(last_version ${version})
  file(READ "${input}" sql)
  string(FIND "${sql}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${input} contains the raw string delimiter ${delimiter}")
  endif()
  string(APPEND entries "    {${version}, \"${name}\", R\"${delimiter}(${sql})${delimiter}\"},\n")
endforeach()
if(entries STREQUAL "")
  message(FATAL_ERROR "no migrations in ${DIR}")
endif()

set(content "// Generated from ${DIR} by embed_migrations.cmake. Do not edit.
#include \"store/migration.hpp\"

namespace ${NAMESPACE} {
namespace {
constexpr Migration kMigrations[] = {
${entries}};
}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace ${NAMESPACE}
")
file(WRITE "${OUTPUT}" "${content}")
