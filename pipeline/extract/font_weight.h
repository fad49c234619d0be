// How heavy a font face is, from its name: the extractor marks words bold
// by it (pipeline/extract/extractor.cc).
#ifndef PLANMINE_EXTRACT_FONT_WEIGHT_H_
#define PLANMINE_EXTRACT_FONT_WEIGHT_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/extract/extracted.h"

namespace planmine {

constexpr int kBoldWeight = 7;
constexpr int kRegularWeight = 4;

// A face's weight from the style words of its lower-case name
// ("abcdef+nimbusromno9l-medi", "arial,bold", "roboto-semibold"): 3 light
// or thin, 4 regular, 5 medium, 6 demi, 7 bold (semibold, demibold too),
// 9 black, heavy or extra bold.
int FaceWeight(std::string_view name);

// The family part of a lower-case font name, without subset tag and style.
std::string_view FaceFamily(std::string_view name);

// The typeface a lower-case font name belongs to, whatever its weight,
// style and optical size: FaceFamily without the vendor's and the style's
// suffixes and a trailing size ("arialmt" and "arial-boldmt" -> "arial";
// "timesnewromanps-boldmt" -> "timesnewroman"; "lmroman10-regular" and
// "lmroman12-bold" -> "lmroman"; "cmr10" -> "cmr"). Empty for an empty name.
std::string FamilyKey(std::string_view name);

// Marks bold the words (faces[i] is words[i]'s lower-case font name, empty
// when unknown) set in a medium or demi face of a family whose most used
// face on the page, by characters, is regular or lighter.
void MarkHeavierFaces(const std::vector<std::string>& faces, Word* words);

}  // namespace planmine

#endif  // PLANMINE_EXTRACT_FONT_WEIGHT_H_
