# BULLETIN_STATIC_RUNTIME: the tools carry their C++ dependencies inside.
#
# A call on a small file is dominated by the dynamic loader: libstdc++, ICU,
# yaml-cpp and fmt export tens of thousands of symbols, and resolving them costs
# about 2 ms per process — more than parsing a 10 KB bulletin. Linking ICU and
# yaml-cpp from their static archives, libstdc++ and libgcc statically and fmt
# header-only leaves only libc and libm to the loader. ICU's data archive makes
# the programs ~35 MB larger; its pages are mapped from the file as they are
# read, not loaded at start.
#
# For builds that run the tools many times (benchmarks, batch jobs that spawn a
# process per file). Debian packages link shared libraries, so such a build
# installs nothing.
#
# Sets BULLETIN_FMT_TARGET and BULLETIN_YAML_CPP_TARGET for the link lines.

set(BULLETIN_FMT_TARGET fmt::fmt)
set(BULLETIN_YAML_CPP_TARGET yaml-cpp)
if(NOT BULLETIN_STATIC_RUNTIME)
  return()
endif()
if(BULLETIN_SANITIZE)
  message(FATAL_ERROR "BULLETIN_STATIC_RUNTIME and BULLETIN_SANITIZE do not go together")
endif()

find_package(Threads REQUIRED)
foreach(_part IN ITEMS uc i18n data)
  find_library(BULLETIN_ICU_${_part}_ARCHIVE NAMES libicu${_part}.a REQUIRED)
endforeach()
find_library(BULLETIN_YAML_CPP_ARCHIVE NAMES libyaml-cpp.a REQUIRED)

# Archives are searched once, left to right: each names what it needs after it.
set_target_properties(ICU::data PROPERTIES IMPORTED_LOCATION "${BULLETIN_ICU_data_ARCHIVE}")
set_target_properties(ICU::uc PROPERTIES
  IMPORTED_LOCATION "${BULLETIN_ICU_uc_ARCHIVE}"
  INTERFACE_LINK_LIBRARIES "ICU::data;Threads::Threads;${CMAKE_DL_LIBS}")
set_target_properties(ICU::i18n PROPERTIES
  IMPORTED_LOCATION "${BULLETIN_ICU_i18n_ARCHIVE}"
  INTERFACE_LINK_LIBRARIES "ICU::uc")
foreach(_part IN ITEMS uc i18n data)
  foreach(_config IN ITEMS RELEASE DEBUG)
    set_property(TARGET ICU::${_part} PROPERTY IMPORTED_LOCATION_${_config})
  endforeach()
endforeach()

add_library(bulletin_yaml_cpp_static STATIC IMPORTED)
get_target_property(_yaml_includes yaml-cpp INTERFACE_INCLUDE_DIRECTORIES)
set_target_properties(bulletin_yaml_cpp_static PROPERTIES
  IMPORTED_LOCATION "${BULLETIN_YAML_CPP_ARCHIVE}"
  INTERFACE_INCLUDE_DIRECTORIES "${_yaml_includes}")
set(BULLETIN_YAML_CPP_TARGET bulletin_yaml_cpp_static)
set(BULLETIN_FMT_TARGET fmt::fmt-header-only)

add_link_options(-static-libstdc++ -static-libgcc)
set(BULLETIN_INSTALL OFF)
