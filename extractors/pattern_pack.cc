#include "extractors/pattern_pack.h"

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "extractors/set_regex.h"
#include "pipeline/core/parallel.h"
#include "pipeline/core/sha256.h"
#include "pipeline/core/utf8.h"

namespace planmine {
namespace fs = std::filesystem;
namespace {

Result<std::string> ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool ValidId(const std::string& id) {
  static const RE2 kId("[a-z0-9_]+(?:\\.[a-z0-9_\\-]+)*");
  return RE2::FullMatch(id, kId);
}

std::string BaseName(const std::string& path) {
  return fs::path(path).filename().string();
}

}  // namespace

std::string ExpandWordBoundaries(const std::string& re) {
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < re.size(); ++i) {
    char c = re[i];
    if (c == '\\' && i + 1 < re.size()) {
      if (re[i + 1] == 'b' && !in_class) {
        out += std::string("(?:\\b|^|$|") + kBoundaryNeighbours + ")";
      } else {
        out += c;
        out += re[i + 1];
      }
      ++i;
      continue;
    }
    if (c == '[' && !in_class)
      in_class = true;
    else if (c == ']' && in_class)
      in_class = false;
    out += c;
  }
  return out;
}

namespace {

// Compiles `p` as the miner matches it; the error, if any, in the author's
// terms, after `where` ("themes.es.pat:12").
Status CompilePattern(const std::string& where, Pattern* p) {
  RE2::Options opts;
  opts.set_case_sensitive(false);
  opts.set_log_errors(false);
  opts.set_max_mem(64 << 20);
  auto re = std::make_shared<const RE2>(p->regex, opts);
  if (!re->ok()) {
    RE2 as_written(p->source, opts);  // report the error in the author's terms
    return InvalidArgument(
        where + ": pattern '" + p->id +
        "': " + (as_written.ok() ? re->error() : as_written.error()));
  }
  p->compiled = std::move(re);
  return Status::Ok();
}

}  // namespace

Status CompilePatterns(PatternPack* pack) {
  const std::string name = BaseName(pack->path);
  for (Pattern& p : pack->patterns)
    if (p.compiled == nullptr)
      PLANMINE_RETURN_IF_ERROR(
          CompilePattern(name + ":" + std::to_string(p.line), &p));
  return Status::Ok();
}

Status CompilePatterns(std::vector<PatternPack>* packs) {
  std::vector<Status> status(packs->size());
  ParallelFor(packs->size(),
              [&](size_t i) { status[i] = CompilePatterns(&(*packs)[i]); });
  for (const Status& s : status) PLANMINE_RETURN_IF_ERROR(s);
  return Status::Ok();
}

Result<PatternPack> ParsePatternPack(const std::string& text,
                                     const std::string& path, bool compile) {
  PatternPack pack;
  pack.path = path;
  pack.sha256 = Sha256Hex(text);
  const std::string name = BaseName(path);
  if (SanitizeUtf8(text) != text)
    return InvalidArgument(name + ": not valid UTF-8");
  std::istringstream in(text);
  std::string raw;
  int lineno = 0;
  std::set<std::string> ids;
  while (std::getline(in, raw)) {
    ++lineno;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    std::string line(TrimAscii(raw));
    if (line.empty() || line[0] == '#') continue;
    std::string where = name + ":" + std::to_string(lineno);
    if (line[0] == '@') {
      size_t sp = line.find_first_of(" \t");
      std::string key =
          line.substr(1, sp == std::string::npos ? std::string::npos : sp - 1);
      std::string value = sp == std::string::npos
                              ? ""
                              : std::string(TrimAscii(line.substr(sp)));
      if (value.empty())
        return InvalidArgument(where + ": @" + key + " needs a value");
      if (key == "pack") {
        pack.name = value;
      } else if (key == "lang") {
        if (value != "es" && value != "pt" && value != "en" && value != "any")
          return InvalidArgument(
              where + ": @lang must be es, pt, en or any, got '" + value + "'");
        pack.language = value;
      } else if (key == "version") {
        if (value.find_first_not_of("0123456789") != std::string::npos ||
            value.size() > 6)
          return InvalidArgument(
              where + ": @version must be a whole number, got '" + value + "'");
        pack.version = std::stoi(value);
      } else {
        return InvalidArgument(where + ": unknown directive @" + key);
      }
      continue;
    }
    size_t sp = line.find_first_of(" \t");
    if (sp == std::string::npos)
      return InvalidArgument(where + ": expected an id and a pattern");
    Pattern p;
    p.id = line.substr(0, sp);
    p.source = std::string(TrimAscii(line.substr(sp)));
    p.regex = ExpandWordBoundaries(p.source);
    p.set_regex = SetRegex(p.source);
    p.line = lineno;
    if (!ValidId(p.id))
      return InvalidArgument(where + ": bad id '" + p.id +
                             "' (lower-case group.key expected)");
    if (!ids.insert(p.id).second)
      return InvalidArgument(where + ": duplicate id '" + p.id + "'");
    size_t dot = p.id.find('.');
    p.group = p.id.substr(0, dot);
    p.key = dot == std::string::npos ? "" : p.id.substr(dot + 1);
    if (compile) PLANMINE_RETURN_IF_ERROR(CompilePattern(where, &p));
    pack.patterns.push_back(std::move(p));
  }
  if (pack.name.empty()) return InvalidArgument(name + ":1: missing @pack");
  if (pack.language.empty()) return InvalidArgument(name + ":1: missing @lang");
  if (pack.version <= 0) return InvalidArgument(name + ":1: missing @version");
  if (pack.patterns.empty()) return InvalidArgument(name + ": no patterns");
  return pack;
}

