// Arbiter: the plan's own list of its commitments. Many plans list their
// commitments before describing them (a contents page, a numbered summary
// list, a summary table whose rows are numbered): short numbered items, one
// after another. When the layout strategies disagree (chapters numbered in
// bold and commitments numbered in plain type, commitments only in a summary
// table), the candidate whose units the list names is the plan's. Evidence:
// the list's density (items one after another, not headings with bodies),
// its numbers running 1, 2, 3 (restarts allowed), and the content words a
// unit's title shares with an item's.
#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "extractors/mine_internal.h"
#include "extractors/segment/segment.h"
#include "pipeline/core/utf8.h"

namespace planmine {
namespace {

// True when a quarter or more of `titles` repeat an earlier one word for
// word (content words): milestones and deliverables that recur from one
// commitment to the next, not a plan's list of distinct commitments.
bool Repeats(const std::vector<std::string>& titles) {
  std::set<std::vector<std::string>> seen;
  size_t repeated = 0;
  for (const std::string& t : titles)
    repeated += !seen.insert(ContentWords(t)).second;
  return repeated * 4 >= titles.size() && repeated > 0;
}

template <typename T>
std::vector<std::string> Titles(const std::vector<T>& v) {
  std::vector<std::string> out;
  for (const T& x : v) out.push_back(x.title);
  return out;
}

// A numbered item's number and title, when the sentence is one: "3. Title",
// "3) Title", "3 Title ..... 12", or a bare "3" whose title is the next
// sentence (a table's number cell).
bool ReadItem(const std::vector<Sentence>& sentences, int k, int* value,
              std::string* title) {
  static const RE2 kItem("^\\s*(\\d{1,3})\\s*[.):\\-–]?\\s+(\\S.*)$");
  static const RE2 kBare("^\\s*(\\d{1,3})\\s*[.)]?\\s*$");
  static const RE2 kPageRef("[\\s.…·]+\\d{1,3}\\s*$");
  const std::string& s = sentences[k].text;
  if (RE2::FullMatch(s, kBare, value)) {
    if (k + 1 >= static_cast<int>(sentences.size())) return false;
    *title = sentences[k + 1].text;
  } else if (!RE2::FullMatch(s, kItem, value, title)) {
    return false;
  }
  RE2::Replace(title, kPageRef, "");
  *title = CleanTitle(*title);
  int words = static_cast<int>(ContentWords(*title).size());
  return *value >= 1 && words >= 1 && title->size() <= 240 &&
         !StartsLower(*title);
}

}  // namespace

std::vector<std::vector<ContentsItem>> PlanLists(const SegmentInput& in) {
  const std::vector<Sentence>& sentences = in.sentences;
  const int n = static_cast<int>(sentences.size());
  // Items one after another: at most this many sentences between two (a
  // title that wrapped, a page number, a table row's other cells).
  const int kGap = 4;
  std::vector<std::vector<ContentsItem>> lists;
  std::vector<ContentsItem> run;
  int last_value = 0, last_at = -1;
  auto close = [&] {
    if (run.size() >= 3 && !Repeats(Titles(run))) lists.push_back(run);
    run.clear();
  };
  for (int k = 0; k < n; ++k) {
    int value = 0;
    std::string title;
    if (!ReadItem(sentences, k, &value, &title)) continue;
    bool near = last_at >= 0 && k - last_at <= kGap + 1;
    bool next = value == last_value + 1 || (value == 1 && last_value >= 1);
    if (!(near && next)) {
      close();
      if (value != 1) {
        last_at = -1;
        last_value = 0;
        continue;
      }
    }
    run.push_back({std::to_string(value), title, k});
    last_value = value;
    last_at = k;
  }
  close();
  return lists;
}

TitleWords WordsOfTitle(const std::string& title) {
  TitleWords w = ContentWords(title);
  std::sort(w.begin(), w.end());
  w.erase(std::unique(w.begin(), w.end()), w.end());
  return w;
}

bool TitlesAgree(const TitleWords& a, const TitleWords& b) {
  if (a.empty() || b.empty()) return false;
  size_t shared = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    const int c = a[i].compare(b[j]);
    if (c == 0) ++shared;
    i += c <= 0;
    j += c >= 0;
  }
  return shared >= 1 && shared * 2 >= std::min(a.size(), b.size());
}

