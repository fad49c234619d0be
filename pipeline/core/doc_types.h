// The document types planmine tells apart, and their names in the index.
//
//   DocType t = DocType::kAgenda;
//   DocTypeName(t)                  // "agenda"
//   ParseDocType("irm_report")      // DocType::kIrmReport
//   ParseDocType("plan")            // std::nullopt
//
// The names are what documents.doc_type, the manifest's doc_type column and
// every --doc-type option hold; inside the code a type is the enum.
#ifndef PLANMINE_CORE_DOC_TYPES_H_
#define PLANMINE_CORE_DOC_TYPES_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace planmine {

enum class DocType {
  kActionPlan,      // a national or local OGP action plan (its commitments)
  kIrmReport,       // a report of the Independent Reporting Mechanism
  kSelfAssessment,  // a government's own report on a plan it carried out
  kWorkshop,        // a workshop, meeting or consultation summary
  kSlides,          // a slide deck
  kAgenda,          // the schedule of a meeting
  kGuide,           // a guide, manual, toolkit or set of rules for readers
  kLegal,           // a decree, ordinance, resolution, law or gazette
  kReport,          // any other report, study, brief or technical note
  kOther,           // none of the above (letters, calls, strategies…)
};

inline constexpr std::array<DocType, 10> kAllDocTypes = {
    DocType::kActionPlan, DocType::kIrmReport, DocType::kSelfAssessment,
    DocType::kWorkshop,   DocType::kSlides,    DocType::kAgenda,
    DocType::kGuide,      DocType::kLegal,     DocType::kReport,
    DocType::kOther};

// "action_plan", "irm_report", "self_assessment", "workshop", "slides",
// "agenda", "guide", "legal", "report", "other".
std::string_view DocTypeName(DocType type);
// The type of a name as DocTypeName writes it; nullopt for anything else.
std::optional<DocType> ParseDocType(std::string_view name);
// "action_plan, irm_report, …, other": for help texts and error messages.
std::string DocTypeNames();

}  // namespace planmine

#endif  // PLANMINE_CORE_DOC_TYPES_H_
