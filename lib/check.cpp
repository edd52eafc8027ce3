#include "bulletin/check.hpp"

namespace bulletin {

std::vector<Check> check_consistency(const Document& doc, const CheckOptions& options) {
  (void)doc;
  (void)options;
  return {};
}

}  // namespace bulletin
