# What is not a document's title, and where a letter keeps its subject, in
# Portuguese. Groups as in titles.es.pat.
@pack titles
@version 2
@lang pt
contents.sumario             ^\W*(?:sum[aá]rio|[ií]ndice(?:\s+geral)?|conte[uú]dos?)\W*$
skip.secao                   ^\W*(?:(?:\d+|[ivx]+)\s*[.)-]?\s*)?(?:introdu[cç][aã]o|apresenta[cç][aã]o|pref[aá]cio|pre[aâ]mbulo|resumo(?:\s+executivo)?|agradecimentos|antecedentes|objetivos?|contexto|metodologia|conclus[aãõo]+(?:es)?|anexos?|ap[eê]ndices?|gloss[aá]rio|bibliografia|refer[eê]ncias|cr[eé]ditos|ficha\s+t[eé]cnica|carta\s+(?:do|da)\s+\w+(?:\s+\w+)?|mensagem\s+(?:do|da)\s+\w+(?:\s+\w+)?)\W*$
skip.generico                ^\W*(?:rascunho|minuta|vers[aã]o\s+(?:preliminar|final)|documento\s+de\s+trabalho|confidencial|p[aá]gina\s*\d*(?:\s*(?:de|/)\s*\d+)?|slide\s*\d*)\W*$
letterhead.instituicao       ^\W*(?:(?:a\s+)?parceria\s+(?:para\s+(?:o\s+)?)?governo\s+aberto\W*$|coordenadoria|diretoria|superintend[eê]ncia|rep[uú]blica\s+federativa|minist[eé]rio|secretaria|prefeitura|governo\s+(?:do|da|de|federal|estadual|municipal)|presid[eê]ncia|controladoria|c[aâ]mara\s+municipal|assembleia|tribunal|poder\s+(?:executivo|legislativo|judici[aá]rio)|estado\s+d[eo])\b[^\d]{0,120}$
dateline.data                ^[^\d]{0,40}?\b(?:(?:segunda|ter[cç]a|quarta|quinta|sexta)(?:-feira)?,?\s+|(?:s[aá]bado|domingo),?\s+)?(?:[0-3]?\d\s*(?:de\s*)?)?(?:janeiro|fevereiro|mar[cç]o|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro)\s*(?:de\s*|,\s*|/\s*)?(?:19|20)\d{2}\W*$
dateline.dia                 ^\W*(?:(?:segunda|ter[cç]a|quarta|quinta|sexta)(?:-feira)?|s[aá]bado|domingo),?\s+[0-3]?\d\s+de\s+
dateline.edicao              ^\W*(?:edi[cç][aã]o|vers[aã]o|atualiza[cç][aã]o)\b[^\pL]{0,6}(?:\S+\s*){0,4}\W*$
subject.assunto              ^\W*(?:assunto|ref(?:er[eê]ncia)?\.?)\s*:\s*(?P<subject>\S.{3,})
