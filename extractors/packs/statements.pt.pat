# Typed statements of workshop and meeting reports in Portuguese. Groups as in
# statements.es.pat.
@pack statements
@version 1
@lang pt
finding.constatou        \bconstatou-se\b|\bidentificou-se\b|\bverificou-se\b|\bforam\s+(?:identificad[oa]s|apontad[oa]s|levantad[oa]s)\b
finding.participantes    \bos\s+(?:participantes|especialistas|presentes)\s+(?:apontaram|destacaram|identificaram|mencionaram|relataram)\b|\bprincipais\s+problemas\b|\bconclus[aã]o\b
recommendation.recomenda \brecomenda-se\b|\brecomenda[cç](?:[aã]o|[oõ]es)\b|\bsugere-se\b|\bprop[oõ]e-se\b
recommendation.deve      \b(?:deve|devem|deveria|deveriam)\s+(?:ser|estar|ter|implementar|fortalecer|promover|garantir|criar|incluir|publicar|contar|melhorar)\b|\b[eé]\s+(?:necess[aá]rio|importante|fundamental)\s+que\b
