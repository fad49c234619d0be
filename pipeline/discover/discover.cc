#include "pipeline/discover/discover.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include "pipeline/core/utf8.h"

namespace planmine {
namespace fs = std::filesystem;

bool KindForName(const std::string& path, SourceKind* kind) {
  std::string ext = AsciiLower(fs::path(path).extension().string());
  if (ext == ".pdf") {
    *kind = SourceKind::kPdf;
    return true;
  }
  if (ext == ".txt" || ext == ".md") {
    *kind = SourceKind::kText;
    return true;
  }
  return false;
}

namespace {

bool StatFile(const std::string& path, SourceFile* out, Status* err) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    *err = NotFound(path + ": " + std::strerror(errno));
    return false;
  }
  out->path = path;
  out->size = static_cast<uint64_t>(st.st_size);
  out->mtime = static_cast<int64_t>(st.st_mtime);
  return true;
}

}  // namespace

Discovery Discover(const std::vector<std::string>& paths) {
  Discovery d;
  std::set<std::string> seen;
  auto add = [&](const std::string& p, SourceKind kind) {
    if (!seen.insert(p).second) return;
    SourceFile f;
    f.kind = kind;
    Status err;
    if (StatFile(p, &f, &err)) {
      d.files.push_back(f);
    } else {
      d.errors.push_back({p, err});
    }
  };
  for (const std::string& arg : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      d.errors.push_back({arg, NotFound(arg + ": no such file or directory")});
      continue;
    }
    if (fs::is_directory(st)) {
      fs::recursive_directory_iterator it(
          arg, fs::directory_options::skip_permission_denied, ec),
          end;
      if (ec) {
        d.errors.push_back({arg, IoError(arg + ": " + ec.message())});
        continue;
      }
      for (; it != end; it.increment(ec)) {
        if (ec) {
          d.errors.push_back(
              {it->path().string(),
               IoError(it->path().string() + ": " + ec.message())});
          ec.clear();
          continue;
        }
        std::error_code ec2;
        if (!it->is_regular_file(ec2)) continue;
        SourceKind kind;
        std::string p = it->path().string();
        if (KindForName(p, &kind)) add(p, kind);
      }
    } else {
      SourceKind kind = SourceKind::kPdf;
      if (!KindForName(arg, &kind))
        kind = SourceKind::kPdf;  // let the extractor judge
      add(arg, kind);
    }
  }
  std::sort(
      d.files.begin(), d.files.end(),
      [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  return d;
}

}  // namespace planmine
