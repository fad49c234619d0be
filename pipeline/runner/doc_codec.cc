#include "pipeline/runner/doc_codec.h"

#include <nlohmann/json.hpp>

namespace planmine {

// Every member of every struct an IndexedDocument holds; the round trip is
// tested (doc_codec_test.cc), and a worker-made index is compared with an
// in-process one end to end.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SourceFile, path, kind, size, mtime, sha256)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(DocumentInfo, title, author, subject,
                                   creator, producer, created, modified)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Attribute, value, source)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(LanguageGuess, code, confidence, reliable)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Box, x0, y0, x1, y1)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(NormalizedBlock, start, end, box, heading,
                                   region, row, col, bold, italic, underline,
                                   font_size, lead_emphasis_words, language,
                                   language_confidence)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Field, key, value, box)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(NormalizedPage, number, width, height, text,
                                   blocks, furniture, fields, source,
                                   word_count, quality, ocr_confidence)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(NormalizedDocument, pages, hyphens_joined,
                                   hyphens_kept)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Sentence, page, block, start, end, language,
                                   text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Milestone, text, due)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ThemeEvidence, theme, text, sentence, score)
// Kinds travel as their names, as in the database.
NLOHMANN_JSON_SERIALIZE_ENUM(CommitmentKind,
                             {{CommitmentKind::kHeading, "heading"},
                              {CommitmentKind::kFicha, "ficha"},
                              {CommitmentKind::kTable, "table"},
                              {CommitmentKind::kStatement, "statement"}})
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Commitment, kind, number, title, first_page,
                                   last_page, first_sentence, last_sentence,
                                   text, pattern_id, themes, theme_evidence,
                                   lead_agency, other_actors,
                                   lead_agency_source, start_date, end_date,
                                   milestones, ogp_values, sections, completion,
                                   completion_text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Statement, kind, pattern_id, sentence, page,
                                   text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ThemeHit, theme, pattern_id, sentence, page,
                                   start, end, text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Entity, type, value, text, detail,
                                   pattern_id, sentence, page, start, end)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Findings, commitments, theme_hits, entities,
                                   statements)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SentenceMatch, sentence, start, end,
                                   captures)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MatchCache, patterns, matches)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(IndexedDocument, file, sha256, status, error,
                                   info, page_count, warnings, title, country,
                                   year, doc_type, plan_cycle, plan_ordinal,
                                   subnational, language, text, sentences,
                                   findings, matches, versions, corrections,
                                   stage_seconds)

std::string EncodeResult(const Result<IndexedDocument>& result) {
  nlohmann::json j;
  if (result.ok()) {
    j["doc"] = *result;
  } else {
    j["code"] = static_cast<int>(result.status().code());
    j["message"] = result.status().message();
  }
  std::vector<std::uint8_t> bytes = nlohmann::json::to_cbor(j);
  return std::string(bytes.begin(), bytes.end());
}

Result<IndexedDocument> DecodeResult(std::string_view bytes) {
  nlohmann::json j = nlohmann::json::from_cbor(bytes.begin(), bytes.end(),
                                               /*strict=*/true,
                                               /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return Internal("worker: unreadable result (" +
                    std::to_string(bytes.size()) + " bytes)");
  if (j.contains("doc")) {
    IndexedDocument doc;
    try {
      j.at("doc").get_to(doc);
    } catch (const nlohmann::json::exception& e) {
      return Internal(std::string("worker: malformed result: ") + e.what());
    }
    return doc;
  }
  return Status(static_cast<StatusCode>(j.value("code", 1)),
                j.value("message", std::string("worker failed")));
}

}  // namespace planmine
