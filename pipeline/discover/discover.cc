#include "pipeline/discover/discover.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <vector>

#include "pipeline/core/user_file.h"
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

// `p` absolute and lexically clean ("in//a.pdf" -> "/cwd/in/a.pdf"), for
// naming what could not be resolved.
std::string Absolute(const std::string& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec).lexically_normal();
  if (ec) return p;
  if (a.has_relative_path() && a.filename().empty()) a = a.parent_path();
  return a.string();
}

// Follows `path` (links included) and checks what it is: a folder (true in
// *is_dir), a regular file (size and mtime filled in), or an error with
// the reason, named `shown`.
bool StatFollow(const std::string& path, const std::string& shown,
                SourceFile* out, bool* is_dir, Status* err) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    const int e = errno;
    if (e == ENOENT) {
      struct stat own;
      *err =
          ::lstat(path.c_str(), &own) == 0 && S_ISLNK(own.st_mode)
              ? NotFound(shown + ": broken symbolic link (its target is gone)")
              : NotFound(shown + ": no such file or directory");
    } else {
      *err = (e == EACCES ? PermissionDenied : IoError)(
          shown + ": cannot read: " + std::strerror(e));
    }
    return false;
  }
  *is_dir = S_ISDIR(st.st_mode);
  if (*is_dir) return true;
  // The size is checked where the file is read (user_file.h); here only
  // what it is.
  Status regular = CheckUserFile(shown, st.st_mode, 0, 1);
  if (!regular.ok()) {
    *err = regular;
    return false;
  }
  out->size = static_cast<uint64_t>(st.st_size);
  out->mtime = static_cast<int64_t>(st.st_mtime);
  return true;
}

// Walks `dir` (resolved) depth-first. Folders reached through a symbolic
// link are not entered (no loops); a folder that cannot be read, an entry
// that cannot be looked at, a link named like a document whose target is
// gone, and a document name that is not a regular file are errors, not
// silent skips.
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
    const std::string p = it->path().string();
    struct stat own;
    if (::lstat(p.c_str(), &own) != 0) {
      // A path too long to name, an entry that cannot be looked at: it may
      // be a folder of documents, so it is said. (One deleted since the
      // folder was listed is simply gone.)
      if (errno != ENOENT)
        d->errors.push_back(
            {p, IoError(p + ": cannot read: " + std::strerror(errno))});
      continue;
    }
    if (S_ISDIR(own.st_mode)) {
      folders.push_back(it->path());
      continue;
    }
    SourceKind kind;
    if (!KindForName(p, &kind)) continue;
    add(p, kind);
  }
  for (const fs::path& f : folders) Walk(f, d, add);
}

}  // namespace

std::string ResolvedFilePath(const std::string& path) {
  fs::path p(path);
  fs::path name = p.filename();
  if (name.empty() || name == "." || name == "..") {
    std::error_code ec;
    fs::path c = fs::canonical(p, ec);
    return ec ? path : c.string();
  }
  fs::path parent = p.parent_path();
  if (parent.empty()) parent = ".";
  std::error_code ec;
  fs::path folder = fs::canonical(parent, ec);
  if (ec) return path;
  return (folder / name).string();
}

Discovery Discover(const std::vector<std::string>& paths) {
  Discovery d;
  std::set<std::string> seen, roots;
  // `p`: a file's path with its folder resolved; a link to a folder named
  // like a document is not followed.
  auto add = [&](const std::string& p, SourceKind kind) {
    if (!seen.insert(p).second) return;
    SourceFile f;
    f.path = p;
    f.kind = kind;
    bool is_dir = false;
    Status err;
    if (!StatFollow(p, p, &f, &is_dir, &err)) {
      d.errors.push_back({p, err});
    } else if (!is_dir) {
      d.files.push_back(f);
    }
  };
  for (const std::string& arg : paths) {
    // Named by its resolved path, in messages and in the index, so that a
    // later run that names it another way meets the same row.
    std::string at = ResolvedFilePath(arg);
    if (at == arg) at = Absolute(arg);
    SourceFile probe;
    bool is_dir = false;
    Status err;
    if (!StatFollow(arg, at, &probe, &is_dir, &err)) {
      d.errors.push_back({at, err});
      continue;
    }
    if (is_dir) {
      std::error_code ec;
      fs::path root = fs::canonical(arg, ec);
      if (ec) {
        d.errors.push_back(
            {Absolute(arg),
             IoError(arg + ": cannot resolve folder: " + ec.message())});
        continue;
      }
      if (!roots.insert(root.string()).second) continue;  // named twice
      d.roots.push_back(root.string());
      Walk(root, &d, add);
    } else {
      SourceKind kind = SourceKind::kPdf;
      if (!KindForName(arg, &kind))
        kind = SourceKind::kPdf;  // let the extractor judge
      add(at, kind);
    }
  }
  std::sort(
      d.files.begin(), d.files.end(),
      [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  return d;
}

}  // namespace planmine
