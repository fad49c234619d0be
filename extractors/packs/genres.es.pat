# Genre words and layout-independent signals of document types, in Spanish.
# The classifier (pipeline/classify/doc_type.h) reads them; the miner never
# runs this pack on sentences.
#   <type>.*         a genre word that names the document's type when it is
#                    in the title or the first lines (the "opening"): one
#                    group per type of the taxonomy; letter.* marks a letter
#                    (the type `other`)
#   legal_formula.*  the enacting formula of an act at the start of a block
#                    ("VISTO:", "CONSIDERANDO:", "DECRETA:")
#   legal_article.*  an article heading at the start of a block
#                    ("Artículo 1°", "ART. 2º:")
# Time ranges of agendas are language-neutral: genres.any.pat.
@pack genres
@version 2
@lang es
action_plan.plan_accion      \bplan(?:es)?\s+(?:nacional\s+|local\s+|municipal\s+|departamental\s+|provincial\s+)?de\s+acci[oó]n\b
action_plan.plan_abierto     \bplan\s+(?:nacional\s+|local\s+)?de\s+(?:gobierno|estado)\s+abierto\b
irm_report.mri               \bmecanismo\s+de\s+revisi[oó]n\s+independiente\b|\bmecanismo\s+independiente\s+de\s+(?:evaluaci[oó]n|revisi[oó]n|reporte)\b|(?-i)\b(?:MRI|IRM)\b
self_assessment.autoeval     \bauto[-\s]?evaluaci[oó]n\b
agenda.agenda                \bagenda\b|\borden\s+del\s+d[ií]a\b|\bprograma\s+(?:del\s+evento|de\s+la\s+jornada|de\s+actividades)\b
workshop.taller              \btaller(?:es)?\b|\bconversatorios?\b|\bmesas?\s+de\s+(?:trabajo|di[aá]logo)\b|\bconversaci[oó]n(?:es)?\s+(?:virtual(?:es)?\s+)?(?:con|de)\s+expertos\b|\brelator[ií]a\b|\bayuda\s+memoria\b|\bmemoria\s+(?:del?\s+)?(?:taller|encuentro|reuni[oó]n|sesi[oó]n|evento)\b|\bacta\s+de\s+(?:la\s+)?(?:reuni[oó]n|sesi[oó]n)\b|\bjornada\s+de\s+(?:cocreaci[oó]n|co-creaci[oó]n|trabajo)\b
guide.guia                   \bgu[ií]as?\b|\bmanual(?:es)?\b|\bkit\b|\bcaja\s+de\s+herramientas\b|\binstructivo\b|\bpaso\s+a\s+paso\b|\bc[oó]mo\s+(?:hacer|publicar|usar|utilizar|crear|abrir)\b|\blineamientos\b|\bnormas\s+de\s+(?:participaci[oó]n|convivencia|conducta)\b
legal.acto                   ^\W*(?:decreto|ordenanza|resoluci[oó]n|acuerdo|ley|circular|directiva|disposici[oó]n)\s+(?:municipal\s+|ejecutivo\s+|ministerial\s+)?(?:n[°º*o.]*\s*|nro\.?\s*|n[uú]mero\s+)?\d+
legal.boletin                ^\W*(?:bolet[ií]n|diario|gaceta|registro)\s+oficial\b
report.informe               \binformes?\b|\ban[aá]lisis\b|\brespuesta\s+razonada\b|\breportes?\b|\bnotas?\s+t[eé]cnicas?\b|\bestudio\b|\bdocumento\s+de\s+pol[ií]tica\b|\bpolicy\s+brief\b|\bdiagn[oó]stico\b
letter.saludo                ^\W*(?:estimad[oa]s?|apreciad[oa]s?|querid[oa]s?|se[ñn]or(?:es|a|as)?|sr\.|sra\.|distinguid[oa]s?)\b
letter.asunto                ^\W*(?:asunto|ref(?:erencia)?\.?)\s*:
legal_formula.formula        ^\W*(?:v\s?i\s?s\s?t\s?o\s?s?|c\s?o\s?n\s?s\s?i\s?d\s?e\s?r\s?a\s?n\s?d\s?o|d\s?e\s?c\s?r\s?e\s?t\s?a|r\s?e\s?s\s?u\s?e\s?l\s?v\s?e|o\s?r\s?d\s?e\s?n\s?a|a\s?c\s?u\s?e\s?r\s?d\s?a|por\s+ello|por\s+tanto)\s*(?::|$)|^\W*considerando\s+que\b
legal_article.articulo       ^\W*(?:art[ií]culo|art\.?)\s*\d+\s*(?:[°º*o]|bis)?\s*[.:\-–]
