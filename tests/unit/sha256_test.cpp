#include "detail/sha256.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

// A fixed generator rather than <random>: the inputs must be the same on
// every standard library so that a failure reproduces anywhere.
std::string pseudo_random_bytes(std::size_t size, std::uint64_t seed) {
  std::string out(size, '\0');
  std::uint64_t x = seed;
  for (char& c : out) {
    x += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    c = static_cast<char>(z ^ (z >> 31));
  }
  return out;
}

}  // namespace

TEST_SUITE("sha256") {
  TEST_CASE("sha256 matches the FIPS 180-4 test vectors") {
    using bulletin::detail::sha256_hex;
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // Lengths around the padding boundaries (55/56 and 63/64/65 bytes).
    CHECK(sha256_hex(std::string(55, 'a')) ==
          "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK(sha256_hex(std::string(56, 'a')) ==
          "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK(sha256_hex(std::string(63, 'a')) ==
          "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
    CHECK(sha256_hex(std::string(64, 'a')) ==
          "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    CHECK(sha256_hex(std::string(65, 'a')) ==
          "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0");
    CHECK(sha256_hex(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }

  TEST_CASE("sha256 portable path matches the FIPS 180-4 test vectors") {
    using bulletin::detail::sha256_hex_portable;
    CHECK(sha256_hex_portable("") ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex_portable("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex_portable("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex_portable(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }

  // On a CPU with the SHA extensions sha256_hex takes the accelerated path;
  // elsewhere both sides run the same code and this passes trivially.
  TEST_CASE("sha256 agrees with the portable path on every short length") {
    using bulletin::detail::sha256_hex;
    using bulletin::detail::sha256_hex_portable;
    // One spare byte in front so that the input also starts unaligned.
    const std::string buffer = pseudo_random_bytes(302, 1);
    for (std::size_t length = 0; length <= 300; ++length) {
      for (std::size_t offset = 0; offset <= 1; ++offset) {
        const std::string_view input(buffer.data() + offset, length);
        CAPTURE(length);
        CAPTURE(offset);
        CHECK(sha256_hex(input) == sha256_hex_portable(input));
      }
    }
  }

  TEST_CASE("sha256 agrees with the portable path on large inputs") {
    using bulletin::detail::sha256_hex;
    using bulletin::detail::sha256_hex_portable;
    const std::size_t sizes[] = {4096, 65536 + 7, 1000003, (std::size_t{1} << 21) + 55};
    std::uint64_t seed = 42;
    for (std::size_t size : sizes) {
      const std::string input = pseudo_random_bytes(size, seed++);
      CAPTURE(size);
      CHECK(sha256_hex(input) == sha256_hex_portable(input));
    }
  }
}
