// The one place that includes Catch2 (v2, as Debian ships it), so that a move
// to v3 is one edit.
#ifndef PLANMINE_TESTS_CATCH_H_
#define PLANMINE_TESTS_CATCH_H_
#include <catch2/catch.hpp>
#endif
