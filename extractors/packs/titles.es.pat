# What is not a document's title, and where a letter keeps its subject, in
# Spanish. The title finder (pipeline/classify/title.h) matches each group
# against a whole block of the first pages (or a metadata title):
#   contents.*    the heading of a table of contents ("ÍNDICE"): its page is
#                 not a cover
#   skip.*        a section heading or a generic word that names no document
#                 ("Introducción", "Presentación", "Anexos")
#   letterhead.*  an institution's name alone, without a number: the sender
#                 or publisher, not the title
#   dateline.*    a date, a place and date, or an edition line
#   subject.*     a letter's subject line; named group `subject` is the title
@pack titles
@version 2
@lang es
contents.indice              ^\W*(?:[ií]ndice(?:\s+general|\s+de\s+contenidos?)?|contenidos?|tabla\s+de\s+contenidos?|sumario)\W*$
skip.seccion                 ^\W*(?:(?:\d+|[ivx]+)\s*[.)-]?\s*)?(?:introducci[oó]n|presentaci[oó]n|pr[oó]logo|pre[aá]mbulo|resumen(?:\s+ejecutivo)?|agradecimientos|antecedentes|objetivos?|contexto|metodolog[ií]a|conclusi[oó]n(?:es)?|anexos?|ap[eé]ndices?|glosario|bibliograf[ií]a|referencias|cr[eé]ditos|carta\s+(?:del|de\s+la)\s+\w+(?:\s+\w+)?|mensaje\s+(?:del|de\s+la)\s+\w+(?:\s+\w+)?)\W*$
skip.generico                ^\W*(?:borrador|versi[oó]n\s+(?:preliminar|final|borrador)|documento\s+(?:de\s+trabajo|borrador)|confidencial|p[aá]gina\s*\d*(?:\s*(?:de|/)\s*\d+)?|diapositiva\s*\d*)\W*$
letterhead.institucion       ^\W*(?:(?:la\s+)?alianza\s+para\s+el\s+gobierno\s+abierto\W*$|coordinaci[oó]n\s+(?:de|del|general|nacional)|rep[uú]blica\s+(?:de|del|oriental)|ministerio|secretar[ií]a|subsecretar[ií]a|municipalidad|alcald[ií]a|gobernaci[oó]n|gobierno\s+(?:de|del|nacional|provincial|municipal)|presidencia|vicepresidencia|departamento\s+(?:administrativo|nacional)|direcci[oó]n\s+(?:nacional|general)|intendencia|concejo|congreso|poder\s+(?:ejecutivo|legislativo|judicial)|provincia\s+de|estado\s+de)\b[^\d]{0,120}$
dateline.fecha               ^[^\d]{0,40}?\b(?:(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo),?\s+)?(?:[0-3]?\d\s*(?:de\s*)?)?(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|se?tiembre|octubre|noviembre|diciembre)\s*(?:de\s*|del\s*|,\s*)?(?:19|20)\d{2}\W*$
dateline.dia                 ^\W*(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo),?\s+[0-3]?\d\s+de\s+
dateline.edicion             ^\W*(?:edici[oó]n|versi[oó]n|actualizaci[oó]n)\b[^\pL]{0,6}(?:\S+\s*){0,4}\W*$
subject.asunto               ^\W*(?:asunto|ref(?:erencia)?\.?)\s*:\s*(?P<subject>\S.{3,})
