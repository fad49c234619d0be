#include "extractors/miner.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

#include "extractors/mine_internal.h"
#include "extractors/segment/segment.h"
#include "pipeline/core/parallel.h"
#include "pipeline/core/sha256.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/normalizer.h"

namespace planmine {

struct Miner::Compiled {
  std::unique_ptr<RE2::Set> set;
  std::vector<std::shared_ptr<const RE2>> res;
  std::vector<std::string> keys;  // PatternKey of each pattern
  // How many submatches Locate asks of each pattern: the whole match and
  // its named groups, up to the last (RE2 finds the whole match alone with
  // its DFAs, and runs a slower engine for every group asked of it).
  std::vector<int> submatches;
};

namespace {

RE2::Options PackOptions() {
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

// The pattern compiled when its pack was read (ParsePatternPack sets the
// same three options as PackOptions), else compiled here.
std::shared_ptr<const RE2> CompiledPattern(const Pattern& p) {
  const RE2::Options want = PackOptions();
  if (p.compiled != nullptr && p.compiled->pattern() == p.regex) {
    const RE2::Options& o = p.compiled->options();
    if (o.case_sensitive() == want.case_sensitive() &&
        o.log_errors() == want.log_errors() && o.max_mem() == want.max_mem())
      return p.compiled;
  }
  return std::make_shared<const RE2>(p.regex, want);
}
}  // namespace

// One pack's set and patterns, compiled.
Status Miner::CompilePack(const PatternPack& pack, Compiled* c) {
  c->set = std::make_unique<RE2::Set>(PackOptions(), RE2::UNANCHORED);
  for (const Pattern& p : pack.patterns) {
    std::string err;
    // The set is a prefilter: each of its hits is located with `regex`.
    if (c->set->Add(p.set_regex.empty() ? p.regex : p.set_regex, &err) < 0)
      return InvalidArgument(pack.path + ":" + std::to_string(p.line) +
                             ": pattern '" + p.id + "': " + err);
    std::shared_ptr<const RE2> re = CompiledPattern(p);
    if (!re->ok())
      return InvalidArgument(pack.path + ":" + std::to_string(p.line) +
                             ": pattern '" + p.id + "': " + re->error());
    int last = 0;
    for (const auto& [name, index] : re->NamedCapturingGroups())
      last = std::max(last, index);
    c->submatches.push_back(last + 1);
    c->res.push_back(std::move(re));
    c->keys.push_back(Sha256Hex(std::string(Miner::kMatchVersion) + '\n' +
                                pack.language + '\n' + p.regex)
                          .substr(0, 16));
  }
  if (!c->set->Compile())
    return InvalidArgument(pack.path + ": pattern set too large to compile");
  return Status::Ok();
}

Result<Miner> Miner::Create(std::vector<PatternPack> packs) {
  auto compiled = std::make_shared<std::vector<Compiled>>(packs.size());
  // Packs compile on their own, two at a time; the first error in pack
  // order is the one reported.
  std::vector<Status> status(packs.size());
  ParallelFor(packs.size(), [&](size_t i) {
    status[i] = CompilePack(packs[i], &(*compiled)[i]);
  });
  for (const Status& s : status) PLANMINE_RETURN_IF_ERROR(s);
  Miner m;
  m.packs_ = std::make_shared<const std::vector<PatternPack>>(std::move(packs));
  m.compiled_ = std::move(compiled);
  return m;
}

std::string Miner::VersionString() const { return VersionStringOf(*packs_); }

std::string Miner::VersionStringOf(const std::vector<PatternPack>& packs) {
  std::string s = kVersion;
  for (const PatternPack& p : packs) {
    s += ' ';
    // The content hash too: an edited pack whose @version was not bumped
    // still re-mines.
    s += p.name + "." + p.language + "@" + std::to_string(p.version) + "#" +
         p.sha256.substr(0, 8);
  }
  return s;
}

const std::string& Miner::PatternKey(size_t pack, size_t pattern) const {
  return (*compiled_)[pack].keys[pattern];
}

bool Miner::Applies(size_t pack, std::string_view language) const {
  const bool known = language == "es" || language == "pt" || language == "en";
  const std::string& pack_language = (*packs_)[pack].language;
  return !known || pack_language == "any" || pack_language == language;
}

bool Miner::Locate(size_t pack, size_t pattern, std::string_view text,
                   PatternMatch* m) const {
  const RE2& re = *(*compiled_)[pack].res[pattern];
  const int n = (*compiled_)[pack].submatches[pattern];
  re2::StringPiece few[4];
  std::vector<re2::StringPiece> many(n > 4 ? n : 0);
  re2::StringPiece* groups = n > 4 ? many.data() : few;
  if (!re.Match(text, 0, text.size(), RE2::UNANCHORED, groups, n)) return false;
  m->pack = pack;
  m->pattern = pattern;
  m->start = static_cast<size_t>(groups[0].data() - text.data());
  m->end = m->start + groups[0].size();
  // Expanded word boundaries may have taken a neighbouring space or
  // punctuation mark into the span; give it back.
  auto edge = [](char ch) {
    unsigned char u = static_cast<unsigned char>(ch);
    return u < 0x80 && !isalnum(u) && ch != '@' && ch != '/' && ch != '_';
  };
  while (m->start < m->end && edge(text[m->start])) ++m->start;
  while (m->end > m->start && edge(text[m->end - 1]) && text[m->end - 1] != ')')
    --m->end;
  m->captures.clear();
  for (const auto& [name, idx] : re.NamedCapturingGroups()) {
    if (idx < n && groups[idx].data() != nullptr)
      m->captures[name] = std::string(groups[idx]);
  }
  return true;
}

std::vector<PatternMatch> Miner::Match(std::string_view text,
                                       std::string_view language,
                                       std::string_view pack_name) const {
  std::vector<PatternMatch> out;
  for (size_t k = 0; k < compiled_->size(); ++k) {
    if (!Applies(k, language)) continue;
    if (!pack_name.empty() && (*packs_)[k].name != pack_name) continue;
    const Compiled& c = (*compiled_)[k];
    std::vector<int> hits;
    RE2::Set::ErrorInfo info;
    if (!c.set->Match(text, &hits, &info)) {
      if (info.kind != RE2::Set::kOutOfMemory) continue;
      // The set's DFA ran out of memory on this text: ask each pattern.
      hits.clear();
      for (size_t i = 0; i < c.res.size(); ++i)
        if (RE2::PartialMatch(text, *c.res[i]))
          hits.push_back(static_cast<int>(i));
      if (hits.empty()) continue;
    }
    std::sort(hits.begin(), hits.end());
    for (int h : hits) {
      PatternMatch m;
      if (Locate(k, static_cast<size_t>(h), text, &m))
        out.push_back(std::move(m));
    }
  }
  return out;
}

std::vector<PatternMatch> Miner::MatchEach(std::string_view text,
                                           std::string_view language,
                                           std::string_view pack_name,
                                           std::string_view group) const {
  std::vector<PatternMatch> out;
  for (size_t k = 0; k < compiled_->size(); ++k) {
    if (!Applies(k, language) || (*packs_)[k].name != pack_name) continue;
    for (size_t i = 0; i < (*compiled_)[k].res.size(); ++i) {
      if (!group.empty() && (*packs_)[k].patterns[i].group != group) continue;
      PatternMatch m;
      if (Locate(k, i, text, &m)) out.push_back(std::move(m));
    }
  }
  return out;
}

const char* CommitmentKindName(CommitmentKind k) {
  switch (k) {
    case CommitmentKind::kHeading:
      return "heading";
    case CommitmentKind::kFicha:
      return "ficha";
    case CommitmentKind::kTable:
      return "table";
    case CommitmentKind::kStatement:
      return "statement";
  }
  return "heading";
}

bool ParseCommitmentKind(std::string_view name, CommitmentKind* out) {
  for (CommitmentKind k : {CommitmentKind::kHeading, CommitmentKind::kFicha,
                           CommitmentKind::kTable, CommitmentKind::kStatement})
    if (name == CommitmentKindName(k)) {
      *out = k;
      return true;
    }
  return false;
}

bool Miner::PerSentence(size_t pack) const {
  const std::string& name = (*packs_)[pack].name;
  for (const char* n : kSentencePacks)
    if (name == n) return true;
  return false;
}

std::vector<std::vector<PatternMatch>> Miner::MatchSentences(
    const std::vector<Sentence>& sentences, const MatchCache* reuse,
    MatchCache* out) const {
  const int n = static_cast<int>(sentences.size());
  // Every pattern's matches in every sentence, in pack then pattern order:
  // taken from `reuse` for the patterns it has, found for the others.
  std::vector<std::vector<PatternMatch>> found(sentences.size());
  if (reuse == nullptr) {
    for (int si = 0; si < n; ++si)
      for (const char* name : kSentencePacks) {
        std::vector<PatternMatch> m =
            Match(sentences[si].text, sentences[si].language, name);
        for (PatternMatch& x : m) found[si].push_back(std::move(x));
      }
  } else {
    const std::set<std::string> have(reuse->patterns.begin(),
                                     reuse->patterns.end());
    for (size_t k = 0; k < compiled_->size(); ++k) {
      if (!PerSentence(k)) continue;
      const Compiled& c = (*compiled_)[k];
      for (size_t i = 0; i < c.res.size(); ++i) {
        if (have.count(c.keys[i])) {
          auto it = reuse->matches.find(c.keys[i]);
          if (it == reuse->matches.end()) continue;
          for (const SentenceMatch& sm : it->second) {
            if (sm.sentence < 0 || sm.sentence >= n) continue;
            found[sm.sentence].push_back({k, i, sm.start, sm.end, sm.captures});
          }
          continue;
        }
        for (int si = 0; si < n; ++si) {  // new or edited: run it
          if (!Applies(k, sentences[si].language)) continue;
          PatternMatch m;
          if (Locate(k, i, sentences[si].text, &m))
            found[si].push_back(std::move(m));
        }
      }
    }
  }
  {
    // Pack then pattern order (the scan depends on it).
    for (auto& v : found)
      std::sort(
          v.begin(), v.end(), [](const PatternMatch& a, const PatternMatch& b) {
            return std::tie(a.pack, a.pattern) < std::tie(b.pack, b.pattern);
          });
  }
  if (out != nullptr) {
    out->patterns.clear();
    out->matches.clear();
    std::set<std::pair<size_t, size_t>> first;  // one pattern per key
    for (size_t k = 0; k < compiled_->size(); ++k)
      for (size_t i = 0; i < (*compiled_)[k].keys.size() && PerSentence(k);
           ++i) {
        const std::string& key = (*compiled_)[k].keys[i];
        if (out->matches.count(key)) continue;
        out->patterns.push_back(key);
        out->matches[key];
        first.insert({k, i});
      }
    for (int si = 0; si < n; ++si)
      for (const PatternMatch& m : found[si])
        if (first.count({m.pack, m.pattern}))
          out->matches[PatternKey(m.pack, m.pattern)].push_back(
              {si, m.start, m.end, m.captures});
    for (auto it = out->matches.begin(); it != out->matches.end();)
      it = it->second.empty() ? out->matches.erase(it) : std::next(it);
  }
  return found;
}

// The stages of Mine, each in its own file: Scan (scan.cc) reads every
// pattern match into findings and per-sentence signals; Segment
// (segment/segment.cc) cuts the document into commitments with the first
// strategy that finds the plan's own unit; FillFields (fields.cc) pairs
// labels with values; summary tables (segment/summary_table.cc) fill lead
// agencies; AssignThemes (commitment_themes.cc) reads what each commitment
// is about.
namespace {

// The plan's own list of its commitments (a numbered list written in the
// text, or a summary table's rows when the units are not those rows) gives
// the numbers of units that have none, and the count the plan names: fewer
// units than that is said in `warnings`.
void CheckAgainstList(const SegmentInput& in,
                      const std::vector<Commitment>& rows,
                      std::vector<Commitment>* units,
                      std::vector<std::string>* warnings) {
  if (units->size() < 3) return;
  std::vector<std::vector<ContentsItem>> lists = PlanLists(in);
  const bool from_table = units->front().kind == CommitmentKind::kTable;
  if (!from_table && rows.size() >= 3) {
    std::vector<ContentsItem> items;
    for (const Commitment& r : rows) items.push_back({r.number, r.title});
    lists.push_back(std::move(items));
  }
  const ListMatch match = MatchToList(*units, lists);
  NumberFromList(match, lists, units);
  const std::string w = match.list < 0
                            ? std::string()
                            : ListCountWarning(static_cast<int>(units->size()),
                                               match, lists[match.list]);
  if (!w.empty()) warnings->push_back(w);
}

}  // namespace

Findings Miner::Mine(const std::vector<Sentence>& sentences,
                     const NormalizedDocument* pages, const MatchCache* reuse,
                     MatchCache* out) const {
  Findings f;
  std::vector<std::vector<PatternMatch>> found =
      MatchSentences(sentences, reuse, out);
  Scan scan = ScanMatches(sentences, found, &f);
  SegmentInput in{sentences, pages, scan.at};
  in.opens_heading = [this](std::string_view text) {
    for (const PatternMatch& m : MatchEach(text, {}, "commitments", "heading"))
      if (m.start == 0) return true;
    return false;
  };
  std::vector<Commitment> rows = TableRowUnits(in);
  std::vector<Commitment> units = Segment(in, &scan, rows);
  // A plan whose only list of its commitments is a summary table.
  if (units.size() < 3 && rows.size() >= 3) units = std::move(rows);
  CheckAgainstList(in, rows, &units, &f.warnings);
  if (pages != nullptr && !units.empty())
    in.rows = PlaceRows(sentences, *pages);
  if (!units.empty()) in.run_in_labels = LearnRunInLabels(sentences);
  for (Commitment& c : units) FillFields(in, &c);
  if (pages != nullptr) ApplySummaryTables(in, &units);
  AssignThemes(in, f.theme_hits, &units);
  for (Commitment& c : scan.statements) {
    for (const std::string& t : scan.at[c.first_sentence].themes)
      c.themes.push_back(t);
  }
  f.commitments = std::move(units);
  for (Commitment& c : scan.statements) f.commitments.push_back(std::move(c));
  std::stable_sort(f.commitments.begin(), f.commitments.end(),
                   [](const Commitment& a, const Commitment& b) {
                     return a.first_sentence < b.first_sentence;
                   });
  return f;
}

}  // namespace planmine
