# Genre words and layout-independent signals of document types, in
# Portuguese. Groups as in genres.es.pat.
@pack genres
@version 3
@lang pt
action_plan.plano_acao       \bplanos?\s+(?:nacional\s+|local\s+|municipal\s+|estadual\s+)?de\s+a[cç][aã]o\b
action_plan.plano_aberto     \bplano\s+(?:nacional\s+|local\s+)?de\s+(?:governo|estado)\s+aberto\b
irm_report.mri               \bmecanismo\s+(?:independente\s+de\s+(?:avalia[cç][aã]o|relat[oó]rios?|revis[aã]o)|de\s+(?:avalia[cç][aã]o|revis[aã]o)\s+independente)\b|(?-i)\b(?:IRM|MRI)\b
self_assessment.autoaval     \bauto[-\s]?avalia[cç][aã]o\b
agenda.agenda                \bagenda\b|\bpauta\s+(?:da\s+)?(?:reuni[aã]o|sess[aã]o)\b|\bprograma[cç][aã]o\s+(?:do\s+evento|da\s+reuni[aã]o)\b
workshop.oficina             \boficinas?\b|\brodas?\s+de\s+conversa\b|\bmem[oó]ria\s+(?:da\s+|de\s+)?(?:reuni[aã]o|oficina|encontro|sess[aã]o)\b|\bata\s+da\s+(?:reuni[aã]o|sess[aã]o)\b|\bescuta\s+(?:p[uú]blica|ativa)\b
guide.guia                   \bguias?\b|\bmanual\b|\bmanuais\b|\bkit\b|\bcartilhas?\b|\bpasso\s+a\s+passo\b|\bcomo\s+(?:fazer|publicar|usar|utilizar|criar|abrir)\b|\bcaixa\s+de\s+ferramentas\b
legal.ato                    ^\W*(?:decreto|portaria|lei|resolu[cç][aã]o|instru[cç][aã]o\s+normativa|delibera[cç][aã]o)\s+(?:municipal\s+|estadual\s+|complementar\s+)?(?:n[°º*o.]*\s*|n[uú]mero\s+)?\d+
legal.diario                 ^\W*(?:di[aá]rio|boletim|gazeta)\s+oficial\b
report.relatorio             \brelat[oó]rios?\b|\ban[aá]lises?\b|\bresposta\s+fundamentada\b|\bnotas?\s+t[eé]cnicas?\b|\bestudo\b|\bdiagn[oó]stico\b|\bboletim\s+informativo\b
letter.saudacao              ^\W*(?:prezad[oa]s?|car[oa]s?|senhor(?:es|a|as)?|sr\.|sra\.|ilustr[ií]ssim[oa]s?|excelent[ií]ssim[oa]s?)\b
letter.assunto               ^\W*(?:assunto|ref(?:er[eê]ncia)?\.?)\s*:
legal_formula.formula        ^\W*(?:c\s?o\s?n\s?s\s?i\s?d\s?e\s?r\s?a\s?n\s?d\s?o|d\s?e\s?c\s?r\s?e\s?t\s?a|r\s?e\s?s\s?o\s?l\s?v\s?e|o\s?r\s?d\s?e\s?n\s?a|p\s?r\s?o\s?m\s?u\s?l\s?g\s?a)\s*(?::|$)|^\W*considerando\s+(?:que|o|a|os|as)\b
legal_article.artigo         ^\W*(?:artigo|art\.?)\s*\d+\s*(?:[°º*o]|-[a-z])?\s*[.:\-–]
