// Shared by the fuzz targets: property checks that stop the run with a
// message, so libFuzzer (or the replay driver) records the input.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace bulletin::fuzz {

// A property failure must abort rather than throw: libFuzzer only saves the
// input on a crash, and the replay driver must fail the same way.
[[noreturn]] inline void violated(const char* property, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz property violated: %s", property);
  if (!detail.empty()) {
    std::fprintf(stderr, " [%.*s]", static_cast<int>(std::min<std::size_t>(detail.size(), 400)),
                 detail.data());
  }
  std::fputc('\n', stderr);
  std::abort();
}

inline void require(bool ok, const char* property, std::string_view detail = {}) {
  if (!ok) violated(property, detail);
}

}  // namespace bulletin::fuzz
