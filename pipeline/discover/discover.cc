#include "pipeline/discover/discover.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <vector>

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

// Walks `dir` depth-first. Folders reached through a symbolic link are not
// entered (no loops); a folder that cannot be read, or a link named like a
// document whose target is gone, is an error, not a silent skip.
template <typename Add>
void Walk(const fs::path& dir, Discovery* d, const Add& add) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  if (ec) {
    d->errors.push_back(
        {dir.string(),
         IoError(dir.string() + ": cannot read folder: " + ec.message())});
    return;
  }
  std::vector<fs::path> folders;
  for (; it != end; it.increment(ec)) {
    if (ec) {
      d->errors.push_back(
          {dir.string(),
           IoError(dir.string() + ": cannot read folder: " + ec.message())});
      break;
    }
    std::error_code e2;
    const fs::file_status own = it->symlink_status(e2);
    if (fs::is_directory(own)) {
      folders.push_back(it->path());
      continue;
    }
    SourceKind kind;
    const std::string p = it->path().string();
    if (!KindForName(p, &kind)) continue;
    const fs::file_status target = it->status(e2);
    if (fs::is_symlink(own) && !fs::exists(target)) {
      d->errors.push_back(
          {p, NotFound(p + ": broken symbolic link (its target is gone)")});
      continue;
    }
    if (fs::is_regular_file(target)) add(p, kind);
  }
  for (const fs::path& f : folders) Walk(f, d, add);
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
      Walk(arg, &d, add);
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
