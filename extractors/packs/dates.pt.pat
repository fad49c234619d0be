# Month words in Portuguese, for reading dates ("1 de março de 2025",
# "mar/2025"). The miner never runs this pack on sentences: it reads the
# values of date fields with it (extractors/dates_entities.cc).
#   month.<mm>   the month's name and its usual abbreviations
@pack dates
@version 2
@lang pt
month.01    \b(?:janeiro|jan)(?:$|[^\pL\d])
month.02    \b(?:fevereiro|fev)(?:$|[^\pL\d])
month.03    \b(?:mar[cç]o|mar)(?:$|[^\pL\d])
month.04    \b(?:abril|abr)(?:$|[^\pL\d])
month.05    \b(?:maio|mai)(?:$|[^\pL\d])
month.06    \b(?:junho|jun)(?:$|[^\pL\d])
month.07    \b(?:julho|jul)(?:$|[^\pL\d])
month.08    \b(?:agosto|ago)(?:$|[^\pL\d])
month.09    \b(?:setembro|set)(?:$|[^\pL\d])
month.10    \b(?:outubro|out)(?:$|[^\pL\d])
month.11    \b(?:novembro|nov)(?:$|[^\pL\d])
month.12    \b(?:dezembro|dez)(?:$|[^\pL\d])
