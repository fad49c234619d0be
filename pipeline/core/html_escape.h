// Text as HTML: the one escaping every page planmine writes shares (the
// report's static page and the server's pages).
#ifndef PLANMINE_CORE_HTML_ESCAPE_H_
#define PLANMINE_CORE_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace planmine {

// `s` with &, <, >, " and ' escaped, safe in element text and in quoted
// attribute values. Other bytes (UTF-8 included) pass through.
std::string HtmlEscape(std::string_view s);

}  // namespace planmine

#endif  // PLANMINE_CORE_HTML_ESCAPE_H_