Result<PatternPack> LoadPatternPack(const std::string& path) {
  Result<std::string> text = ReadAll(path);
  if (!text.ok()) return text.status();
  return ParsePatternPack(*text, path);
}

namespace {

// Where `re` ends with a parenthesized group at its top level, the group's
// start (else npos); `top_alternation` is set when `re` has a `|` outside
// every group and class.
size_t TrailingGroup(const std::string& re, bool* top_alternation) {
  *top_alternation = false;
  int depth = 0;
  bool in_class = false;
  size_t group_start = std::string::npos, last_group = std::string::npos;
  for (size_t i = 0; i < re.size(); ++i) {
    const char c = re[i];
    if (c == '\\') {
      ++i;  // the escaped character
      if (depth == 0 && !in_class) last_group = std::string::npos;
      continue;
    }
    if (in_class) {
      in_class = c != ']';
      continue;
    }
    if (c == '[') {
      in_class = true;
      if (i + 1 < re.size() && re[i + 1] == '^') ++i;
      if (i + 1 < re.size() && re[i + 1] == ']') ++i;  // "[]..." or "[^]..."
    } else if (c == '(') {
      if (depth++ == 0) group_start = i;
    } else if (c == ')') {
      if (--depth == 0) last_group = group_start;
      if (depth < 0) return std::string::npos;
    } else if (c == '|' && depth == 0) {
      *top_alternation = true;
    }
    if (depth == 0 && c != ')') last_group = std::string::npos;
  }
  return depth == 0 && !in_class ? last_group : std::string::npos;
}

}  // namespace

// The alternation of `sources`, with a leading \b and a trailing group that
// every one of them has written once around it: the same language (the
// sources have no top-level `|`), and one copy of a Unicode class such as
// the month words' "(?:$|[^\pL\d])" instead of one per word, which RE2
// would otherwise build its automata for 36 times per pattern.
std::string FactoredAlternation(std::vector<std::string> sources) {
  std::string prefix, suffix;
  bool factor = sources.size() > 1;
  for (const std::string& src : sources) {
    bool top = false;
    TrailingGroup(src, &top);
    factor &= !top;
  }
  if (factor) {
    bool top = false;
    const size_t at = TrailingGroup(sources[0], &top);
    if (at != std::string::npos && at > 0) {
      const std::string tail = sources[0].substr(at);
      bool all = true;
      for (const std::string& src : sources) {
        size_t cut = src.size() - std::min(src.size(), tail.size());
        // Ends with the group itself, and not with its escaped paren.
        size_t slashes = 0;
        while (cut > slashes && src[cut - 1 - slashes] == '\\') ++slashes;
        all &= src.size() > tail.size() &&
               src.compare(cut, tail.size(), tail) == 0 && slashes % 2 == 0;
      }
      if (all) {
        suffix = tail;
        for (std::string& src : sources) src.resize(src.size() - tail.size());
      }
    }
    bool lead = true;
    for (const std::string& src : sources)
      lead &= src.size() > 2 && src.compare(0, 2, "\\b") == 0;
    if (lead) {
      prefix = "\\b";
      for (std::string& src : sources) src.erase(0, 2);
    }
  }
  std::string alternation;
  for (const std::string& src : sources)
    alternation += (alternation.empty() ? "" : "|") + src;
  if (prefix.empty() && suffix.empty()) return alternation;
  return prefix + "(?:" + alternation + ")" + suffix;
}

namespace {

// `text` with each `{{pack.group}}` replaced by the alternation of that
// group's patterns, as written, in every `packs` file of that pack; empty
// with `error` set when a reference names no pattern.
std::string ExpandReferences(const std::string& text, const std::string& name,
                             const std::vector<PatternPack>& packs,
                             std::string* error) {
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t open = text.find("{{", pos);
    if (open == std::string::npos) break;
    const size_t close = text.find("}}", open);
    const std::string ref = close == std::string::npos
                                ? text.substr(open)
                                : text.substr(open + 2, close - open - 2);
    const size_t dot = ref.find('.');
    std::vector<std::string> sources;
    for (const PatternPack& pack : packs) {
      if (dot == std::string::npos || pack.name != ref.substr(0, dot)) continue;
      for (const Pattern& p : pack.patterns)
        if (p.group == ref.substr(dot + 1)) sources.push_back(p.source);
    }
    const std::string alternation = FactoredAlternation(sources);
    if (alternation.empty()) {
      const int line = 1 + static_cast<int>(std::count(
                               text.begin(), text.begin() + open, '\n'));
      *error = name + ":" + std::to_string(line) + ": {{" + ref +
               "}} names no pattern of a pack without references";
      return "";
    }
    out += text.substr(pos, open - pos) + "(?:" + alternation + ")";
    pos = close + 2;
  }
  return out + text.substr(pos);
}

}  // namespace

