// make_corpus: writes planmine's bundled sample corpus with its ground truth.
//
//   make_corpus OUT_DIR     -> OUT_DIR/docs/*.pdf, OUT_DIR/truth/*.txt
//
// Each PDF is drawn with cairo (DejaVu Sans) so that its text layer is exact;
// beside it, truth/NAME.txt holds the body text a perfect extractor returns:
// pages separated by form feeds, paragraphs by blank lines, running headers,
// footers, page numbers and rotated margin labels left out, line-end
// hyphenation undone where the word is split ("transpa|rencia") and kept for
// compounds ("público-|privada"), ligatures expanded, list bullets as "•".
// Deterministic: the same build writes the same text.
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

// Replaces every occurrence of `from` in `s`.
std::string ReplaceAll(std::string s, const std::string& from,
                       const std::string& to) {
  size_t at = 0;
  while ((at = s.find(from, at)) != std::string::npos) {
    s.replace(at, from.size(), to);
    at += to.size();
  }
  return s;
}

// What a word of the source looks like in the truth file.
std::string TruthWord(const std::string& w) {
  std::string t = ReplaceAll(w, "|", "");
  t = ReplaceAll(t, "\xEF\xAC\x81", "fi");  // ﬁ
  t = ReplaceAll(t, "\xEF\xAC\x82", "fl");  // ﬂ
  return t;
}

