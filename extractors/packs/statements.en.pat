# Typed statements of workshop and meeting reports in English. Groups as in
# statements.es.pat.
@pack statements
@version 1
@lang en
finding.found            \b(?:we|(?:the\s+)?(?:irm(?:\s+researchers?)?|researchers?|participants|experts|panel|group|attendees))\s+(?:found|identified|noted|observed|agreed|highlighted|raised)\b|\bit\s+was\s+(?:found|noted|agreed)\b|\bfindings?\b|\bin\s+conclusion\b
recommendation.recommend \b(?:we\s+)?recommend(?:s|ed)?\b|\brecommendations?\b|\bit\s+is\s+(?:essential|important|necessary)\s+(?:that|to)\b
recommendation.should    \bshould\s+(?:be|consider|ensure|establish|publish|create|include|strengthen|continue|develop|make)\b
