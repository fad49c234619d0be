// countries: ISO 3166-1 alpha-2 codes and their names in English, Spanish and
// Portuguese — the members of the Open Government Partnership and their
// neighbours. Used to print names beside codes and to read a country a user
// typed by name ("Colombia", "Brasil", "Reino Unido", "EE.UU.") as its code.
#ifndef PLANMINE_CORE_COUNTRIES_H_
#define PLANMINE_CORE_COUNTRIES_H_

#include <string>
#include <string_view>
#include <vector>

namespace planmine {

struct Country {
  const char* code;  // "CO"
  const char* en;
  const char* es;
  const char* pt;
  const char* aliases;  // '|'-separated other names and abbreviations, or ""
};

// Every country known, ordered by code.
const std::vector<Country>& AllCountries();

// The country of a code (any case), or null.
const Country* FindCountry(std::string_view code);

// The code of a name in en/es/pt, an alias, or a code (case, accents, dots
// and the leading article ignored: "colombia", "BRASIL", "estados unidos",
// "EE.UU.", "the United Kingdom", "co"). Empty when unknown.
std::string CountryCode(std::string_view name_or_code);

// The name of a code in `language` (en, es or pt; other: en); the code itself
// when unknown.
std::string CountryName(std::string_view code,
                        std::string_view language = "en");

// Lower case, Latin accents removed, '.' dropped, spaces collapsed: the form
// names are compared in.
std::string FoldName(std::string_view s);

}  // namespace planmine

#endif  // PLANMINE_CORE_COUNTRIES_H_