bool TitlesAgree(const std::string& a, const std::string& b) {
  return TitlesAgree(WordsOfTitle(a), WordsOfTitle(b));
}

namespace {

// The words of each unit's title, and of each item's: TitlesAgree compares
// every unit with every item of every list.
std::vector<TitleWords> UnitWords(const std::vector<Commitment>& units) {
  std::vector<TitleWords> out;
  out.reserve(units.size());
  for (const Commitment& u : units) out.push_back(WordsOfTitle(u.title));
  return out;
}

std::vector<TitleWords> ItemWords(const std::vector<ContentsItem>& list) {
  std::vector<TitleWords> out;
  out.reserve(list.size());
  for (const ContentsItem& item : list) out.push_back(WordsOfTitle(item.title));
  return out;
}

}  // namespace

int NamedByList(const std::vector<Commitment>& units,
                const std::vector<std::vector<ContentsItem>>& lists) {
  int best = 0;
  const std::vector<TitleWords> unit_words = UnitWords(units);
  for (const std::vector<ContentsItem>& list : lists) {
    const std::vector<TitleWords> item_words = ItemWords(list);
    std::vector<bool> used(list.size());
    int named = 0;
    for (size_t k = 0; k < units.size(); ++k) {
      const Commitment& u = units[k];
      // The unit's own line is not evidence for it.
      for (size_t i = 0; i < list.size(); ++i) {
        // (nor is its own number cell just before it).
        if (used[i] || list[i].sentence == u.first_sentence ||
            (list[i].sentence >= 0 && list[i].sentence + 1 == u.first_sentence))
          continue;
        if (!TitlesAgree(unit_words[k], item_words[i])) continue;
        used[i] = true;
        ++named;
        break;
      }
    }
    best = std::max(best, named);
  }
  return best;
}

size_t ChooseByContents(const std::vector<std::vector<Commitment>>& candidates,
                        size_t chosen,
                        const std::vector<std::vector<ContentsItem>>& lists) {
  if (lists.empty() || chosen >= candidates.size()) return chosen;
  // The lists written in the text, without a summary table's rows (which
  // are a candidate too, and not evidence for themselves).
  std::vector<std::vector<ContentsItem>> written;
  for (const std::vector<ContentsItem>& l : lists)
    if (!l.empty() && l.front().sentence >= 0) written.push_back(l);
  // The list does not contradict the strategies' choice: it stands.
  const int chosen_named = NamedByList(candidates[chosen], lists);
  if (chosen_named * 2 >= static_cast<int>(candidates[chosen].size()))
    return chosen;
  // A choice the lists name in part is overruled only by a candidate the
  // written lists name; one they do not name at all, by any.
  const std::vector<std::vector<ContentsItem>>& witness =
      chosen_named == 0 ? lists : written;
  size_t best = chosen;
  int best_named = std::max(chosen_named, 2);
  for (size_t i = 0; i < candidates.size(); ++i) {
    const int size = static_cast<int>(candidates[i].size());
    if (i == chosen || size < 3 || Repeats(Titles(candidates[i]))) continue;
    const int named = NamedByList(candidates[i], witness);
    if (named * 2 >= size && named > best_named) {
      best = i;
      best_named = named;
    }
  }
  return best;
}

