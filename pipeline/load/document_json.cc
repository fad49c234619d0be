#include "pipeline/load/document_json.h"

#include <cstdlib>

namespace planmine {

nlohmann::ordered_json DocumentJson(const IndexedDocument& d) {
  using J = nlohmann::ordered_json;
  J j;
  j["path"] = d.file.path;
  j["sha256"] = d.sha256;
  j["status"] = d.status;
  if (!d.error.empty()) j["error"] = d.error;
  j["language"] = d.language.code;
  j["language_confidence"] = d.language.confidence;
  // Unknown values are null; the year is a number.
  auto text = [](const std::string& v) { return v.empty() ? J() : J(v); };
  j["country"] = text(d.country.value);
  j["doc_type"] = text(d.doc_type.value);
  j["title"] = text(d.title.value);
  j["year"] = d.year.value.empty() ? J() : J(std::atoi(d.year.value.c_str()));
  j["plan_cycle"] = text(d.plan_cycle.value);
  j["subnational"] = text(d.subnational.value);
  j["evidence"] = {{"title", d.title.source},
                   {"country", d.country.source},
                   {"year", d.year.source},
                   {"doc_type", d.doc_type.source},
                   {"plan_cycle", d.plan_cycle.source},
                   {"subnational", d.subnational.source}};
  j["page_count"] = d.page_count;
  j["metadata"] = {{"title", d.info.title},       {"author", d.info.author},
                   {"subject", d.info.subject},   {"creator", d.info.creator},
                   {"producer", d.info.producer}, {"created", d.info.created},
                   {"modified", d.info.modified}};
  j["warnings"] = d.warnings;
  j["versions"] = d.versions;
  J pages = J::array();
  for (const auto& p : d.text.pages) {
    J blocks = J::array();
    for (const auto& b : p.blocks) {
      J block = {{"start", b.start},
                 {"end", b.end},
                 {"bbox", {b.box.x0, b.box.y0, b.box.x1, b.box.y1}},
                 {"heading", b.heading},
                 {"region", b.region},
                 {"bold", b.bold},
                 {"italic", b.italic},
                 {"underline", b.underline},
                 {"font_size", b.font_size},
                 {"lead_emphasis_words", b.lead_emphasis_words},
                 {"language", b.language}};
      if (b.row >= 0) {
        block["row"] = b.row;
        block["col"] = b.col;
      }
      blocks.push_back(std::move(block));
    }
    pages.push_back(
        {{"number", p.number},
         {"source", TextSourceName(p.source)},
         {"quality", p.quality},
         {"ocr_confidence", p.ocr_confidence < 0
                                ? nlohmann::ordered_json()
                                : nlohmann::ordered_json(p.ocr_confidence)},
         {"text", p.text},
         {"furniture", p.furniture},
         {"fields",
          [&] {
            nlohmann::ordered_json fs = nlohmann::ordered_json::array();
            for (const auto& f : p.fields)
              fs.push_back({{"key", f.key}, {"value", f.value}});
            return fs;
          }()},
         {"blocks", blocks}});
  }
  j["pages"] = pages;
  J sentences = J::array();
  for (const auto& s : d.sentences)
    sentences.push_back({{"page", s.page},
                         {"language", s.language},
                         {"start", s.start},
                         {"end", s.end},
                         {"text", s.text}});
  j["sentences"] = sentences;
  J commitments = J::array();
  for (const auto& c : d.findings.commitments) {
    J milestones = J::array();
    for (const Milestone& m : c.milestones)
      milestones.push_back({{"text", m.text}, {"due", m.due}});
    J evidence = J::array();
    for (const ThemeEvidence& e : c.theme_evidence)
      evidence.push_back({{"id", e.theme},
                          {"match", e.text},
                          {"where", e.sentence < 0 ? "title" : "text"},
                          {"score", e.score}});
    commitments.push_back({{"kind", CommitmentKindName(c.kind)},
                           {"number", c.number},
                           {"title", c.title},
                           {"first_page", c.first_page},
                           {"last_page", c.last_page},
                           {"lead_agency", c.lead_agency},
                           {"lead_agency_source", c.lead_agency_source},
                           {"other_actors", c.other_actors},
                           {"start_date", c.start_date},
                           {"end_date", c.end_date},
                           {"milestones", milestones},
                           {"ogp_values", c.ogp_values},
                           {"completion", c.completion},
                           {"completion_text", c.completion_text},
                           {"sections", c.sections},
                           {"themes", c.themes},
                           {"theme_evidence", evidence},
                           {"text", c.text}});
  }
  j["commitments"] = commitments;
  J typed = J::array();
  for (const Statement& st : d.findings.statements)
    typed.push_back({{"kind", st.kind},
                     {"page", st.page},
                     {"text", st.text},
                     {"pattern", st.pattern_id}});
  j["statements"] = typed;
  J hits = J::array();
  for (const auto& h : d.findings.theme_hits)
    hits.push_back({{"id", h.theme},
                    {"page", h.page},
                    {"match", h.text},
                    {"sentence", d.sentences[h.sentence].text},
                    {"start", h.start},
                    {"end", h.end},
                    {"pattern", h.pattern_id}});
  j["theme_hits"] = hits;
  J ents = J::array();
  for (const auto& e : d.findings.entities) {
    J one = {{"type", e.type}, {"value", e.value}, {"text", e.text},
             {"page", e.page}, {"start", e.start}, {"end", e.end}};
    if (!e.detail.empty()) one["acronym"] = e.detail;
    ents.push_back(std::move(one));
  }
  j["entities"] = ents;
  return j;
}

}  // namespace planmine
