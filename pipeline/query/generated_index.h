// A generated index for the query tests: documents of generated sentences
// in es, pt, en and other languages, written straight into a fresh store.
#ifndef PLANMINE_QUERY_GENERATED_INDEX_H_
#define PLANMINE_QUERY_GENERATED_INDEX_H_

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "pipeline/load/fts_rank.h"
#include "pipeline/load/fts_tokenizer.h"
#include "pipeline/load/store.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
namespace testing {

// An index of generated sentences: documents in es, pt, en and other
// languages, headings and titles, lengths from 1 to 40 words, some words
// common and some rare, so that some searches stop after the tiers and
// some do not.
class GeneratedIndex {
 public:
  explicit GeneratedIndex(int documents, int sentences_per_document,
                          unsigned seed = 7) {
    auto store = Store::Open(dir_.File("g.sqlite"));
    REQUIRE(store.ok());
    store_ = std::move(*store);
    std::mt19937 rng(seed);
    const char* languages[] = {"es", "pt", "en", "es", "fr", nullptr};
    const char* countries[] = {"CO", "BR", "US", "MX", "FR", "UY"};
    // Per language: common words, then rare ones.
    const std::vector<std::vector<std::string>> words = {
        {"transparencia", "datos",        "abiertos",  "gobierno",
         "participación", "ciudadana",    "rendición", "de",
         "cuentas",       "la",           "el",        "plan",
         "compromiso",    "información",  "acceso",    "pública",
         "presupuesto",   "contratación", "municipio", "beneficiarios",
         "finales"},
        {"transparência", "dados", "abertos", "governo", "participação",
         "social", "prestação", "de", "contas", "o", "a", "plano",
         "compromisso", "informação", "acesso", "pública", "orçamento"},
        {"transparency", "open", "data", "government", "participation",
         "citizen", "accountability", "of", "the", "plan", "commitment",
         "information", "access", "public", "budget", "contracting"},
        {"transparencia", "données", "ouvertes", "gouvernement", "de", "la",
         "participation", "citoyenne"},
    };
    REQUIRE(Exec("BEGIN"));
    int64_t seq = 0;
    for (int d = 1; d <= documents; ++d) {
      const char* lang = languages[d % 6];
      const auto& vocab = words[lang == nullptr             ? 0
                                : std::string(lang) == "pt" ? 1
                                : std::string(lang) == "en" ? 2
                                : std::string(lang) == "fr" ? 3
                                                            : 0];
      REQUIRE(Exec(
          "INSERT INTO documents (id, path, sha256, size, mtime, kind, "
          "status, ingested_at, title, country, year, doc_type, language) "
          "VALUES (" +
          std::to_string(d) + ", '/g/" + std::to_string(d) + ".pdf', '" +
          std::to_string(100000 + d) + "', 0, 0, 'pdf', 'ok', '', 'Doc', '" +
          countries[d % 6] + "', " + std::to_string(2013 + d % 8) + ", '" +
          (d % 3 == 0 ? "report" : "action_plan") + "', " +
          (lang ? "'" + std::string(lang) + "'" : "NULL") + ")"));
      for (int i = 0; i < sentences_per_document; ++i) {
        // Lengths: many short, a long tail.
        int n =
            1 + static_cast<int>(std::exponential_distribution<>(0.08)(rng));
        n = std::min(n, 40);
        std::string text;
        for (int w = 0; w < n; ++w) {
          // Skewed: the first words of the list far more often.
          size_t k = static_cast<size_t>(std::min<double>(
              vocab.size() - 1, std::exponential_distribution<>(0.25)(rng)));
          text += (w ? " " : "") + vocab[k];
        }
        const int roll = static_cast<int>(rng() % 100);
        const SentenceWeight weight = roll < 8   ? kHeading
                                      : roll < 9 ? kTitle
                                                 : kBodyText;
        // Some sentences of unknown length (words 0).
        const int stored_words = roll == 99 ? 0 : CountWords(text);
        const int64_t id = SentenceId(++seq, weight, stored_words);
        auto s = db().Prepare(
            "INSERT INTO sentences (id, doc_id, seq, page, block, start, end, "
            "language, text) VALUES (?1, ?2, ?3, ?6, 0, 0, 0, ?4, ?5)");
        REQUIRE(s.ok());
        s->Bind(1, id).Bind(2, d).Bind(3, i).Bind(6, 1 + i / 10);
        if (lang) s->Bind(4, lang);
        s->Bind(5, text);
        REQUIRE(s->Run().ok());
      }
    }
    REQUIRE(Exec("COMMIT"));
  }
  Db& db() { return store_->db(); }
  // Records each document's first and last sentence id, as Store does.
  bool FillSpans() {
    return Exec(
        "UPDATE documents SET first_sentence_id = (SELECT min(id) FROM "
        "sentences WHERE doc_id = documents.id), last_sentence_id = (SELECT "
        "max(id) FROM sentences WHERE doc_id = documents.id)");
  }
  std::string path() const { return dir_.File("g.sqlite"); }
  void Close() { store_.reset(); }
  void Reopen() {
    auto store = Store::Open(path());
    REQUIRE(store.ok());
    store_ = std::move(*store);
  }
  bool Exec(const std::string& sql) { return db().Exec(sql).ok(); }

 private:
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace testing
}  // namespace planmine

#endif  // PLANMINE_QUERY_GENERATED_INDEX_H_
