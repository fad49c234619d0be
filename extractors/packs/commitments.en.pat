# Commitments in English. See commitments.es.pat.
@pack commitments
@version 1
@lang en
heading.commitment      ^commitment\s*(?:no\.?\s*|number\s*|#\s*)?(?P<number>\d{1,3}(?:\.\d{1,2})?)\s*(?:[:.\-–—)]\s*(?P<title>.*)|\s*$)
statement.government_will \b(?:the\s+)?(?:uk\s+)?(?:government|department|ministry|cabinet\s+office|council|agency)\s+will\b
statement.we_will       \bwe\s+will\s+(?:publish|create|develop|establish|implement|introduce|consult|work|launch|make|ensure|set\s+up)\b
statement.commits_to    \b(?:commits?|committed|pledges?)\s+to\s+(?:publish|create|develop|establish|implement|introduce|make|ensure)\b
