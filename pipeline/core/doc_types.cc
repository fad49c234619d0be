#include "pipeline/core/doc_types.h"

namespace planmine {

std::string_view DocTypeName(DocType type) {
  switch (type) {
    case DocType::kActionPlan:
      return "action_plan";
    case DocType::kIrmReport:
      return "irm_report";
    case DocType::kSelfAssessment:
      return "self_assessment";
    case DocType::kWorkshop:
      return "workshop";
    case DocType::kSlides:
      return "slides";
    case DocType::kAgenda:
      return "agenda";
    case DocType::kGuide:
      return "guide";
    case DocType::kLegal:
      return "legal";
    case DocType::kReport:
      return "report";
    case DocType::kOther:
      return "other";
  }
  return "other";
}

std::optional<DocType> ParseDocType(std::string_view name) {
  for (DocType t : kAllDocTypes)
    if (DocTypeName(t) == name) return t;
  return std::nullopt;
}

std::string DocTypeNames() {
  std::string out;
  for (DocType t : kAllDocTypes) {
    if (!out.empty()) out += ", ";
    out += DocTypeName(t);
  }
  return out;
}

}  // namespace planmine
