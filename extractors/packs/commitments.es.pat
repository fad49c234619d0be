# Commitments in Spanish.
#   heading.*    a numbered commitment heading at the start of a sentence;
#                named groups: number (required), title (optional)
#   statement.*  a sentence that states a commitment
@pack commitments
@version 1
@lang es
heading.compromiso      ^compromiso\s*(?:n(?:ro|[uú]m|o)?\s*\.?\s*|n\s*[º°o]\.?\s*|#\s*)?(?P<number>\d{1,3}(?:\.\d{1,2})?)\s*(?:[:.\-–—)]\s*(?P<title>.*)|\s*$)
statement.se_compromete \bse\s+compromete(?:n|r[aá]n?)?\s+a\b
statement.nos_comprometemos \bnos\s+comprometemos\s+a\b
statement.gobierno_hara \b(?:el|la)\s+(?:gobierno|ministerio|secretar[ií]a|alcald[ií]a|gobernaci[oó]n|municipalidad|agencia)\b[^.]{0,80}?\b(?:implementar[aá]|desarrollar[aá]|crear[aá]|publicar[aá]|pondr[aá]|dise[nñ]ar[aá]|fortalecer[aá]|promover[aá])\b
