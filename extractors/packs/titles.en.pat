# What is not a document's title, and where a letter keeps its subject, in
# English. Groups as in titles.es.pat.
@pack titles
@version 2
@lang en
contents.contents            ^\W*(?:(?:table\s+of\s+)?contents|index)\W*$
skip.section                 ^\W*(?:(?:\d+|[ivx]+)\s*[.)-]?\s*)?(?:introduction|foreword(?:\s+(?:by|from)\b.*)?|preface|preamble|executive\s+summary|summary|acknowledge?ments|background|context|overview|methodology|objectives?|conclusions?|annex(?:es)?|appendix|appendices|glossary|bibliography|references|credits|about\s+(?:this|the)\s+(?:report|document|guide|plan)|(?:a\s+)?(?:letter|message|note)\s+from\s+the\s+\w+(?:\s+\w+)?)\W*$
skip.generic                 ^\W*(?:draft|confidential|for\s+official\s+use\s+only|page\s*\d*(?:\s*(?:of|/)\s*\d+)?|slide\s*\d*|thank\s+you|questions\??)\W*$
letterhead.institution       ^\W*(?:the\s+)?(?:open\s+government\s+partnership\W*$|white\s+house|executive\s+office\s+of|office\s+of|department\s+(?:of|for)|ministry\s+(?:of|for)|government\s+of|(?:hm|her\s+majesty'?s|his\s+majesty'?s)\s+government|cabinet\s+office|city\s+of|county\s+of|state\s+of|republic\s+of|united\s+states\s+(?:department|office|government))\b[^\d]{0,120}$
dateline.date                ^[^\d]{0,40}?\b(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?(?:(?:[0-3]?\d(?:st|nd|rd|th)?\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+[0-3]?\d(?:st|nd|rd|th)?,?)\s*,?\s*(?:(?:19|20)?\d{2})?\W*$
dateline.edition             ^\W*(?:edition|version|updated?|revised|last\s+updated)\b[^\pL]{0,6}(?:\S+\s*){0,4}\W*$
subject.re                   ^\W*(?:re|subject|regarding)\s*:\s*(?P<subject>\S.{3,})
