#pragma once
// Tracts (成片) of supply land: whole neighbouring blocks of one park given to
// approved, reserve or planned land before the other cases are shuffled, so a
// park holds the hundreds of 亩 across internal roads that a major project needs.
#include <cstddef>
#include <vector>

#include "city_definition.hpp"
#include "layout.hpp"
#include "random.hpp"

namespace sample_city {

/// The blocks (indices into p.blocks) of tract t: a seed drawn from r among the
/// blocks it may use (industrial, not a riverside front row, not `taken`, within
/// its distance band from the bank), grown one 4-neighbour at a time by the block
/// that keeps the tract's extent in grid cells smallest, so it stays one compact
/// piece. Seeds are tried in a shuffled order until one grows to t.blocks; fails
/// when none does.
std::vector<std::size_t> grow_tract(const Pool& p, const TractDef& t, const std::vector<bool>& taken, Rng& r);

}  // namespace sample_city
