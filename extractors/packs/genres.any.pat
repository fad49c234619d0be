# Time ranges and clock times, in every language: an agenda is a page of
# them (pipeline/classify/doc_type.h counts them against the words around).
#   time_range.*  "9:00–9:30", "10:00 AM - 10:15 AM", "14h às 16h",
#                 "10.00-11.30", or a single time with a.m./p.m.
@pack genres
@version 1
@lang any
time_range.range             \b[0-2]?\d[:.h][0-5]\d\s*(?:[ap]\.?\s?m\.?|hrs?\.?|h)?\s*(?:[-–—]|\bto\b|\ba\b|\bàs?\b|\baté\b|\bhasta\b)\s*[0-2]?\d(?:[:.h][0-5]\d)?\s*(?:[ap]\.?\s?m\.?|hrs?|h)?
time_range.hour_range        \b[0-2]?\dh\s*(?:[-–—]|\bàs?\b|\baté\b|\ba\b)\s*[0-2]?\dh\b
time_range.clock             \b[0-1]?\d(?::[0-5]\d)?\s*(?-i:[ap]\.\s?m\.|[AaPp][Mm])(?:[^\pL]|$)