class Writer {
 public:
  Writer(const std::string& path, double w, double h) : w_(w), h_(h) {
    surface_ = cairo_pdf_surface_create(path.c_str(), w, h);
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR,
                                   "planmine make_corpus");
    cr_ = cairo_create(surface_);
    SetColumn(60, w - 60);
    y_ = 90;
  }
  ~Writer() {
    cairo_destroy(cr_);
    cairo_surface_finish(surface_);
    cairo_surface_destroy(surface_);
  }

  void SetTitle(const char* title) {
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title);
  }
  void SetColumn(double x0, double x1) {
    x0_ = x0;
    x1_ = x1;
  }
  void SetY(double y) { y_ = y; }
  double y() const { return y_; }

  // Running furniture drawn on every page (not in the truth).
  void SetFurniture(std::string header, std::string footer_fmt) {
    header_ = std::move(header);
    footer_fmt_ = std::move(footer_fmt);
  }
  void SetMarginLabel(std::string label) { margin_label_ = std::move(label); }
  // Draw each page's paragraphs in a shuffled order (as InDesign often
  // writes text frames); the positions, and so the true order, are unchanged.
  void SetShuffled(bool on) { shuffled_ = on; }

  void Heading(const std::string& text, double size) {
    Paragraph(text, size, true, 0);
    y_ += size * 0.3;
  }
  void Para(const std::string& text, double size = 10.5) {
    Paragraph(text, size, false, 0);
  }
  void Bullet(const std::string& text, double size = 10.5,
              const char* glyph = "\xE2\x80\xA2") {
    Font(size, false);
    cairo_move_to(cr_, x0_, y_ + size);
    cairo_show_text(cr_, glyph);
    Paragraph(text, size, false, 14, /*truth_prefix=*/"\xE2\x80\xA2 ");
  }
  // A two-column key/value table row, drawn with a rule below.
  void KeyValue(const std::string& key, const std::string& value,
                double size = 10) {
    double split = x0_ + (x1_ - x0_) * 0.32;
    double top = y_;
    double save1 = x1_;
    x1_ = split - 8;
    double key_y = DrawWrapped(key, size, true, 0, nullptr);
    x1_ = save1;
    double save0 = x0_;
    x0_ = split;
    y_ = top;
    double val_y = DrawWrapped(value, size, false, 0, nullptr);
    x0_ = save0;
    y_ = std::max(key_y, val_y) + 4;
    cairo_set_line_width(cr_, 0.5);
    cairo_move_to(cr_, x0_, y_);
    cairo_line_to(cr_, x1_, y_);
    cairo_stroke(cr_);
    y_ += 6;
    AddTruth(TruthText(key) + " " + TruthText(value));
  }

  void EndPage() {
    ++page_;
    if (shuffled_) {
      // Deterministic shuffle of paragraph groups (a fixed LCG, no <random>
      // distribution differences between libraries).
      std::vector<size_t> order(frames_.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      unsigned state = 12345u + page_;
      for (size_t i = order.size(); i > 1; --i) {
        state = state * 1103515245u + 12345u;
        std::swap(order[i - 1], order[(state >> 16) % i]);
      }
      for (size_t k : order)
        for (const Op& op : frames_[k]) {
          Font(op.size, op.bold);
          cairo_move_to(cr_, op.x, op.y);
          cairo_show_text(cr_, op.text.c_str());
        }
      frames_.clear();
    }
    if (!header_.empty()) {
      meta_ += "furniture\t" + header_ + "\n";
      Font(8, false);
      cairo_move_to(cr_, x_margin_left(), 40);
      cairo_show_text(cr_, header_.c_str());
    }
    if (!footer_fmt_.empty()) {
      char buf[200];
      snprintf(buf, sizeof buf, footer_fmt_.c_str(), page_);
      meta_ += std::string("furniture\t") + buf + "\n";
      Font(8, false);
      cairo_text_extents_t ext;
      cairo_text_extents(cr_, buf, &ext);
      cairo_move_to(cr_, (w_ - ext.x_advance) / 2, h_ - 30);
      cairo_show_text(cr_, buf);
    }
    if (!margin_label_.empty()) {
      meta_ += "furniture\t" + margin_label_ + "\n";
      cairo_save(cr_);
      Font(7, false);
      cairo_move_to(cr_, 25, h_ - 120);
      cairo_rotate(cr_, -1.5707963);
      cairo_show_text(cr_, margin_label_.c_str());
      cairo_restore(cr_);
    }
    cairo_show_page(cr_);
    pages_.push_back(current_);
    current_.clear();
    y_ = 90;
  }

  // furniture<TAB>text and compound<TAB>word lines for the benchmark.
  const std::string& Meta() const { return meta_; }

  std::string Truth() const {
    std::string out;
    for (size_t i = 0; i < pages_.size(); ++i) {
      if (i) out += "\f";
      out += pages_[i];
      out += "\n";
    }
    return out;
  }

 private:
  double x_margin_left() const { return 60; }

  void Font(double size, bool bold) {
    cairo_select_font_face(
        cr_, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
        bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
  }

  static std::string TruthText(const std::string& text) {
    std::string out;
    for (const std::string& w : Split(text)) {
      if (!out.empty()) out += ' ';
      out += TruthWord(w);
    }
    return out;
  }

  void AddTruth(const std::string& para) {
    if (!current_.empty()) current_ += "\n\n";
    current_ += para;
  }

  // Greedy wrap; a word with '|' is forced to break there with a hyphen
  // (or after its own hyphen when the part before '|' ends in '-').
  double DrawWrapped(const std::string& text, double size, bool bold,
                     double indent, const char*) {
    Font(size, bold);
    double lead = size * 1.35;
    std::vector<std::string> words = Split(text);
    std::string line;
    double x = x0_ + indent;
    auto width = [&](const std::string& s) {
      cairo_text_extents_t e;
      cairo_text_extents(cr_, s.c_str(), &e);
      return e.x_advance;
    };
    if (shuffled_) frames_.emplace_back();
    auto flush = [&](const std::string& l) {
      if (shuffled_) {
        frames_.back().push_back({x, y_ + size, size, bold, l});
      } else {
        cairo_move_to(cr_, x, y_ + size);
        cairo_show_text(cr_, l.c_str());
      }
      y_ += lead;
    };
    for (const std::string& w : words) {
      size_t bar = w.find('|');
      if (bar != std::string::npos) {
        std::string head = w.substr(0, bar), tail = w.substr(bar + 1);
        if (head.back() == '-') meta_ += "compound\t" + TruthWord(w) + "\n";
        std::string shown_head = head.back() == '-' ? head : head + "-";
        std::string cand = line.empty() ? shown_head : line + " " + shown_head;
        if (width(cand) > x1_ - x) {
          flush(line);
          cand = shown_head;
        }
        flush(cand);
        line = tail;
        continue;
      }
      std::string cand = line.empty() ? w : line + " " + w;
      if (width(cand) > x1_ - x && !line.empty()) {
        flush(line);
        line = w;
      } else {
        line = cand;
      }
    }
    if (!line.empty()) flush(line);
    return y_;
  }

  void Paragraph(const std::string& text, double size, bool bold, double indent,
                 const char* truth_prefix = "") {
    DrawWrapped(text, size, bold, indent, nullptr);
    y_ += size * 0.6;
    AddTruth(std::string(truth_prefix) + TruthText(text));
  }

  cairo_surface_t* surface_;
  cairo_t* cr_;
  double w_, h_, x0_ = 60, x1_ = 535, y_ = 90;
  int page_ = 0;
  std::string header_, footer_fmt_, margin_label_;
  struct Op {
    double x, y, size;
    bool bold;
    std::string text;
  };
  bool shuffled_ = false;
  std::vector<std::vector<Op>> frames_;
  std::string meta_;
  std::string current_;
  std::vector<std::string> pages_;
};

void Save(const fs::path& out, const std::string& name, const Writer& w) {
  std::ofstream(out / "truth" / (name + ".txt"), std::ios::binary) << w.Truth();
  if (!w.Meta().empty())
    std::ofstream(out / "truth" / (name + ".meta"), std::ios::binary)
        << w.Meta();
}

constexpr double kA4W = 595, kA4H = 842;

void PlanEs(const fs::path& out) {
  const std::string name = "co-plan-accion-demo-2021-2023";
  Writer w((out / "docs" / (name + ".pdf")).string(), kA4W, kA4H);
  w.SetTitle(
      "Plan de Acción Nacional de Gobierno Abierto 2021-2023 (documento de "
      "ejemplo)");
  w.SetFurniture("Plan de Acción Nacional de Gobierno Abierto 2021-2023",
                 "Página %d de 3");
  w.Heading("Plan de Acción Nacional de Gobierno Abierto 2021-2023", 18);
  w.Para(
      "Este documento de ejemplo reúne los compromisos que el Gobierno de "
      "Colombia presenta a la Alianza para el "
      "Gobierno Abierto. Fue construido con participación ciudadana en "
      "talleres realizados en Bogotá, Medellín y "
      "Cali entre el 15 de marzo de 2021 y el 30 de abril de 2021.");
  w.Para(
      "La transparencia es el eje del plan. Cada compromiso indica la entidad "
      "responsable, las fechas y los hitos "
      "verificables. La ﬁnanciación proviene del presupuesto nacional y de la "
      "cooperación internacional.");
  w.Heading("Compromisos", 14);
  w.Heading("Compromiso 1: Datos abiertos de contratación pública", 12);
  w.Para(
      "La Agencia Nacional de Contratación se compromete a publicar todos los "
      "contratos del Estado en formato de "
      "datos abiertos, siguiendo el estándar de contratación abierta, para "
      "mejorar la transpa|rencia y reducir los "
      "riesgos de corrupción en las compras públicas.");
  w.Para(
      "El compromiso incluye una alianza público-|privada con cámaras de "
      "comercio y organizaciones de la sociedad "
      "civil para revisar la calidad de los datos publicados.");
  w.Bullet(
      "Publicar el 100 % de los contratos en el portal de datos abiertos.");
  w.Bullet("Capacitar a 500 servidores públicos en el uso de los datos.");
  w.EndPage();
  w.Heading("Ficha del compromiso 1", 12);
  w.KeyValue("Fecha de inicio", "1 de julio de 2021");
  w.KeyValue("Fecha de término", "30 de junio de 2023");
  w.KeyValue("Institución responsable",
             "Agencia Nacional de Contratación Pública");
  w.KeyValue("Otros actores",
             "Transparencia por Colombia, cámaras de comercio");
  w.KeyValue("Valores OGP", "Acceso a la información, rendición de cuentas");
  w.Heading("Compromiso 2: Registro de beneficiarios finales", 12);
  w.Para(
      "El Ministerio de Hacienda implementará un registro público de "
      "beneficiarios finales de las sociedades "
      "que contratan con el Estado, de acuerdo con los estándares "
      "internacionales contra el lavado de activos y "
      "la corrupción.");
  w.Para(
      "El registro será consultable en línea y sus datos se publicarán como "
      "datos abiertos, con actualización "
      "trimestral y verificación cruzada con el registro mercantil.");
  w.EndPage();
  w.Heading("Compromiso 3: Participación ciudadana en el presupuesto", 12);
  w.Para(
      "Las alcaldías de Bogotá, Medellín y Cali se comprometen a realizar "
      "presupuestos participativos con "
      "votación digital, y a rendir cuentas cada seis meses sobre la ejecución "
      "de los proyectos elegidos.");
  w.Para(
      "Contacto: gobiernoabierto@ejemplo.gov.co. Más información en "
      "https://www.ejemplo.gov.co/plan-de-accion.");
  w.EndPage();
  Save(out, name, w);
}

void PlanPt(const fs::path& out) {
  const std::string name = "br-plano-acao-demo-2020";
  Writer w((out / "docs" / (name + ".pdf")).string(), kA4W, kA4H);
  w.SetTitle("Plano de Ação Nacional em Governo Aberto (documento de exemplo)");
  w.SetFurniture("4º Plano de Ação Nacional em Governo Aberto", "%d");
  w.Heading("4º Plano de Ação Nacional em Governo Aberto", 18);
  w.Para(
      "Este documento de exemplo apresenta os compromissos do Brasil para o "
      "período de 2018 a 2020, construídos "
      "em oficinas de cocriação com a sociedade civil e órgãos do governo "
      "federal.");
  w.Heading("Compromisso nº 1: Dados abertos de saúde", 12);
  w.Para(
      "O Ministério da Saúde compromete-se a publicar dados abertos sobre "
      "filas de atendimento e a disponi|bilizar "
      "painéis de acompanhamento para conselhos de saúde e para a sociedade.");
  w.Heading("Compromisso nº 2: Transparência orçamentária nos municípios", 12);
  w.Para(
      "O governo irá apoiar os municípios na publicação do orçamento público e "
      "dos gastos em formato aberto, "
      "com participação social na definição das prioridades.");
  w.EndPage();
  w.Heading("Compromisso nº 3: Prevenção de conflitos de interesse", 12);
  w.Para(
      "A Controladoria-Geral da União irá ampliar o sistema de consulta sobre "
      "conflitos de interesse e a "
      "declaração de bens de agentes públicos, em parceria com o Congresso "
      "Nacional.");
  w.Para(
      "Publicado em 5 de junho de 2018. Contato: "
      "governoaberto@exemplo.gov.br.");
  w.EndPage();
  Save(out, name, w);
}

void WorkshopEn(const fs::path& out) {
  const std::string name = "mx-workshop-findings-2012";
  Writer w((out / "docs" / (name + ".pdf")).string(), kA4W, kA4H);
  w.SetTitle(
      "Findings and Conclusions: Latin American Civil Society OGP Workshop");
  w.SetFurniture("Latin American Civil Society OGP Workshop", "Page %d of 2");
  w.Heading(
      "Findings and Conclusions: Latin American Civil Society Open Government "
      "Partnership Workshop",
      15);
  w.Para(
      "On March 20, 2012, representatives from 40 civil society organizations "
      "from Latin America participated in "
      "a workshop that sought to exchange ideas, experiences and concerns "
      "about the Open Government Partnership "
      "processes underway in the region. The event was held in Mexico City.");
  w.Para("The main findings of the discussions are the following:");
  w.Para(
      "1. Information about OGP has been incomplete and confusing. Six months "
      "after the launching of the "
      "initiative, there is still confusion about the objectives, mechanisms "
      "and expected results.");
  w.Para(
      "2. CSOs are concerned because the construction of action plans could "
      "lead to cooptation mechanisms that "
      "validate incomplete government efforts.");
  w.EndPage();
  w.Para(
      "3. Participants highlighted that the lack of inclusion of legislative "
      "and judicial powers, as well as "
      "local governments, diminishes the impact of the action plans.");
  w.Heading("Recommendations", 13);
  w.Bullet(
      "Establish a common ground for action plans so that their results can be "
      "compared.");
  w.Bullet(
      "Governments should publish open data and guarantee access to "
      "information.");
  w.Bullet(
      "Civil society will monitor commitments on anti-corruption and fiscal "
      "transparency.");
  w.EndPage();
  Save(out, name, w);
}

void TallerEs(const fs::path& out) {
  const std::string name = "co-taller-cocreacion-ambiente-demo";
  Writer w((out / "docs" / (name + ".pdf")).string(), kA4W, kA4H);
  w.SetTitle("Taller de cocreación: ambiente (documento de ejemplo)");
  w.Heading("Taller de cocreación: ambiente y cambio climático", 16);
  w.Para(
      "El taller reunió a 35 personas de organizaciones ambientales, "
      "universidades y entidades del Estado. "
      "Se discutieron la deforestación, las áreas protegidas y el acceso a la "
      "información ambiental.");
  w.Heading("Hallazgos", 13);
  w.Bullet(
      "La información sobre licencias ambientales no está disponible en datos "
      "abiertos.",
      10.5, "\xEF\x82\xB7");
  w.Bullet(
      "Los defensores ambientales requieren garantías de protección y un "
      "espacio cívico seguro.",
      10.5, "\xEF\x82\xB7");
  w.Heading("Recomendaciones", 13);
  w.Para(
      "Se recomienda que el Ministerio de Ambiente publique los datos de "
      "deforestación cada mes y que la "
      "ciudadanía participe en el seguimiento. El Sr. Pérez, de la Universidad "
      "Nacional, propuso implementar "
      "el Acuerdo de Escazú.");
  w.EndPage();
  Save(out, name, w);
}

void SlidesPt(const fs::path& out) {
  const std::string name = "br-slides-participacao-demo";
  const double W = 960, H = 540;
  Writer w((out / "docs" / (name + ".pdf")).string(), W, H);
  w.SetTitle("Participação social e governo aberto (slides de exemplo)");
  w.SetFurniture("", "Oficina de cocriação | %d");
  w.SetColumn(70, W - 70);
  const char* titles[] = {"Participação social e governo aberto",
                          "O que é governo aberto?", "Como participar",
                          "Próximos passos"};
  const std::vector<std::vector<std::string>> bullets = {
      {"Oficina de cocriação com a sociedade civil",
       "Brasília, 5 de junho de 2019"},
      {"Transparência e acesso à informação",
       "Participação social nas políticas públicas",
       "Prestação de contas e controle social"},
      {"Consultas públicas abertas a todos",
       "Orçamento participativo nos municípios"},
      {"Publicar o plano em dados abertos",
       "Avaliar os compromissos a cada seis meses"}};
  for (int i = 0; i < 4; ++i) {
    w.SetY(70);
    w.Heading(titles[i], 30);
    for (const auto& b : bullets[i]) w.Bullet(b, 20);
    w.EndPage();
  }
  Save(out, name, w);
}

void CaseStudyEn(const fs::path& out) {
  const std::string name = "gb-case-study-two-column-demo";
  Writer w((out / "docs" / (name + ".pdf")).string(), kA4W, kA4H);
  w.SetTitle("Case study: open contracting in local government");
  w.SetFurniture("OGP Local case studies  |  Open contracting", "- %d -");
  w.SetMarginLabel("Sample document generated for planmine tests");
  const char* left1[] = {
      "Local authorities in the United Kingdom publish every contract over "
      "5,000 pounds. This case study follows "
      "one city council that went further and adopted the Open Contracting "
      "Data Standard in 2016.",
      "The council started by publishing its procurement pipeline, so that "
      "small businesses could prepare bids "
      "months in advance. Suppliers reported that the pipeline was the most "
      "useful change.",
      "Officials then linked each contract to its payments, which allowed "
      "journalists and residents to follow "
      "public spending from the tender to the final invoice."};
  const char* right1[] = {
      "Civil society groups trained volunteers to read the data. They found "
      "duplicated payments and a contract "
      "that had been extended six times without a new tender.",
      "The council answered each finding in public and changed its rules: "
      "extensions now require a published "
      "justification, and the audit committee reviews them every quarter.",
      "The cost of the programme was modest. Most of the work was done by two "
      "analysts and a procurement "
      "officer, with support from a national open data charity."};
  for (int page = 0; page < 2; ++page) {
    w.SetColumn(60, kA4W - 60);
    w.SetY(80);
    if (page == 0)
      w.Heading("Case study: open contracting in a city council", 17);
    else
      w.Heading("What other councils can learn", 15);
    double top = w.y();
    w.SetColumn(60, 287);
    for (const char* p : left1)
      w.Para(page == 0 ? p
                       : std::string(p)
                             .substr(0, std::string(p).size() / 2 * 2)
                             .c_str());
    w.SetColumn(308, kA4W - 60);
    w.SetY(top);
    for (const char* p : right1) w.Para(p);
    w.EndPage();
  }
  Save(out, name, w);
}

// ---- The extraction benchmark corpus (make_corpus --bench OUT) ----------
// Families x languages, each a short document with its truth and meta.

struct Lang {
  const char* code;
  const char* title;
  const char* quote;
  std::vector<std::string> paras;  // '|' marks a forced line-end break
  std::vector<std::string> items;
  std::vector<std::pair<std::string, std::string>> ficha;
  const char* header;
  const char* footer;  // printf format with %d
  const char* label;
};

const std::vector<Lang>& Langs() {
  static const std::vector<Lang> k = {
      {"es",
       "Informe de seguimiento del plan de gobierno abierto",
       "La transparencia no es un destino, es una forma de gobernar.",
       {"El plan de acción reunió a organizaciones de la sociedad civil, "
        "universidades y entidades públicas en "
        "quince talleres regionales. Cada taller identificó problemas "
        "concretos y propuso compromisos "
        "verificables con responsables y fechas de cumplimiento.",
        "La participación ciudadana fue mayor en los municipios pequeños, "
        "donde las alcaldías abrieron sus "
        "presupuestos a la deliberación pública. En las ciudades grandes la "
        "convocatoria dependió de las redes "
        "sociales y de la prensa local.",
        "Los compromisos de datos abiertos avanzaron con rapidez gracias a una "
        "alianza público-|privada que "
        "financió la capacitación de funcionarios. La publicación de contratos "
        "en formato abierto redujo las "
        "consultas repetidas de los ciudadanos.",
        "La rendición de cuentas sigue siendo el eje más débil del plan. "
        "Varias entidades publicaron informes "
        "sin indicadores, y la evaluación independiente encontró retrasos en "
        "la mitad de los hitos "
        "compro|metidos para el primer año.",
        "El comité de seguimiento recomendó fortalecer el acceso a la "
        "información en las regiones, con oficinas "
        "de atención presencial y canales en lenguas indígenas para las "
        "comunidades rurales del país.",
        "Para el próximo ciclo se propone un tablero público de avance, "
        "revisado cada trimestre por la sociedad "
        "civil, y un fondo concursable para iniciativas socio-|ambientales de "
        "las organizaciones locales."},
       {"Publicar los contratos del Estado en datos abiertos.",
        "Crear un registro de beneficiarios finales.",
        "Capacitar a mil servidores públicos en transparencia."},
       {{"Fecha de inicio", "1 de marzo de 2022"},
        {"Fecha de término", "31 de diciembre de 2023"},
        {"Institución responsable", "Secretaría de Transparencia"},
        {"Otros actores", "Red de veedurías ciudadanas"}},
       "Informe de seguimiento | Gobierno abierto",
       "Página %d de 2",
       "Documento de prueba generado por planmine"},
      {"pt",
       "Relatório de acompanhamento do plano de governo aberto",
       "A transparência não é um destino, é uma forma de governar.",
       {"O plano de ação reuniu organizações da sociedade civil, universidades "
        "e órgãos públicos em quinze "
        "oficinas regionais. Cada oficina identificou problemas concretos e "
        "propôs compromissos verificáveis "
        "com responsáveis e prazos de cumprimento.",
        "A participação social foi maior nos municípios pequenos, onde as "
        "prefeituras abriram seus orçamentos "
        "à deliberação pública. Nas grandes cidades a mobilização dependeu das "
        "redes sociais e da imprensa local.",
        "Os compromissos de dados abertos avançaram rapidamente graças a uma "
        "parceria público-|privada que "
        "financiou a capacitação de servidores. A publicação de contratos em "
        "formato aberto reduziu os pedidos "
        "repetidos dos cidadãos.",
        "A prestação de contas continua sendo o eixo mais fraco do plano. "
        "Vários órgãos publicaram relatórios "
        "sem indicadores, e a avaliação independente encontrou atrasos na "
        "metade dos marcos previstos para o "
        "primeiro ano de imple|mentação.",
        "O comitê de monitoramento recomendou fortalecer o acesso à informação "
        "nas regiões, com postos de "
        "atendimento presencial e canais em línguas indígenas para as "
        "comunidades rurais do país.",
        "Para o próximo ciclo propõe-se um painel público de progresso, "
        "revisado a cada trimestre pela "
        "sociedade civil, e um fundo para iniciativas socio-|ambientais das "
        "organizações locais."},
       {"Publicar os contratos do Estado em dados abertos.",
        "Criar um cadastro de beneficiários finais.",
        "Capacitar mil servidores públicos em transparência."},
       {{"Data de início", "1 de março de 2022"},
        {"Data de término", "31 de dezembro de 2023"},
        {"Órgão responsável", "Controladoria-Geral da União"},
        {"Outros atores", "Rede de observatórios sociais"}},
       "Relatório de acompanhamento | Governo aberto",
       "%d/2",
       "Documento de teste gerado pelo planmine"},
      {"en",
       "Progress report on the open government action plan",
       "Transparency is not a destination, it is a way of governing.",
       {"The action plan brought together civil society organisations, "
        "universities and public bodies in "
        "fifteen regional workshops. Each workshop identified concrete "
        "problems and proposed verifiable "
        "commitments with named owners and deadlines.",
        "Citizen participation was highest in small municipalities, where "
        "councils opened their budgets to "
        "public deliberation. In large cities turnout depended on social media "
        "and the local press.",
        "The open data commitments moved quickly thanks to a public-|private "
        "partnership that funded training "
        "for officials. Publishing contracts in open formats cut the number of "
        "repeated requests from citizens.",
        "Accountability remains the weakest area of the plan. Several bodies "
        "published reports without "
        "indicators, and the independent review found delays in half of the "
        "milestones due in the first "
        "year of imple|mentation.",
        "The monitoring committee recommended stronger access to information "
        "in the regions, with walk-in "
        "offices and channels in indigenous languages for rural communities.",
        "For the next cycle it proposes a public progress dashboard, reviewed "
        "every quarter by civil society, "
        "and a small grants fund for socio-|environmental projects run by "
        "local groups."},
       {"Publish all government contracts as open data.",
        "Create a register of beneficial owners.",
        "Train one thousand public servants in transparency."},
       {{"Start date", "1 March 2022"},
        {"End date", "31 December 2023"},
        {"Lead agency", "Cabinet Office Transparency Team"},
        {"Other actors", "Open Government Network"}},
       "Progress report | Open government",
       "- %d -",
       "Test document generated by planmine"},
  };
  return k;
}

void BenchTwoColumn(const fs::path& out, const Lang& l, bool shuffled) {
  std::string name =
      std::string(shuffled ? "shuffled-frames-" : "two-column-quote-") + l.code;
  Writer w((out / "docs" / (name + ".pdf")).string(), kA4W, kA4H);
  w.SetFurniture(l.header, l.footer);
  w.SetShuffled(shuffled);
  for (int page = 0; page < 2; ++page) {
    w.SetColumn(60, kA4W - 60);
    w.SetY(70);
    w.Heading(l.title, 16);
    double top = w.y();
    w.SetColumn(60, 287);
    w.Para(l.paras[0 + page]);
    double left_end = w.y();
    w.SetColumn(308, kA4W - 60);
    w.SetY(top);
    w.Para(l.paras[1 + page]);
    double band = std::max(left_end, w.y()) + 10;
    w.SetColumn(60, kA4W - 60);
    w.SetY(band);
    w.Heading(l.quote, 13);
    top = w.y() + 6;
    w.SetColumn(60, 287);
    w.SetY(top);
    w.Para(l.paras[2 + page]);
    w.Para(l.paras[4]);
    w.SetColumn(308, kA4W - 60);
    w.SetY(top);
    w.Para(l.paras[3 + page]);
    w.Para(l.paras[5]);
    w.EndPage();
  }
  Save(out, name, w);
}

void BenchFurniture(const fs::path& out, const Lang& l) {
  std::string name = std::string("furniture-hyphens-") + l.code;
  Writer w((out / "docs" / (name + ".pdf")).string(), kA4W, kA4H);
  w.SetFurniture(l.header, l.footer);
  w.SetMarginLabel(l.label);
  for (int page = 0; page < 2; ++page) {
    w.Heading(l.title, 15);
    for (int k = 0; k < 3; ++k) w.Para(l.paras[page * 3 + k]);
    w.EndPage();
  }
  Save(out, name, w);
}

void BenchListsTables(const fs::path& out, const Lang& l) {
  std::string name = std::string("lists-tables-") + l.code;
  Writer w((out / "docs" / (name + ".pdf")).string(), kA4W, kA4H);
  w.SetFurniture(l.header, l.footer);
  w.Heading(l.title, 15);
  w.Para(l.paras[0]);
  for (const auto& item : l.items) w.Bullet(item);
  int n = 1;
  for (const auto& item : l.items) w.Para(std::to_string(n++) + ". " + item);
  w.EndPage();
  w.Heading(l.title, 13);
  for (const auto& [k, v] : l.ficha) w.KeyValue(k, v);
  w.Para(l.paras[4]);
  w.EndPage();
  Save(out, name, w);
}

void BenchSlides(const fs::path& out, const Lang& l) {
  std::string name = std::string("slides-") + l.code;
  const double W = 960, H = 540;
  Writer w((out / "docs" / (name + ".pdf")).string(), W, H);
  w.SetFurniture("", (std::string(l.header) + " | %d").c_str());
  w.SetColumn(70, W - 70);
  for (int i = 0; i < 3; ++i) {
    w.SetY(60);
    w.Heading(i == 0 ? l.title : l.items[i - 1], 26);
    for (const auto& item : l.items) w.Bullet(item, 18);
    w.EndPage();
  }
  Save(out, name, w);
}

void Bench(const fs::path& out) {
  for (const Lang& l : Langs()) {
    BenchTwoColumn(out, l, false);
    BenchTwoColumn(out, l, true);
    BenchFurniture(out, l);
    BenchListsTables(out, l);
    BenchSlides(out, l);
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool bench = argc == 3 && std::string(argv[1]) == "--bench";
  if (argc != 2 && !bench) {
    std::fprintf(stderr,
                 "usage: make_corpus OUT_DIR | make_corpus --bench OUT_DIR\n");
    return 2;
  }
  fs::path out(argv[argc - 1]);
  fs::create_directories(out / "docs");
  fs::create_directories(out / "truth");
  // Free cairo's and fontconfig's caches so that LeakSanitizer (CI's
  // sanitizer build runs this generator) reports only real leaks.
  auto release = [] {
    cairo_debug_reset_static_data();
    FcFini();
  };
  if (bench) {
    Bench(out);
    release();
    return 0;
  }
  PlanEs(out);
  PlanPt(out);
  WorkshopEn(out);
  TallerEs(out);
  SlidesPt(out);
  CaseStudyEn(out);
  release();
  return 0;
}
