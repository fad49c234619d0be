#include "pipeline/classify/signals.h"

namespace planmine {

bool Signals::IsSignalPack(const PatternPack& pack) {
  return pack.name == "genres" || pack.name == "titles";
}

bool Signals::IsGenre(std::string_view group) {
  for (const char* g : {"action_plan", "irm_report", "self_assessment",
                        "workshop", "agenda", "guide", "legal", "report"})
    if (group == g) return true;
  return false;
}

Result<Signals> Signals::Create(std::vector<PatternPack> packs) {
  for (const PatternPack& p : packs)
    if (!IsSignalPack(p))
      return InvalidArgument(p.path + ": pack '" + p.name +
                             "' is not a classifier pack");
  auto m = Miner::Create(std::move(packs));
  if (!m.ok()) return m.status();
  return Signals(std::move(*m));
}

std::vector<Signal> Signals::Find(std::string_view text,
                                  std::string_view language,
                                  std::string_view pack) const {
  std::vector<Signal> out;
  if (text.empty()) return out;
  if (language != "es" && language != "pt" && language != "en") language = {};
  for (const PatternMatch& m : miner_.Match(text, language, pack)) {
    const Pattern& p = miner_.packs()[m.pack].patterns[m.pattern];
    Signal s;
    s.group = p.group;
    s.id = p.id;
    s.start = m.start;
    s.end = m.end;
    auto it = m.captures.find("subject");
    if (it != m.captures.end()) s.subject = it->second;
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<Signal> Signals::First(std::string_view text,
                                     std::string_view language,
                                     std::string_view pack,
                                     std::string_view group) const {
  std::optional<Signal> best;
  for (Signal& s : Find(text, language, pack))
    if (s.group == group && (!best || s.start < best->start))
      best = std::move(s);
  return best;
}

int Signals::Count(std::string_view text, std::string_view language,
                   std::string_view pack, std::string_view group) const {
  int n = 0;
  size_t at = 0;
  while (at < text.size()) {
    auto s = First(text.substr(at), language, pack, group);
    if (!s) break;
    ++n;
    at += std::max<size_t>(s->end, s->start + 1);
  }
  return n;
}

std::string Signals::VersionString() const {
  return VersionStringOf(miner_.packs());
}

std::string Signals::VersionStringOf(const std::vector<PatternPack>& packs) {
  // Miner::VersionString() starts with the miner's own version, which
  // does not decide anything here.
  std::string s = Miner::VersionStringOf(packs);
  size_t sp = s.find(' ');
  return sp == std::string::npos ? "" : s.substr(sp + 1);
}

}  // namespace planmine
