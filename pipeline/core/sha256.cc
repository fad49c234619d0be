#include "pipeline/core/sha256.h"

#include <dlfcn.h>
#include <openssl/evp.h>  // types and constants; the functions: LoadCrypto

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <type_traits>

namespace planmine {
namespace {

// OpenSSL's digest functions, looked up in libcrypto when the process first
// hashes (PLANMINE_LIBCRYPTO, the package's soname: pipeline/CMakeLists.txt).
// Linked instead, libcrypto was loaded and relocated by every query command
// that never hashes: about 4 ms of a 30 ms start-up.
struct Crypto {
  decltype(&EVP_sha256) sha256 = nullptr;
  decltype(&EVP_Digest) digest = nullptr;
  decltype(&EVP_MD_CTX_new) ctx_new = nullptr;
  decltype(&EVP_MD_CTX_free) ctx_free = nullptr;
  decltype(&EVP_DigestInit_ex) init = nullptr;
  decltype(&EVP_DigestUpdate) update = nullptr;
  decltype(&EVP_DigestFinal_ex) final = nullptr;
  std::string error;  // empty when every function was found
};

const Crypto& LoadCrypto() {
  static const Crypto crypto = [] {
    Crypto c;
    void* lib = dlopen(PLANMINE_LIBCRYPTO, RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
      const char* why = dlerror();
      c.error = std::string("cannot load ") + PLANMINE_LIBCRYPTO + ": " +
                (why ? why : "unknown error");
      return c;
    }
    auto find = [&](auto* fn, const char* name) {
      *fn = reinterpret_cast<std::remove_pointer_t<decltype(fn)>>(
          dlsym(lib, name));
      if (*fn == nullptr && c.error.empty())
        c.error = std::string(PLANMINE_LIBCRYPTO) + " has no " + name;
    };
    find(&c.sha256, "EVP_sha256");
    find(&c.digest, "EVP_Digest");
    find(&c.ctx_new, "EVP_MD_CTX_new");
    find(&c.ctx_free, "EVP_MD_CTX_free");
    find(&c.init, "EVP_DigestInit_ex");
    find(&c.update, "EVP_DigestUpdate");
    find(&c.final, "EVP_DigestFinal_ex");
    return c;  // the library stays loaded for the life of the process
  }();
  return crypto;
}

struct CtxFree {
  void operator()(EVP_MD_CTX* ctx) const { LoadCrypto().ctx_free(ctx); }
};

std::string Hex(const unsigned char* d, unsigned n) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (unsigned i = 0; i < n; ++i) {
    out[2 * i] = kDigits[d[i] >> 4];
    out[2 * i + 1] = kDigits[d[i] & 15];
  }
  return out;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  const Crypto& c = LoadCrypto();
  if (!c.error.empty()) {  // a broken installation: nothing can be keyed
    std::fprintf(stderr, "planmine: %s\n", c.error.c_str());
    std::abort();
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  c.digest(data.data(), data.size(), md, &n, c.sha256(), nullptr);
  return Hex(md, n);
}

Result<std::string> Sha256File(const std::string& path, uint64_t max_bytes) {
  auto f = OpenUserFile(path, max_bytes);
  if (!f.ok()) return f.status();
  const Crypto& c = LoadCrypto();
  if (!c.error.empty()) return Internal(path + ": cannot hash: " + c.error);
  std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(c.ctx_new());
  c.init(ctx.get(), c.sha256(), nullptr);
  char buf[1 << 16];
  for (;;) {
    auto got = f->Read(buf, sizeof buf, path);
    if (!got.ok()) return got.status();
    if (*got == 0) break;
    c.update(ctx.get(), buf, *got);
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  c.final(ctx.get(), md, &n);
  return Hex(md, n);
}

}  // namespace planmine
