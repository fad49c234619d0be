# Typed statements of workshop and meeting reports in Spanish.
#   finding.*         what the participants, experts or reviewers found
#   recommendation.*  what they recommend or say should be done
# Questions ("¿Considera que…?") are never typed. Only documents that are not
# action plans or slides keep their statements.
@pack statements
@version 1
@lang es
finding.identificaron    \bse\s+(?:identific(?:[oó]|aron)|evidenci(?:[oó]|aron)|encontr(?:[oó]|aron)|constat(?:[oó]|aron)|mapearon)\b
finding.mencionan        \blos\s+(?:expertos|participantes|asistentes)\s+(?:mencionan|mencionaron|se[nñ]alan|se[nñ]alaron|identificaron|coinciden|coincidieron|destacaron)\b
finding.problema         \b(?:el|los)\s+problemas?\s+m[aá]s\s+recurrentes?\b|\bse\s+menciona\s+como\s+(?:un\s+)?problema\b|\buna?\s+de\s+las\s+problem[aá]ticas\s+mencionadas\b|\bhallazgos?\b|\bse\s+concluy[oóe]\b|\ben\s+conclusi[oó]n\b
recommendation.recomienda \bse\s+recomienda\b|\brecomendaci[oó]n(?:es)?\b|\bse\s+sugiere\b|\bse\s+propone\b|\bse\s+plantea\s+que\b
recommendation.deberia   \b(?:deber[ií]an?|deber[aá]n?|debe|deben)\s+(?:ser|estar|tener|implementar|fortalecer|promover|garantizar|crear|incluir|publicar|contar|mejorar)\b|\bes\s+(?:necesario|importante|fundamental|clave)\s+(?:que|fortalecer|promover|crear|garantizar|mejorar)\b
