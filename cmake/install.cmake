# Installing bulletin, its CMake package and pkg-config file, man pages, bash
# completions, and the Debian packages made with `cpack -G DEB`.
#
# Included at the end of the top-level CMakeLists.txt, after lib/ and apps/.
#
# The library stays static (the default of BUILD_SHARED_LIBS): its headers
# carry no export annotations and it makes no ABI promise before 1.0, so a
# shared build would export every symbol and break consumers on each release.
# A static library's private dependencies (ICU, yaml-cpp, fmt, and
# nlohmann_json for its target name) become link-only parts of the exported
# target, so bulletinConfig.cmake finds them for the consumer, and the
# pkg-config file lists them as requirements.

option(BULLETIN_INSTALL "Install the library, tools, data and documentation" ${BULLETIN_TOP_LEVEL})
if(NOT BULLETIN_INSTALL)
  return()
endif()

include(CMakePackageConfigHelpers)

set(BULLETIN_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/bulletin")
set(BULLETIN_DATA_DIR "${CMAKE_INSTALL_DATADIR}/bulletin")
get_target_property(_bulletin_type bulletin TYPE)
if(_bulletin_type STREQUAL "STATIC_LIBRARY")
  set(BULLETIN_STATIC ON)
else()
  set(BULLETIN_STATIC OFF)
endif()

# --- library, headers, CMake package ------------------------------------------

install(TARGETS bulletin
  EXPORT bulletinTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT development
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT runtime NAMELINK_COMPONENT development
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT runtime
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/bulletin"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  COMPONENT development
  FILES_MATCHING PATTERN "*.hpp")
install(EXPORT bulletinTargets
  NAMESPACE bulletin::
  DESTINATION "${BULLETIN_CMAKE_DIR}"
  COMPONENT development)

configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/bulletinConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/bulletinConfig.cmake"
  INSTALL_DESTINATION "${BULLETIN_CMAKE_DIR}"
  PATH_VARS BULLETIN_DATA_DIR)
write_basic_package_version_file("${PROJECT_BINARY_DIR}/bulletinConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/bulletinConfig.cmake"
              "${PROJECT_BINARY_DIR}/bulletinConfigVersion.cmake"
  DESTINATION "${BULLETIN_CMAKE_DIR}"
  COMPONENT development)

# A build tree usable as bulletin_DIR without installing. bulletin_warnings
# must come along because the static library names it as a link-only
# dependency; as link-only it passes no warning flags to consumers.
export(TARGETS bulletin bulletin_warnings
  NAMESPACE bulletin::
  FILE "${PROJECT_BINARY_DIR}/bulletinTargets.cmake")

# pkg-config: paths relative to the .pc file, so `cmake --install --prefix`
# and DESTDIR-extracted packages work without rewriting it.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(BULLETIN_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _bulletin_up "/root/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/root")
  string(REGEX REPLACE "/$" "" _bulletin_up "${_bulletin_up}")
  set(BULLETIN_PC_PREFIX "\${pcfiledir}/${_bulletin_up}")
endif()
# A static archive cannot carry its dependencies: a plain `pkg-config --libs`
# must already name them, so they are Requires, not Requires.private.
# The library also calls dlopen (it loads ICU's charset detector on demand),
# which older C libraries keep in a library of its own.
set(_bulletin_pc_dl "")
foreach(_lib IN LISTS CMAKE_DL_LIBS)
  string(APPEND _bulletin_pc_dl " -l${_lib}")
endforeach()
# It runs a thread of its own for a large document, which older C libraries
# also keep apart.
if(CMAKE_THREAD_LIBS_INIT)
  string(APPEND _bulletin_pc_dl " ${CMAKE_THREAD_LIBS_INIT}")
endif()
if(BULLETIN_STATIC)
  set(BULLETIN_PC_REQUIRES "icu-uc icu-i18n yaml-cpp fmt")
  set(BULLETIN_PC_REQUIRES_PRIVATE "")
  set(BULLETIN_PC_LIBS "${_bulletin_pc_dl}")
  set(BULLETIN_PC_LIBS_PRIVATE "")
else()
  set(BULLETIN_PC_REQUIRES "")
  set(BULLETIN_PC_REQUIRES_PRIVATE "icu-uc icu-i18n yaml-cpp fmt")
  set(BULLETIN_PC_LIBS "")
  set(BULLETIN_PC_LIBS_PRIVATE "${_bulletin_pc_dl}")
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/bulletin.pc.in" "${PROJECT_BINARY_DIR}/bulletin.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/bulletin.pc"
  DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
  COMPONENT development)

# --- data: the unit table (also compiled in) and the schemas -------------------

