#include "detail/prefault.hpp"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace bulletin::detail {

namespace {

/// Below this, a buffer's pages are few, and mostly in memory the allocator
/// already holds.
constexpr std::size_t kWorthPrefaulting = std::size_t{1} << 18;

}  // namespace

void resize_prefaulted(std::string& bytes, std::size_t size) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  if (size >= kWorthPrefaulting && size > bytes.capacity()) {
    bytes.reserve(size);
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto begin = reinterpret_cast<std::uintptr_t>(bytes.data());
    const std::uintptr_t first = (begin + page - 1) / page * page;
    const std::uintptr_t last = (begin + size) / page * page;
    // A failure (an older kernel, memory short) leaves the pages to be
    // faulted in one at a time, as without the call.
    if (last > first) {
      madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
    }
  }
#endif
  bytes.resize(size);
}

}  // namespace bulletin::detail
