#pragma once
// write(evaluation): EVAL.gpkg, the park evaluation of TD/T 1029: park_evaluation
// (park polygons with every indicator, the score, type, rank, potential and years of
// land left; styled by score), district_evaluation (the same per district),
// indicators (one row per place and indicator: numerator, denominator, parcels,
// coverage, value, ideal, weight, normalised, or why it is unsupported) and
// run_info; the same tables as CSV.
#include <string>

#include "parkcap/evaluate/evaluation.hpp"
#include "parkcap/report/table_writer.hpp"

namespace parkcap::report {

struct EvaluationResult {
    const City& city;
    const audit::Audit& audit;
    const rules::Rules& rules;
    const evaluate::Evaluation& evaluation;
    std::string since;  ///< the earlier audit compared with, or empty
};

void write_evaluation_gpkg(const std::string& path, const EvaluationResult& result);
void write_evaluation_csv(const std::string& dir, const EvaluationResult& result);
/// The same tables to any destination (the store's snapshot of an evaluation).
void write_evaluation_tables(TableDestination& out, const EvaluationResult& result);

}  // namespace parkcap::report