install(FILES "${PROJECT_SOURCE_DIR}/data/units.yaml"
  DESTINATION "${BULLETIN_DATA_DIR}"
  COMPONENT runtime)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/schemas/"
  DESTINATION "${BULLETIN_DATA_DIR}/schemas"
  COMPONENT runtime
  FILES_MATCHING PATTERN "*.yaml" PATTERN "*.json" PATTERN "*.md")

# --- tools, man pages, bash completions ----------------------------------------

set(_bulletin_tools "")
foreach(_tool IN ITEMS bulletin-parse bulletin-validate bulletin-diff)
  if(TARGET ${_tool})
    list(APPEND _bulletin_tools ${_tool})
  endif()
endforeach()

if(_bulletin_tools)
  install(TARGETS ${_bulletin_tools} RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT runtime)

  # One completion script serves every tool: it reads the options from the
  # tool's --help, so it follows the tools as they change.
  foreach(_tool IN LISTS _bulletin_tools)
    install(FILES "${PROJECT_SOURCE_DIR}/completions/bulletin.bash"
      DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions"
      RENAME "${_tool}"
      COMPONENT runtime)
  endforeach()

  # Man pages come from each tool's --help and --version (help2man), with the
  # hand-written sections of man/<tool>.h2m, so they cannot drift from the tool.
  # help2man dates them by SOURCE_DATE_EPOCH when the packager sets it.
  find_program(BULLETIN_HELP2MAN help2man)
  if(BULLETIN_HELP2MAN)
    set(_bulletin_man_pages "")
    foreach(_tool IN LISTS _bulletin_tools)
      set(_page "${PROJECT_BINARY_DIR}/man/${_tool}.1")
      set(_include "${PROJECT_SOURCE_DIR}/man/${_tool}.h2m")
      add_custom_command(
        OUTPUT "${_page}"
        COMMAND "${CMAKE_COMMAND}" -E make_directory "${PROJECT_BINARY_DIR}/man"
        COMMAND "${BULLETIN_HELP2MAN}" --no-info
                --section=1 --source=bulletin "--version-string=${PROJECT_VERSION}"
                "--include=${_include}" "--include=${PROJECT_SOURCE_DIR}/man/common.h2m"
                "--output=${_page}" "$<TARGET_FILE:${_tool}>"
        DEPENDS ${_tool} "${_include}" "${PROJECT_SOURCE_DIR}/man/common.h2m"
        COMMENT "Generating the man page of ${_tool}"
        VERBATIM)
      list(APPEND _bulletin_man_pages "${_page}")
    endforeach()
    add_custom_target(bulletin_man ALL DEPENDS ${_bulletin_man_pages})
    install(FILES ${_bulletin_man_pages}
      DESTINATION "${CMAKE_INSTALL_MANDIR}/man1"
      COMPONENT runtime)
  else()
    message(WARNING "help2man not found: the man pages will not be built or installed "
                    "(scripts/install-deps installs it)")
  endif()
endif()

# --- Debian packages: `cpack -G DEB` in the build directory ----------------------
#
# Two packages, as Debian splits a library: `bulletin` (the tools, their man
# pages and completions, units and schemas; its shared-library dependencies
# are computed by dpkg-shlibdeps) and `libbulletin-dev` (headers, the static
# library, CMake and pkg-config files; it needs the -dev packages the static
# library links against).

set(CPACK_PACKAGE_NAME "bulletin")
set(CPACK_PACKAGE_VENDOR "bulletin project")
set(CPACK_PACKAGE_CONTACT "bulletin maintainers <bulletin@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
# Tools are stripped as Debian ships them (CMake leaves static archives alone).
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR "DEB" CACHE STRING "CPack generators run by a plain `cpack`")
set(CPACK_COMPONENTS_ALL runtime development)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION "text")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.invalid/bulletin")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME "bulletin")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
    "Chinese government bulletins to checkable data\n"
    "bulletin-parse turns press-conference transcripts, work reports and statistical\n"
    "communiques into JSON, JSON Lines, CSV or TSV: speakers, sections and every\n"
    "numeric fact with value, unit, qualifier and subject. bulletin-validate checks\n"
    "them against YAML schemas; bulletin-diff compares editions across years.")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME "libbulletin-dev")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION "libdevel")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
    "libicu-dev (>= 70), libyaml-cpp-dev, libfmt-dev, nlohmann-json3-dev (>= 3.10)")
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION
    "Chinese government bulletins to checkable data - development files\n"
    "The bulletin C++ library (static), its headers, CMake package\n"
    "(find_package(bulletin), target bulletin::bulletin) and pkg-config file.")
set(CPACK_COMPONENT_RUNTIME_DISPLAY_NAME "bulletin tools")
set(CPACK_COMPONENT_DEVELOPMENT_DISPLAY_NAME "bulletin library and headers")
include(CPack)
