// options: the numeric options of the commands, range-checked the same way.
// A value outside its range, a number too big for its type or a word that
// is no number stops the command (exit 2) with the range in the message:
//   planmine: --jobs must be between 1 and 8 (4 per core; the open-file
//   limit allows 250), got 1000
// CLI11 runs the check on the text, before converting it, so a huge
// `--page` is refused instead of wrapping. "No limit" is a word the option
// names (`--timeout none`), never 0 or a negative number.
//
//   cmd->add_option("--limit", limit, "Rows")->transform(IntRange("--limit", 1,
//   kMaxRows));
#ifndef PLANMINE_CLI_OPTIONS_H_
#define PLANMINE_CLI_OPTIONS_H_

#include <CLI/CLI.hpp>
#include <string>
#include <utility>
#include <vector>

namespace planmine {

// A word an option takes besides numbers, and the number it stands for:
// {"none", "0"} for --timeout none (0: no limit, inside the code only).
using OptionWord = std::pair<std::string, std::string>;

// A whole number in [lo, hi] (or one of `words`, replaced by its number).
// `note` explains the bound: "4 per core; the open-file limit allows 250".
// Add it with ->transform(), not ->check(): CLI11 keeps a check from
// changing the text, and a word must become its number.
CLI::Validator IntRange(const std::string& option, long long lo, long long hi,
                        const std::string& note = "",
                        std::vector<OptionWord> words = {});

// The refusal IntRange's message makes, for checks made after parsing:
// "--jobs must be between 1 and 8 (note), got 1000".
std::string RangeMessage(const std::string& option, long long lo, long long hi,
                         const std::string& note,
                         const std::vector<OptionWord>& words,
                         const std::string& got);

// CLI11's "OPTION: OPTION must be…" as "OPTION must be…"; other messages as
// they are.
std::string OptionErrorText(const std::string& what);

// The most worker processes `ingest --jobs` allows: 4 per core, and no more
// than the open-file limit (RLIMIT_NOFILE) leaves room for (each worker
// holds pipes; the index and the files read need some). `note` gets why.
int MaxJobs(std::string* note);

// Ranges the commands share.
inline constexpr long long kMinYear = 1900, kMaxYear = 2100;
inline constexpr long long kMaxRows = 100000;       // --limit
inline constexpr long long kMaxSearchRows = 10000;  // search --limit
inline constexpr long long kMaxPage = 1000000;
inline constexpr long long kMaxPages = 1000000;  // --max-pages of a PDF

}  // namespace planmine

#endif  // PLANMINE_CLI_OPTIONS_H_
