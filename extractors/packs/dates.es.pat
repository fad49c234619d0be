# Month words in Spanish, for reading dates ("1 de marzo de 2025", "Mar
# 2025", "marzo/2025"). The miner never runs this pack on sentences: it
# reads the values of date fields with it (extractors/dates_entities.cc),
# turning each month word into its number before the date forms are read.
#   month.<mm>   the month's name and its usual abbreviations
@pack dates
@version 2
@lang es
month.01    \b(?:enero|ene)(?:$|[^\pL\d])
month.02    \b(?:febrero|feb)(?:$|[^\pL\d])
month.03    \b(?:marzo|mar)(?:$|[^\pL\d])
month.04    \b(?:abril|abr)(?:$|[^\pL\d])
month.05    \b(?:mayo|may)(?:$|[^\pL\d])
month.06    \b(?:junio|jun)(?:$|[^\pL\d])
month.07    \b(?:julio|jul)(?:$|[^\pL\d])
month.08    \b(?:agosto|ago)(?:$|[^\pL\d])
month.09    \b(?:septiembre|setiembre|sept?)(?:$|[^\pL\d])
month.10    \b(?:octubre|oct)(?:$|[^\pL\d])
month.11    \b(?:noviembre|nov)(?:$|[^\pL\d])
month.12    \b(?:diciembre|dic)(?:$|[^\pL\d])
