# Metadata titles that are no title: what office programs and scanners write
# when the author wrote none. The title finder (pipeline/classify/title.h)
# ignores a metadata title that matches.
#   placeholder.*  a program's default title, or a file name
@pack titles
@version 1
@lang any
placeholder.office           ^\W*(?:microsoft\s+(?:word|powerpoint|excel)\s*-|powerpoint\s+presentation|presentaci[oó]n\s+de\s+powerpoint|apresenta[cç][aã]o\s+do\s+powerpoint|untitled|sin\s+t[ií]tulo|sem\s+t[ií]tulo|t[ií]tulo|title|documento?\s*\d*|presentation\d*|slide\s*\d*|imagen\s+escaneada|imagem\s+digitalizada|scanned\s+(?:image|document)|escaneo|scan\d*)\W*$|^microsoft\s+(?:word|powerpoint)\s*-
placeholder.file             \.(?:docx?|pptx?|xlsx?|odt|odp|indd|pdf|rtf|txt|key|pages)\W*$|^[^\s]*[-_][^\s]*$
