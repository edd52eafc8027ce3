// A thread for the library's own work on one document.
#pragma once

#include <exception>
#include <functional>

#if defined(__linux__)
#include <sched.h>
#endif
#include <pthread.h>

namespace bulletin::detail {

/// A thread that keeps what it throws for the one that joins it. Where the
/// system lets it choose, it starts on another core than the one creating
/// it: made on that core while it is busy, a new thread was measured to wait
/// up to 3 ms (one in ten over 1.5 ms) before an idle core took it over,
/// longer than a part of a document takes. Once started it may run anywhere
/// the process may.
class Worker {
 public:
  /// Throws std::system_error when no thread can be had.
  explicit Worker(std::function<void()> body);
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  ~Worker();
  /// Waits for the thread; rethrows what it threw.
  void join();

 private:
  static void* run(void* self);

  std::function<void()> body_;
  std::exception_ptr failure_;
  pthread_t thread_{};
  bool joinable_ = false;
#if defined(__linux__)
  bool widen_ = false;  // the thread was started on fewer cores than `allowed_`
  cpu_set_t allowed_{};
#endif
};

}  // namespace bulletin::detail
