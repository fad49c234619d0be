#include "pipeline/extract/font_weight.h"

#include <algorithm>
#include <map>

namespace planmine {

int FaceWeight(std::string_view name) {
  size_t plus = name.find('+');
  if (plus != std::string_view::npos) name.remove_prefix(plus + 1);
  size_t cut = name.find_first_of("-,");
  std::string_view style =
      cut == std::string_view::npos ? std::string_view() : name.substr(cut);
  auto has = [&](const char* w) {
    return style.find(w) != std::string_view::npos ||
           (style.empty() && name.find(w) != std::string_view::npos);
  };
  if (has("black") || has("heavy") || has("extrabold") || has("ultrabold"))
    return 9;
  if (has("bold")) return kBoldWeight;  // semibold and demibold too
  if (has("demi")) return 6;
  if (has("medi")) return 5;  // medium; URW's Times bold is "…-Medi"
  if (has("light") || has("thin")) return 3;
  return kRegularWeight;
}

// The family part of a font name, without subset tag and style.
std::string_view FaceFamily(std::string_view name) {
  size_t plus = name.find('+');
  if (plus != std::string_view::npos) name.remove_prefix(plus + 1);
  return name.substr(0, name.find_first_of("-,"));
}

std::string FamilyKey(std::string_view name) {
  std::string key(FaceFamily(name));
  static const char* kSuffixes[] = {
      "psmt",     "mt",     "ps",      "bolditalic", "boldoblique",
      "bold",     "italic", "oblique", "regular",    "medium",
      "semibold", "light",  "black"};
  for (bool changed = true; changed;) {
    changed = false;
    while (!key.empty() && key.back() >= '0' && key.back() <= '9') {
      key.pop_back();
      changed = true;
    }
    for (const char* suffix : kSuffixes) {
      std::string_view s(suffix);
      // Never the whole name: "bold" stays a family of its own.
      if (key.size() > s.size() &&
          key.compare(key.size() - s.size(), s.size(), s) == 0) {
        key.resize(key.size() - s.size());
        changed = true;
      }
    }
  }
  return key;
}

// Words in a medium or demi face of a family whose most used face on the
// page (by characters) is regular or lighter stand out as bold do: Times'
// bold in URW's fonts is "NimbusRomNo9L-Medi". A family set mostly in its
// medium face reads that face as its body.
void MarkHeavierFaces(const std::vector<std::string>& faces, Word* words) {
  std::map<std::string_view, std::map<std::string_view, size_t>> use;
  for (size_t i = 0; i < faces.size(); ++i)
    if (!faces[i].empty())
      use[FaceFamily(faces[i])][faces[i]] += words[i].text.size();
  // Each face weighed once: heavier than its family's main face on the
  // page (which is regular or lighter), short of bold.
  std::map<std::string_view, bool> heavier;
  for (const auto& [family, by_face] : use) {
    auto main = std::max_element(
        by_face.begin(), by_face.end(),
        [](const auto& a, const auto& b) { return a.second < b.second; });
    bool regular_body = FaceWeight(main->first) <= kRegularWeight;
    for (const auto& [face, chars] : by_face) {
      int weight = FaceWeight(face);
      heavier[face] =
          regular_body && weight > kRegularWeight && weight < kBoldWeight;
    }
  }
  for (size_t i = 0; i < faces.size(); ++i)
    if (!faces[i].empty() && heavier[faces[i]]) words[i].bold = true;
}

}  // namespace planmine
