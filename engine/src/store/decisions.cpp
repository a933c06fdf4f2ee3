#include "parkcap/store/decisions.hpp"

#include "parkcap/store/schema.hpp"

namespace parkcap::store {

namespace {
/// A text[] in PostgreSQL's array output: {a,"b c"} → a, b c.
std::vector<std::string> parse_text_array(const std::string& s) {
    std::vector<std::string> out;
    if (s.size() < 2) return out;
    std::string cur;
    bool quoted = false, any = false;
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        const char ch = s[i];
        if (quoted) {
            if (ch == '\\' && i + 2 < s.size()) cur += s[++i];
            else if (ch == '"') quoted = false;
            else cur += ch;
        } else if (ch == '"') {
            quoted = any = true;
        } else if (ch == ',') {
            out.push_back(cur);
            cur.clear();
            any = false;
        } else {
            cur += ch;
            any = true;
        }
    }
    if (any || !cur.empty()) out.push_back(cur);
    return out;
}
}  // namespace

std::vector<Decision> read_decisions(Connection& c, const DecisionFilter& f) {
    const Result r = c.exec(
        "SELECT decision_id, made_at::text, made_by, acting_as, action, coalesce(project_id, ''), parcel_ids::text, "
        "coalesce(before::text, 'null'), coalesce(after::text, 'null'), coalesce(rules_version, ''), coalesce(reason, '') "
        "FROM decisions WHERE ($1::text IS NULL OR project_id = $1) AND ($2::text IS NULL OR $2 = ANY(parcel_ids)) "
        "AND ($3::date IS NULL OR made_at >= $3::date) ORDER BY decision_id",
        {f.project_id.empty() ? Param() : Param(f.project_id), f.parcel_id.empty() ? Param() : Param(f.parcel_id),
         f.since.is_null() ? Param() : Param(f.since.iso())});
    std::vector<Decision> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.integer(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5),
                       parse_text_array(r.text(i, 6)), r.text(i, 7), r.text(i, 8), r.text(i, 9), r.text(i, 10)});
    return out;
}

void record_decision(Connection& c, const std::string& action, const std::string& after_json,
                     const std::string& rules_version, const std::string& reason) {
    c.exec("INSERT INTO decisions (action, after, rules_version, reason) VALUES ($1, $2::jsonb, $3, $4)",
           {action, after_json, rules_version.empty() ? Param() : Param(rules_version),
            reason.empty() ? Param() : Param(reason)});
}

}  // namespace parkcap::store