Result<std::vector<PatternPack>> LoadPackDir(const std::string& dir,
                                             bool compile) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return NotFound(dir + ": pattern pack folder not found");
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".pat") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  if (files.empty()) return NotFound(dir + ": no *.pat pattern packs");
  // Packs without references first; then those that name their patterns
  // ("{{dates.month}}": one list of month words for every pack).
  std::vector<std::string> texts(files.size());
  std::vector<PatternPack> packs(files.size()), plain;
  std::vector<bool> refers(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    Result<std::string> text = ReadAll(files[i]);
    if (!text.ok()) return text.status();
    texts[i] = std::move(*text);
    refers[i] = texts[i].find("{{") != std::string::npos;
  }
  // Each pack is parsed (its patterns compiled) on its own, two at a time;
  // the first error in file order is the one reported.
  std::vector<Result<PatternPack>> parsed(files.size(),
                                          Internal("pack not parsed"));
  auto parse = [&](bool with_references) -> Status {
    std::vector<size_t> which;
    for (size_t i = 0; i < files.size(); ++i)
      if (refers[i] == with_references) which.push_back(i);
    ParallelFor(which.size(), [&](size_t k) {
      const size_t i = which[k];
      parsed[i] = ParsePatternPack(texts[i], files[i], compile);
    });
    for (size_t i : which) {
      if (!parsed[i].ok()) return parsed[i].status();
      packs[i] = std::move(*parsed[i]);
    }
    return Status::Ok();
  };
  PLANMINE_RETURN_IF_ERROR(parse(false));
  for (size_t i = 0; i < files.size(); ++i)
    if (!refers[i]) plain.push_back(packs[i]);
  // Then the packs that name other packs' patterns ("{{dates.month}}": one
  // list of month words for every pack).
  for (size_t i = 0; i < files.size(); ++i) {
    if (!refers[i]) continue;
    std::string error;
    texts[i] = ExpandReferences(texts[i], BaseName(files[i]), plain, &error);
    if (!error.empty()) return InvalidArgument(error);
  }
  PLANMINE_RETURN_IF_ERROR(parse(true));
  return packs;
}

Result<std::vector<Example>> LoadExamples(const std::string& path) {
  Result<std::string> text = ReadAll(path);
  if (!text.ok()) return text.status();
  std::vector<Example> out;
  std::istringstream in(*text);
  std::string raw;
  int lineno = 0;
  static const RE2 kLine("([+-])\\s+(\\S+)(?:\\t+|\\s{2,})(.+)");
  while (std::getline(in, raw)) {
    ++lineno;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    std::string line(TrimAscii(raw));
    if (line.empty() || line[0] == '#') continue;
    std::string sign, target, sentence;
    if (!RE2::FullMatch(line, kLine, &sign, &target, &sentence))
      return InvalidArgument(
          BaseName(path) + ":" + std::to_string(lineno) +
          ": expected '+ target<TAB>sentence' or '- target<TAB>sentence'");
    out.push_back(
        {sign == "+", target, std::string(TrimAscii(sentence)), lineno});
  }
  return out;
}

Result<std::vector<Theme>> LoadTaxonomy(const std::string& path) {
  Result<std::string> text = ReadAll(path);
  if (!text.ok()) return text.status();
  std::vector<Theme> out;
  std::istringstream in(*text);
  std::string raw;
  int lineno = 0;
  std::set<std::string> seen;
  while (std::getline(in, raw)) {
    ++lineno;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (TrimAscii(raw).empty() || raw[0] == '#') continue;
    std::vector<std::string> f;
    std::istringstream fields(raw);
    std::string x;
    while (std::getline(fields, x, '\t'))
      f.push_back(std::string(TrimAscii(x)));
    std::string where = BaseName(path) + ":" + std::to_string(lineno);
    if (f.size() != 4)
      return InvalidArgument(
          where + ": expected 4 tab-separated fields (id, en, es, pt)");
    if (f[0] == "id") continue;  // header
    if (!ValidId(f[0]) || f[0].find('.') != std::string::npos)
      return InvalidArgument(where + ": bad theme id '" + f[0] + "'");
    if (!seen.insert(f[0]).second)
      return InvalidArgument(where + ": duplicate theme id '" + f[0] + "'");
    out.push_back({f[0], f[1], f[2], f[3]});
  }
  return out;
}

}  // namespace planmine
