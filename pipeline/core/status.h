// Status and Result<T>: how every planmine stage reports failure.
//
// Nothing in planmine throws. A stage returns Status (or Result<T> when it
// produces a value); the message names the thing that failed first, the way a
// compiler does: "path/to/file.pdf: page 3: no text layer".
//
//   Result<Document> doc = reader.Read(path);
//   if (!doc.ok()) return doc.status();
//   Use(*doc);
#ifndef PLANMINE_CORE_STATUS_H_
#define PLANMINE_CORE_STATUS_H_

#include <optional>
#include <string>
#include <utility>

namespace planmine {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller's input is malformed (bad pattern, bad query)
  kNotFound,         // a file or row that should exist does not
  kDataLoss,         // the input is damaged (corrupt or truncated PDF)
  kPermissionDenied,  // encrypted with a user password, unreadable file
  kUnsupported,       // a valid input we do not handle (not a PDF)
  kIoError,           // the operating system or SQLite failed
  kInternal,          // a bug in planmine
  kDeadlineExceeded,  // a document's worker ran past its time limit
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "invalid argument: what" style, for logs.
  std::string ToString() const;

  // Returns a copy whose message is "prefix: message".
  Status WithPrefix(const std::string& prefix) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) {
  return {StatusCode::kInvalidArgument, std::move(m)};
}
inline Status NotFound(std::string m) {
  return {StatusCode::kNotFound, std::move(m)};
}
inline Status DataLoss(std::string m) {
  return {StatusCode::kDataLoss, std::move(m)};
}
inline Status PermissionDenied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status Unsupported(std::string m) {
  return {StatusCode::kUnsupported, std::move(m)};
}
inline Status IoError(std::string m) {
  return {StatusCode::kIoError, std::move(m)};
}
inline Status Internal(std::string m) {
  return {StatusCode::kInternal, std::move(m)};
}
inline Status DeadlineExceeded(std::string m) {
  return {StatusCode::kDeadlineExceeded, std::move(m)};
}

// A value or the Status that explains why there is none.
// REQUIRES: a Result built from a Status holds a non-OK status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = Internal("Result built from an OK status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace planmine

#define PLANMINE_RETURN_IF_ERROR(expr) \
  do {                                 \
    ::planmine::Status _st = (expr);   \
    if (!_st.ok()) return _st;         \
  } while (0)

#endif  // PLANMINE_CORE_STATUS_H_