namespace {

// The longest in-order pairing of units with items (each once, keeping
// both orders) under TitlesAgree: a longest common subsequence.
std::vector<int> AlignInOrder(const std::vector<Commitment>& units,
                              const std::vector<ContentsItem>& list) {
  const size_t nu = units.size(), ni = list.size();
  const std::vector<TitleWords> unit_words = UnitWords(units);
  const std::vector<TitleWords> item_words = ItemWords(list);
  auto agree = [&](size_t u, size_t i) {
    const int s = list[i].sentence;
    if (s >= 0 &&
        (s == units[u].first_sentence || s + 1 == units[u].first_sentence))
      return false;  // the unit's own line (or number cell)
    return TitlesAgree(unit_words[u], item_words[i]);
  };
  // best[u][i]: the longest pairing of units u.. with items i...
  std::vector<std::vector<int>> best(nu + 1, std::vector<int>(ni + 1, 0));
  std::vector<std::vector<char>> ok(nu, std::vector<char>(ni));
  for (size_t u = nu; u-- > 0;)
    for (size_t i = ni; i-- > 0;) {
      ok[u][i] = agree(u, i);
      best[u][i] = std::max(best[u + 1][i], best[u][i + 1]);
      if (ok[u][i]) best[u][i] = std::max(best[u][i], best[u + 1][i + 1] + 1);
    }
  std::vector<int> item(nu, -1);
  for (size_t u = 0, i = 0; u < nu && i < ni;) {
    if (ok[u][i] && best[u][i] == best[u + 1][i + 1] + 1) {
      item[u++] = static_cast<int>(i++);
    } else if (best[u + 1][i] >= best[u][i + 1]) {
      ++u;
    } else {
      ++i;
    }
  }
  return item;
}

}  // namespace

ListMatch MatchToList(const std::vector<Commitment>& units,
                      const std::vector<std::vector<ContentsItem>>& lists) {
  ListMatch m;
  for (size_t l = 0; l < lists.size(); ++l) {
    std::vector<int> item = AlignInOrder(units, lists[l]);
    const int named = static_cast<int>(
        std::count_if(item.begin(), item.end(), [](int i) { return i >= 0; }));
    const int size = static_cast<int>(lists[l].size());
    if (named < 3 || named * 2 < static_cast<int>(units.size()) ||
        named * 3 < size || named <= m.named)
      continue;
    m.list = static_cast<int>(l);
    m.expected = size;
    m.named = named;
    m.item = std::move(item);
  }
  return m;
}

int NumberFromList(const ListMatch& match,
                   const std::vector<std::vector<ContentsItem>>& lists,
                   std::vector<Commitment>* units) {
  if (match.list < 0) return 0;
  const std::vector<ContentsItem>& list = lists[match.list];
  std::vector<int> item = match.item;
  // An unnamed unit alone between two named ones whose items leave exactly
  // one between them is that item (its title was written otherwise).
  for (size_t u = 1; u + 1 < item.size(); ++u)
    if (item[u] < 0 && item[u - 1] >= 0 && item[u + 1] == item[u - 1] + 2)
      item[u] = item[u - 1] + 1;
  int changed = 0;
  for (size_t u = 0; u < units->size(); ++u) {
    Commitment& c = (*units)[u];
    if (!c.number_in_order || item[u] < 0) continue;
    changed += c.number != list[item[u]].number;
    c.number = list[item[u]].number;
    c.number_in_order = false;
  }
  return changed;
}

std::string ListCountWarning(int found, const ListMatch& match,
                             const std::vector<ContentsItem>& list) {
  if (match.list < 0 || found >= match.expected) return "";
  std::vector<bool> named(list.size());
  std::vector<size_t> named_words;
  for (int i : match.item) {
    if (i < 0 || i >= static_cast<int>(list.size())) continue;
    named[i] = true;
    named_words.push_back(ContentWords(list[i].title).size());
  }
  if (named_words.empty()) return "";
  std::nth_element(named_words.begin(),
                   named_words.begin() + named_words.size() / 2,
                   named_words.end());
  const size_t median = named_words[named_words.size() / 2];
  // An unmatched item stands for a missed commitment only when it reads
  // like the named ones: a title a third as long as theirs (in content
  // words) is a row of another kind (the list of partners a table goes on
  // to number). The items that do, in runs: a unit-level list the
  // strategies missed a few units of has a few such runs; a list one level
  // finer than the units (each commitment's actions itemized) has one after
  // most named items, and says nothing about how many commitments there
  // are.
  int expected = 0, runs = 0;
  bool in_run = false;
  for (size_t i = 0; i < list.size(); ++i) {
    const bool peer =
        named[i] || ContentWords(list[i].title).size() * 3 >= median;
    if (!peer) continue;
    ++expected;
    runs += !named[i] && !in_run;
    in_run = !named[i];
  }
  if (found >= expected || runs * 3 > static_cast<int>(named_words.size()))
    return "";
  return "found " + std::to_string(found) + " of the " +
         std::to_string(expected) + kListCountWarningEnd;
}

}  // namespace planmine
