# Month words in English, for reading dates ("March 1, 2025", "Mar 2025").
# The miner never runs this pack on sentences: it reads the values of date
# fields with it (extractors/dates_entities.cc).
#   month.<mm>   the month's name and its usual abbreviations
@pack dates
@version 2
@lang en
month.01    \b(?:january|jan)(?:$|[^\pL\d])
month.02    \b(?:february|feb)(?:$|[^\pL\d])
month.03    \b(?:march|mar)(?:$|[^\pL\d])
month.04    \b(?:april|apr)(?:$|[^\pL\d])
month.05    \bmay(?:$|[^\pL\d])
month.06    \b(?:june|jun)(?:$|[^\pL\d])
month.07    \b(?:july|jul)(?:$|[^\pL\d])
month.08    \b(?:august|aug)(?:$|[^\pL\d])
month.09    \b(?:september|sept?)(?:$|[^\pL\d])
month.10    \b(?:october|oct)(?:$|[^\pL\d])
month.11    \b(?:november|nov)(?:$|[^\pL\d])
month.12    \b(?:december|dec)(?:$|[^\pL\d])
