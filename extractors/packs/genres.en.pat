# Genre words and layout-independent signals of document types, in English.
# Groups as in genres.es.pat.
@pack genres
@version 2
@lang en
action_plan.action_plan      \baction\s+plans?\b
action_plan.open_gov_plan    \bopen\s+government\s+plan\b
irm_report.irm               \bindependent\s+(?:reporting|review)\s+mechanism\b|(?-i)\bIRM\b
self_assessment.self         \bself[-\s]?assessments?\b|\bself[-\s]?evaluations?\b
agenda.agenda                \bagenda\b|\bprogram(?:me)?\s+of\s+(?:events|the\s+day)\b|\brun\s+of\s+show\b
workshop.workshop            \bworkshops?\b|\bmeeting\s+(?:overview|summary|notes|minutes|report|readout)\b|\bengagement\s+sessions?\b|\blistening\s+sessions?\b|\bround\s?tables?\b|\bminutes\s+of\s+the\b|\bpublic\s+meetings?\b|\bco-?creation\s+sessions?\b|\bconsultation\s+(?:summary|report)\b
guide.guide                  \bguides?\b|\bguidelines\b|\bguidebook\b|\bhandbook\b|\bmanual\b|\btool\s?kit\b|\bplaybook\b|\bhow\s+to\b|\bnorms\s+of\b|\bground\s+rules\b|\bcode\s+of\s+conduct\b|\bstep[-\s]by[-\s]step\b
legal.act                    ^\W*(?:executive\s+order|decree|ordinance|resolution|act|bill|public\s+law|statutory\s+instrument)\s+(?:no\.?\s*|number\s+)?\d+
legal.gazette                ^\W*(?:official\s+gazette|federal\s+register)\b
report.report                \breports?\b|\banalys[ie]s\b|\breasoned\s+response\b|\btechnical\s+notes?\b|\bpolicy\s+(?:brief|paper)\b|\bwhite\s+paper\b|\bstudy\b|\bbriefing\s+paper\b
letter.dear                  ^\W*(?:dear|to\s+whom\s+it\s+may\s+concern)\b
letter.subject               ^\W*(?:re|subject|regarding)\s*:
legal_formula.formula        ^\W*(?:whereas|be\s+it\s+(?:enacted|resolved|ordained)|now,?\s+therefore)\b
legal_article.section        ^\W*(?:section|sec\.|article|art\.)\s*\d+\s*[.:\-–]
