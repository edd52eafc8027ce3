#include "detail/worker.hpp"

#include <system_error>
#include <utility>

namespace bulletin::detail {

namespace {

/// Destroys a pthread attribute object however the constructor is left.
class ThreadAttributes {
 public:
  ThreadAttributes() {
    if (const int error = pthread_attr_init(&attributes_); error != 0) {
      throw std::system_error(error, std::generic_category(), "pthread_attr_init");
    }
  }
  ThreadAttributes(const ThreadAttributes&) = delete;
  ThreadAttributes& operator=(const ThreadAttributes&) = delete;
  ~ThreadAttributes() { pthread_attr_destroy(&attributes_); }
  pthread_attr_t* get() { return &attributes_; }

 private:
  pthread_attr_t attributes_{};
};

}  // namespace

Worker::Worker(std::function<void()> body) : body_(std::move(body)) {
  ThreadAttributes attributes;
#if defined(__linux__)
  // Started on the cores the process may use but the creating thread's own;
  // the thread then widens its mask again (run()). With one core, or an
  // unknown one, the system places it as it will.
  if (sched_getaffinity(0, sizeof allowed_, &allowed_) == 0) {
    cpu_set_t elsewhere = allowed_;
    const int here = sched_getcpu();
    if (here >= 0 && here < CPU_SETSIZE && CPU_ISSET(here, &elsewhere)) {
      CPU_CLR(here, &elsewhere);
      widen_ = CPU_COUNT(&elsewhere) > 0 &&
               pthread_attr_setaffinity_np(attributes.get(), sizeof elsewhere, &elsewhere) == 0;
    }
  }
#endif
  if (const int error = pthread_create(&thread_, attributes.get(), &Worker::run, this);
      error != 0) {
    throw std::system_error(error, std::generic_category(), "pthread_create");
  }
  joinable_ = true;
}

Worker::~Worker() {
  if (joinable_) pthread_join(thread_, nullptr);
}

void Worker::join() {
  if (joinable_) {
    pthread_join(thread_, nullptr);
    joinable_ = false;
  }
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void* Worker::run(void* self) {
  auto& worker = *static_cast<Worker*>(self);
#if defined(__linux__)
  if (worker.widen_)
    pthread_setaffinity_np(pthread_self(), sizeof worker.allowed_, &worker.allowed_);
#endif
  try {
    worker.body_();
  } catch (...) {
    worker.failure_ = std::current_exception();
  }
  return nullptr;
}

}  // namespace bulletin::detail
