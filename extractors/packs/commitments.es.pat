# Commitments in Spanish.
#   heading.*    a numbered commitment heading at the start of a sentence;
#                named groups: number (required), title (optional)
#   statement.*  a sentence that states a commitment
#   ficha.*      the label that opens each commitment's template page when
#                the plan prints titles as pictures (the titles then come
#                from the plan's numbered list of commitments)
#   field.<name> a label inside a commitment; its value runs to the next
#                label. Names: lead_agency, other_actors, people, contact,
#                description, problem, objective, results, activities,
#                milestones, start_date, end_date, completion,
#                completion_midterm, ogp_values, support
#   level.<id>   completion levels (IRM): not_started, limited, substantial,
#                complete
#   unit.word    the word for the plan's unit ("compromisos"): a document
#                that names it in a few sentences may be segmented by the
#                typographic strategies (numbered headings, run-in titles)
#   ogp.<value>  OGP values named in a sentence that speaks of the plan's
#                principles or values: access_to_information,
#                civic_participation, public_accountability,
#                technology_innovation
@pack commitments
@version 4
@lang es
heading.compromiso      ^compromiso\s*(?:n(?:ro|[uú]m|o)?\s*\.?\s*|n\.?\s*[º°o]\.?\s*|#\s*)?(?P<number>\d{1,3}(?:\.\d{1,2})?)(?:(?:\s*[:.\-–—)]\s*|\s+)(?P<title>(?-i:[A-ZÁÉÍÓÚÑÇÂÊÔÃÕ¿"“«]).*)|\s*[:.]?\s*$)
statement.se_compromete \bse\s+compromete(?:n|r[aá]n?)?\s+a\b
statement.nos_comprometemos \bnos\s+comprometemos\s+a\b
statement.gobierno_hara \b(?:el|la)\s+(?:gobierno|ministerio|secretar[ií]a|alcald[ií]a|gobernaci[oó]n|municipalidad|agencia)\b[^.]{0,80}?\b(?:implementar[aá]|desarrollar[aá]|crear[aá]|publicar[aá]|pondr[aá]|dise[nñ]ar[aá]|fortalecer[aá]|promover[aá])\b
ficha.quien_ejecuta    ^¿?\s*qui[eé]n\s+(?:ejecuta|lo\s+ejecuta|es\s+responsable)\s*\??\s*$
field.lead_agency       (?:^|\s)(?:entidad(?:es)?\s+responsables?|instituci[oó]n\s*(?:\(\s*es\s*\))?\s+responsables?\s*(?:\(\s*s\s*\))?|entidad(?:es)?\s+l[ií]der(?:es)?|organismo\s+responsable|dependencia\s+responsable)\s*:|^¿?\s*qui[eé]n\s+(?:ejecuta|lo\s+ejecuta|es\s+responsable)\s*\??\s*$
field.other_actors      (?:^|\s)(?:otros\s+actores(?:\s+involucrados)?|instituci[oó]n\s*(?:\(\s*es\s*\))?\s+de\s+apoyo|actores\s+involucrados|entidades\s+de\s+apoyo|aliados)\s*:
field.people            (?:^|\s)personas?\s+responsables?\s*:
field.contact           ^contactos?\s*:?\s*$|(?:^|\s)contactos?\s*:
field.description       ^descripci[oó]n(?:\s+del\s+compromiso)?\s*:?|^texto\s+del\s+compromiso\s*:?
field.problem           ^(?:problem[aá]tica|problema\s+p[uú]blico|problema\s+a\s+resolver)\s*:?
field.objective         ^objetivo(?:\s+general|\s+del\s+compromiso)?\s*:?
field.results           ^resultados?\s+esperados?\s*:?
field.activities        ^¿?\s*qu[eé]\s+implica\s*\??\s*$|^actividades\s*:?
field.milestones        ^metas\s*:|^hitos\s*:?
field.start_date        (?:^|\s)fecha\s+de\s+inicio\s*:
field.end_date          (?:^|\s)fecha\s+(?:de\s+cierre|final|de\s+t[eé]rmino|de\s+finalizaci[oó]n)\s*:
field.completion        (?:^|\s)fin\s+de\s+t[eé]rmino\s*:
field.completion_midterm (?:^|\s)medio\s+t[eé]rmino\s*:|\bcomplet[oa]\s+al\s+medio\s+t[eé]rmino\b
level.not_started       \bno\s+iniciad[oa]\b|\bsin\s+iniciar\b
level.limited           \blimitad[oa]\b
level.substantial       \bsustancial\b|\bsubstancial\b
level.complete          \bcomplet[oa]\b
ogp.context             \bprincipios?\b|\bvalores?\s+(?:de\s+)?(?:aga|ogp|del\s+gobierno\s+abierto)\b
ogp.access_to_information \btransparencia\b|\bacceso\s+a\s+(?:la\s+)?informaci[oó]n\b
ogp.civic_participation \bparticipaci[oó]n\b
ogp.public_accountability \brendici[oó]n\s+de\s+cuentas\b
ogp.technology_innovation \btecnolog[ií]as?\s+(?:innovadoras?|e\s+innovaci[oó]n)\b|\binnovaci[oó]n\s+tecnol[oó]gica\b
column.lead_agency      ^(?:entidad(?:es)?|instituci[oó]n(?:es)?|organismos?|dependencias?)\s+(?:responsables?|l[ií]der(?:es)?)\s*$|^responsables?\s*$
field.ogp_values        (?:^|\s)valores?\s+(?:ogp|aga|de\s+(?:la\s+)?(?:aga|ogp|alianza))\s*:?\s*$|(?:^|\s)valores?\s+(?:ogp|aga)\s*:
unit.word               \bcompromisos?\b
