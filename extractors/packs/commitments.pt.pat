# Commitments in Portuguese. See commitments.es.pat.
@pack commitments
@version 1
@lang pt
heading.compromisso     ^compromisso\s*(?:n\s*[º°o]?\.?\s*|n[uú]mero\s*|#\s*)?(?P<number>\d{1,3}(?:\.\d{1,2})?)\s*(?:[:.\-–—)]\s*(?P<title>.*)|\s*$)
statement.compromete_se \bcompromete-se\s+a\b|\bse\s+compromete\s+a\b
statement.nos_comprometemos \bnos\s+comprometemos\s+a\b|\bcomprometemo-nos\s+a\b
statement.governo_ira   \bo\s+(?:governo|minist[eé]rio|munic[ií]pio|estado)\b[^.]{0,80}?\b(?:ir[aá]|vai|implementar[aá]|desenvolver[aá]|criar[aá]|publicar[aá])\b
