# Entities, for every language. Groups: country (key = ISO 3166 code),
# cycle (named groups from, to, ordinal), date (day, month, year), email, url,
# handle (social media), subnational (named group name: the place).
@pack entities
@version 4
@lang any
country.ar   \bargentin[ao]s?\b|\brep[uú]blica\s+argentina\b
country.bo   \bbolivia\b
country.br   \bbra[sz]il\b|\bbrasileir[oa]s?\b
country.ca   \bcanad[aá]\b
country.cl   \bchile\b
country.co   \bcolombia\b|\bcolombian[oa]s?\b
country.cr   \bcosta\s+rica\b
country.do   \brep[uú]blica\s+dominicana\b|\bdominican\s+republic\b
country.ec   \becuador\b
country.gt   \bguatemala\b
country.hn   \bhonduras\b
country.jm   \bjamaica\b
country.mx   \bm[eé]xico\b
country.pa   \bpanam[aá]\b
country.pe   \bper[uú]\b
country.py   \bparagua[iy]\b
country.sv   \bel\s+salvador\b
country.us   \bestados\s+unidos\b|\bunited\s+states\b
country.uy   \burugua[iy]\b
country.gb   \breino\s+unido\b|\bunited\s+kingdom\b|\bthe\s+uk\b|\bgreat\s+britain\b
cycle.plan_years   \b(?:plan(?:o)?\s+(?:de\s+)?(?:acci[oó]n|a[cç][aã]o)|(?:national\s+)?action\s+plan)\b[^.\n]{0,40}?\b(?P<from>(?:19|20)\d{2})\s*[-–/]\s*(?P<to>(?:19|20)?\d{2})\b
cycle.ordinal      \b(?P<ordinal>(?:I{1,3}|IV|VI{0,3}|IX|X|1st|2nd|3rd|[4-9]th|10th|[1-9][ºª°]|primer|primero|primeiro|segundo|tercer|tercero|terceiro|cuarto|quarto|quinto|sexto|s[eé]ptimo|s[eé]timo|octavo|oitavo|first|second|third|fourth|fifth|sixth|seventh|eighth))\s+(?:(?-i:\p{Lu}[\p{L}.]*)\s+){0,4}(?:plan(?:o)?\s+(?:nacional\s+)?(?:de\s+)?(?:acci[oó]n|a[cç][aã]o)|action\s+plan)\b
# Dates: the month words are the dates packs' (dates.{es,pt,en}.pat, group
# month), put in where a pattern names that group in double braces when the
# packs are read (extractors/README.md). A month word there takes the space or
# mark after it with it, hence \s* after the month.
date.dmy     \b(?P<day>[0-3]?\d)\s+(?:de\s+)?(?P<month>{{dates.month}})\s*(?:de\s+|del\s+)?(?P<year>(?:19|20)\d{2})\b
date.mdy     (?P<month>{{dates.month}})\s*(?P<day>[0-3]?\d),?\s+(?P<year>(?:19|20)\d{2})\b
date.my      (?P<month>{{dates.month}})\s*(?:de\s+|del\s+)?(?P<year>(?:19|20)\d{2})\b
date.iso     \b(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b
date.numeric \b(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:19|20)\d{2})\b
email.address \b[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}\b
url.web      \b(?:https?://|www\.)[^\s<>"'()]+
handle.social      (?:^|[\s(])@[A-Za-z0-9_]{2,30}\b
subnational.es     (?i:alcald[ií]a(?:\s+mayor)?|municipio|municipalidad|gobernaci[oó]n|provincia|intendencia|distrito(?:\s+especial)?|gobierno\s+(?:de\s+la\s+ciudad|provincial|municipal))\s+de(?:l)?\s+(?:(?i:la\s+ciudad\s+de)\s+)?(?P<name>(?-i:[A-ZÁÉÍÓÚÑ])\pL+(?:\s+(?:(?i:de(?:l)?)\s+(?:(?i:la)\s+)?)?(?-i:[A-ZÁÉÍÓÚÑ])\pL+){0,3})
subnational.pt     (?i:prefeitura(?:\s+municipal)?|munic[ií]pio|governo\s+do\s+estado|c[aâ]mara\s+municipal)\s+d[eoa]\s+(?P<name>(?-i:[A-ZÁÉÍÓÚÇ])\pL+(?:\s+(?:(?i:d[eoa]s?)\s+)?(?-i:[A-ZÁÉÍÓÚÇ])\pL+){0,3})
subnational.en     (?i:city|county|state|province|borough|municipality)\s+of\s+(?P<name>(?-i:[A-Z])\pL+(?:\s+(?-i:[A-Z])\pL+){0,2})
