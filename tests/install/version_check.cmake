# Runs a package version file as find_package would, and prints its answer.
include("${CONFIG}")
if(PACKAGE_VERSION_COMPATIBLE)
  message("compatible=TRUE")
else()
  message("compatible=FALSE")
endif()
