#include "pipeline/core/countries.h"

#include <algorithm>
#include <map>

namespace planmine {

const std::vector<Country>& AllCountries() {
  static const std::vector<Country> kCountries = {
      {"AF", "Afghanistan", "Afganistán", "Afeganistão", ""},
      {"AL", "Albania", "Albania", "Albânia", ""},
      {"AM", "Armenia", "Armenia", "Armênia", ""},
      {"AO", "Angola", "Angola", "Angola", ""},
      {"AR", "Argentina", "Argentina", "Argentina", "República Argentina"},
      {"AT", "Austria", "Austria", "Áustria", ""},
      {"AU", "Australia", "Australia", "Austrália", ""},
      {"AZ", "Azerbaijan", "Azerbaiyán", "Azerbaijão", ""},
      {"BA", "Bosnia and Herzegovina", "Bosnia y Herzegovina",
       "Bósnia e Herzegovina", ""},
      {"BD", "Bangladesh", "Bangladés", "Bangladesh", ""},
      {"BE", "Belgium", "Bélgica", "Bélgica", ""},
      {"BF", "Burkina Faso", "Burkina Faso", "Burkina Faso", ""},
      {"BG", "Bulgaria", "Bulgaria", "Bulgária", ""},
      {"BJ", "Benin", "Benín", "Benin", ""},
      {"BO", "Bolivia", "Bolivia", "Bolívia",
       "Estado Plurinacional de Bolivia"},
      {"BR", "Brazil", "Brasil", "Brasil", ""},
      {"BZ", "Belize", "Belice", "Belize", ""},
      {"CA", "Canada", "Canadá", "Canadá", ""},
      {"CH", "Switzerland", "Suiza", "Suíça", ""},
      {"CI", "Côte d'Ivoire", "Costa de Marfil", "Costa do Marfim",
       "Ivory Coast"},
      {"CL", "Chile", "Chile", "Chile", ""},
      {"CM", "Cameroon", "Camerún", "Camarões", ""},
      {"CN", "China", "China", "China", ""},
      {"CO", "Colombia", "Colombia", "Colômbia", ""},
      {"CR", "Costa Rica", "Costa Rica", "Costa Rica", ""},
      {"CU", "Cuba", "Cuba", "Cuba", ""},
      {"CV", "Cabo Verde", "Cabo Verde", "Cabo Verde", "Cape Verde"},
      {"CZ", "Czech Republic", "República Checa", "República Tcheca",
       "Czechia|Chequia|Tchéquia"},
      {"DE", "Germany", "Alemania", "Alemanha", ""},
      {"DK", "Denmark", "Dinamarca", "Dinamarca", ""},
      {"DO", "Dominican Republic", "República Dominicana",
       "República Dominicana", ""},
      {"DZ", "Algeria", "Argelia", "Argélia", ""},
      {"EC", "Ecuador", "Ecuador", "Equador", ""},
      {"EE", "Estonia", "Estonia", "Estônia", ""},
      {"EG", "Egypt", "Egipto", "Egito", ""},
      {"ES", "Spain", "España", "Espanha", ""},
      {"ET", "Ethiopia", "Etiopía", "Etiópia", ""},
      {"FI", "Finland", "Finlandia", "Finlândia", ""},
      {"FR", "France", "Francia", "França", ""},
      {"GB", "United Kingdom", "Reino Unido", "Reino Unido",
       "UK|U.K.|Great Britain|Gran Bretaña|Grã-Bretanha|Britain"},
      {"GE", "Georgia", "Georgia", "Geórgia", ""},
      {"GH", "Ghana", "Ghana", "Gana", ""},
      {"GR", "Greece", "Grecia", "Grécia", ""},
      {"GT", "Guatemala", "Guatemala", "Guatemala", ""},
      {"GY", "Guyana", "Guyana", "Guiana", ""},
      {"HN", "Honduras", "Honduras", "Honduras", ""},
      {"HR", "Croatia", "Croacia", "Croácia", ""},
      {"HT", "Haiti", "Haití", "Haiti", ""},
      {"HU", "Hungary", "Hungría", "Hungria", ""},
      {"ID", "Indonesia", "Indonesia", "Indonésia", ""},
      {"IE", "Ireland", "Irlanda", "Irlanda", ""},
      {"IL", "Israel", "Israel", "Israel", ""},
      {"IN", "India", "India", "Índia", ""},
      {"IS", "Iceland", "Islandia", "Islândia", ""},
      {"IT", "Italy", "Italia", "Itália", ""},
      {"JM", "Jamaica", "Jamaica", "Jamaica", ""},
      {"JO", "Jordan", "Jordania", "Jordânia", ""},
      {"JP", "Japan", "Japón", "Japão", ""},
      {"KE", "Kenya", "Kenia", "Quênia", "Quénia"},
      {"KG", "Kyrgyz Republic", "República Kirguisa", "Quirguistão",
       "Kyrgyzstan|Kirguistán"},
      {"KR", "South Korea", "Corea del Sur", "Coreia do Sul",
       "Korea|Republic of Korea|República de Corea"},
      {"LK", "Sri Lanka", "Sri Lanka", "Sri Lanka", ""},
      {"LR", "Liberia", "Liberia", "Libéria", ""},
      {"LT", "Lithuania", "Lituania", "Lituânia", ""},
      {"LU", "Luxembourg", "Luxemburgo", "Luxemburgo", ""},
      {"LV", "Latvia", "Letonia", "Letônia", ""},
      {"MA", "Morocco", "Marruecos", "Marrocos", ""},
      {"MD", "Moldova", "Moldavia", "Moldávia", "Republic of Moldova"},
      {"ME", "Montenegro", "Montenegro", "Montenegro", ""},
      {"MG", "Madagascar", "Madagascar", "Madagáscar", ""},
      {"MK", "North Macedonia", "Macedonia del Norte", "Macedônia do Norte",
       "Macedonia"},
      {"MN", "Mongolia", "Mongolia", "Mongólia", ""},
      {"MT", "Malta", "Malta", "Malta", ""},
      {"MV", "Maldives", "Maldivas", "Maldivas", ""},
      {"MW", "Malawi", "Malaui", "Malawi", ""},
      {"MX", "Mexico", "México", "México", ""},
      {"MY", "Malaysia", "Malasia", "Malásia", ""},
      {"MZ", "Mozambique", "Mozambique", "Moçambique", ""},
      {"NG", "Nigeria", "Nigeria", "Nigéria", ""},
      {"NI", "Nicaragua", "Nicaragua", "Nicarágua", ""},
      {"NL", "Netherlands", "Países Bajos", "Países Baixos", "Holland|Holanda"},
      {"NO", "Norway", "Noruega", "Noruega", ""},
      {"NP", "Nepal", "Nepal", "Nepal", ""},
      {"NZ", "New Zealand", "Nueva Zelanda", "Nova Zelândia", ""},
      {"PA", "Panama", "Panamá", "Panamá", ""},
      {"PE", "Peru", "Perú", "Peru", ""},
      {"PG", "Papua New Guinea", "Papúa Nueva Guinea", "Papua-Nova Guiné", ""},
      {"PH", "Philippines", "Filipinas", "Filipinas", ""},
      {"PK", "Pakistan", "Pakistán", "Paquistão", ""},
      {"PL", "Poland", "Polonia", "Polônia", ""},
      {"PT", "Portugal", "Portugal", "Portugal", ""},
      {"PY", "Paraguay", "Paraguay", "Paraguai", ""},
      {"RO", "Romania", "Rumania", "Romênia", "Rumanía|Roménia"},
      {"RS", "Serbia", "Serbia", "Sérvia", ""},
      {"RU", "Russia", "Rusia", "Rússia", "Russian Federation"},
      {"RW", "Rwanda", "Ruanda", "Ruanda", ""},
      {"SC", "Seychelles", "Seychelles", "Seicheles", ""},
      {"SE", "Sweden", "Suecia", "Suécia", ""},
      {"SI", "Slovenia", "Eslovenia", "Eslovênia", ""},
      {"SK", "Slovakia", "Eslovaquia", "Eslováquia", "Slovak Republic"},
      {"SL", "Sierra Leone", "Sierra Leona", "Serra Leoa", ""},
      {"SN", "Senegal", "Senegal", "Senegal", ""},
      {"SR", "Suriname", "Surinam", "Suriname", ""},
      {"SV", "El Salvador", "El Salvador", "El Salvador", ""},
      {"TG", "Togo", "Togo", "Togo", ""},
      {"TL", "Timor-Leste", "Timor Oriental", "Timor-Leste", "East Timor"},
      {"TN", "Tunisia", "Túnez", "Tunísia", ""},
      {"TR", "Turkey", "Turquía", "Turquia", "Türkiye"},
      {"TT", "Trinidad and Tobago", "Trinidad y Tobago", "Trinidad e Tobago",
       ""},
      {"TZ", "Tanzania", "Tanzania", "Tanzânia", ""},
      {"UA", "Ukraine", "Ucrania", "Ucrânia", ""},
      {"UG", "Uganda", "Uganda", "Uganda", ""},
      {"US", "United States", "Estados Unidos", "Estados Unidos",
       "USA|U.S.A.|U.S.|EE.UU.|EEUU|EUA|United States of America|Estados "
       "Unidos de América"},
      {"UY", "Uruguay", "Uruguay", "Uruguai", ""},
      {"VE", "Venezuela", "Venezuela", "Venezuela", ""},
      {"ZA", "South Africa", "Sudáfrica", "África do Sul", ""},
      {"ZM", "Zambia", "Zambia", "Zâmbia", ""},
      {"ZW", "Zimbabwe", "Zimbabue", "Zimbábue", ""},
  };
  return kCountries;
}

const Country* FindCountry(std::string_view code) {
  if (code.size() != 2) return nullptr;
  std::string up;
  for (char c : code)
    up += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  const auto& all = AllCountries();
  auto it = std::lower_bound(
      all.begin(), all.end(), up,
      [](const Country& c, const std::string& k) { return c.code < k; });
  return it != all.end() && up == it->code ? &*it : nullptr;
}

std::string FoldName(std::string_view s) {
  // The accented Latin letters of es/pt/fr names, folded to ASCII.
  static const std::map<std::string, char> kFold = {
      {"á", 'a'}, {"à", 'a'}, {"â", 'a'}, {"ã", 'a'}, {"ä", 'a'}, {"é", 'e'},
      {"ê", 'e'}, {"è", 'e'}, {"í", 'i'}, {"î", 'i'}, {"ó", 'o'}, {"ô", 'o'},
      {"õ", 'o'}, {"ö", 'o'}, {"ú", 'u'}, {"ü", 'u'}, {"ñ", 'n'}, {"ç", 'c'},
      {"Á", 'a'}, {"É", 'e'}, {"Í", 'i'}, {"Ó", 'o'}, {"Ú", 'u'}, {"Ñ", 'n'},
      {"Ç", 'c'}, {"Ô", 'o'}, {"Ã", 'a'}, {"Ê", 'e'}, {"Â", 'a'}, {"Õ", 'o'}};
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char a = 0;
    size_t len = 1;
    if (c >= 0x80 && i + 1 < s.size()) {
      auto it = kFold.find(std::string(s.substr(i, 2)));
      if (it != kFold.end()) {
        a = it->second;
        len = 2;
      } else {
        a = static_cast<char>(c);  // other bytes kept as they are
      }
    } else if (c == '.') {
      i += 1;
      continue;
    } else if (c == ' ' || c == '\t' || c == '-' || c == '_') {
      space = !out.empty();
      i += 1;
      continue;
    } else {
      a = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    if (space) out += ' ';
    space = false;
    out += a;
    i += len;
  }
  return out;
}

std::string CountryCode(std::string_view name_or_code) {
  std::string k = FoldName(name_or_code);
  for (const char* article : {"the ", "el ", "la ", "o ", "os "})
    if (k.rfind(article, 0) == 0 && k != "el salvador") {
      k = k.substr(std::string(article).size());
      break;
    }
  if (k.empty()) return "";
  static const std::map<std::string, std::string> kByName = [] {
    std::map<std::string, std::string> m;
    for (const Country& c : AllCountries()) {
      for (const char* n : {c.en, c.es, c.pt}) m[FoldName(n)] = c.code;
      std::string_view al = c.aliases;
      while (!al.empty()) {
        size_t bar = al.find('|');
        m[FoldName(al.substr(0, bar))] = c.code;
        al = bar == std::string_view::npos ? "" : al.substr(bar + 1);
      }
    }
    return m;
  }();
  auto it = kByName.find(k);
  if (it != kByName.end()) return it->second;
  // "US" and "UK" fold to names above; any other two letters are a code.
  if (const Country* c = FindCountry(k)) return c->code;
  return "";
}

std::string CountryName(std::string_view code, std::string_view language) {
  const Country* c = FindCountry(code);
  if (!c) return std::string(code);
  if (language == "es") return c->es;
  if (language == "pt") return c->pt;
  return c->en;
}

}  // namespace planmine
