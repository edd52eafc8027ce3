#include "detail/prefault.hpp"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace bulletin::detail {

namespace {

constexpr std::size_t kWorthPrefaulting = std::size_t{1} << 18;

}  // namespace

void prefault_for_writing([[maybe_unused]] void* data,
                          [[maybe_unused]] std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  if (bytes < kWorthPrefaulting) return;
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + page - 1) / page * page;
  const std::uintptr_t last = (begin + bytes) / page * page;
  // A failure (an older kernel, memory short) leaves the pages to be faulted
  // in one at a time, as without the call.
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
#endif
}

void resize_prefaulted(std::string& bytes, std::size_t size) {
  if (size > bytes.capacity()) {
    bytes.reserve(size);
    prefault_for_writing(bytes.data(), size);
  }
  bytes.resize(size);
}

}  // namespace bulletin::detail
