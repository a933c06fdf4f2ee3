#include "parkcap/symbology/symbology.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "parkcap/core/units.hpp"

namespace parkcap::symbology {

using audit::FlagCode;
using audit::MujunClass;

std::string hex_of(Rgba c) { return fmt::format("{:02x}{:02x}{:02x}", c.r & 0xff, c.g & 0xff, c.b & 0xff); }

Rgba status_colour(Status s) {
    switch (s) {
    case Status::Planned: return rgb(0xf2e394);
    case Status::Approved: return rgb(0xf4a259);
    case Status::Supplied: return rgb(0x8ecae6);
    case Status::Building: return rgb(0xb5a1e0);
    case Status::Built: return rgb(0xa7b2bd);
    case Status::Reserve: return rgb(0x9bd19b);
    case Status::Unknown: return kNoDataFill;
    }
    return kNoDataFill;
}

Rgba flag_colour(FlagCode code) { return rgb(audit::flag_info(code).colour); }

Rgba map_class_colour(audit::MapClass c) { return rgb(audit::kMapClasses[c].colour); }

Rgba class_colour(MujunClass c) {
    switch (c) {
    case MujunClass::A: return rgb(0x1a9850);
    case MujunClass::B: return rgb(0x91cf60);
    case MujunClass::C: return rgb(0xfee08b);
    case MujunClass::D: return rgb(0xd73027);
    case MujunClass::T: return rgb(0x8da0cb);
    case MujunClass::None: break;
    }
    return kNoDataFill;
}

Rgba change_colour(monitor::ChangeClass c) { return rgb(monitor::kChangeClasses[static_cast<std::size_t>(c)].colour); }

Rgba shore_zone_colour(ShoreZone z) {
    switch (z) {
    case ShoreZone::Protect: return rgb(0x2e7d32);
    case ShoreZone::Reserve: return rgb(0x0277bd);
    case ShoreZone::Control: return rgb(0xf9a825);
    case ShoreZone::Develop: return rgb(0xc62828);
    }
    return rgb(0x555555);
}

Rgba land_part_colour(carto::LandPart part) {
    switch (part) {
    case carto::LandPart::Idle: return flag_colour(audit::FlagCode::IdleTakeback);
    case carto::LandPart::Stock: return rgb(0xf4a259);
    case carto::LandPart::Planned: return rgb(0xf2e394);
    case carto::LandPart::Used: return rgb(0xa7b2bd);
    case carto::LandPart::Other: break;
    }
    return kNoDataFill;
}

int industry_sector(std::string_view code) {
    if (code.empty()) return 8;
    if (code[0] == 'G') return 7;
    if (code[0] != 'C' || code.size() < 3 || !std::isdigit(static_cast<unsigned char>(code[1])) ||
        !std::isdigit(static_cast<unsigned char>(code[2])))
        return 8;
    const int two = (code[1] - '0') * 10 + (code[2] - '0');
    if (two <= 16) return 0;             // C13–C16 food, drink, tobacco
    if (two <= 24) return 1;             // C17–C24 textiles, wood, paper, printing
    if (two <= 29) return 2;             // C25–C29 petroleum, chemicals, pharma, fibres, rubber
    if (two <= 33) return 3;             // C30–C33 minerals, metals, metal products
    if (two <= 37) return 4;             // C34–C37 machinery, vehicles, ships
    if (two <= 40) return 5;             // C38–C40 electrical, electronics, instruments
    return 6;                            // C41–C43 other manufacturing
}

const char* sector_name(int sector, Lang lang) {
    static const char* const zh[] = {"农副食品", "轻工纺织", "化工医药", "建材冶金", "装备制造",
                                     "电气电子", "其他制造", "物流仓储", "其他"};
    static const char* const en[] = {"food",      "light industry", "chemicals & pharma", "materials & metals",
                                     "machinery", "electronics",    "other manufacturing", "logistics", "other"};
    const int k = std::clamp(sector, 0, kSectorCount - 1);
    return lang == Lang::Zh ? zh[k] : en[k];
}

Rgba sector_colour(int sector) {
    static const uint32_t palette[kSectorCount] = {0x827717, 0x6a3d9a, 0xad1457, 0x5d4037, 0x1f4e9c,
                                                   0x00838f, 0x37474f, 0xd35400, 0x607d8b};
    return rgb(palette[std::clamp(sector, 0, kSectorCount - 1)]);
}

std::vector<Rgba> parcel_colours(const ParcelSymbols& in, ColourBy mode) {
    const ParcelTable& t = *in.parcels;
    std::vector<Rgba> out(t.size(), kNoDataFill);
    for (std::size_t i = 0; i < t.size(); ++i) {
        switch (mode) {
        case ColourBy::Status: out[i] = status_colour(t.status[i]); break;
        case ColourBy::Flag: out[i] = map_class_colour((*in.map_class)[i]); break;
        case ColourBy::MujunClass: out[i] = class_colour(in.audit->parcels.mujun_class[i]); break;
        case ColourBy::Changes:
            if (in.changes) out[i] = change_colour(in.changes->change_class[i]);
            break;
        }
    }
    return out;
}

const char* legend_key(const ParcelSymbols& in, ColourBy mode, std::size_t i) {
    switch (mode) {
    case ColourBy::Status: return to_string(in.parcels->status[i]);
    case ColourBy::Flag: return audit::kMapClasses[(*in.map_class)[i]].name;
    case ColourBy::MujunClass: {
        const MujunClass c = in.audit->parcels.mujun_class[i];
        return c == MujunClass::None ? "NONE" : audit::class_name(c);
    }
    case ColourBy::Changes:
        if (!in.changes) return "NONE";
        return monitor::kChangeClasses[static_cast<std::size_t>(in.changes->change_class[i])].name.data();
    }
    return "";
}

LegendCounts legend_counts(const ParcelSymbols& in, ColourBy mode) {
    LegendCounts out;
    const ParcelTable& t = *in.parcels;
    switch (mode) {
    case ColourBy::Status:
        out.assign(kStatusCount, {0, 0});
        for (std::size_t i = 0; i < t.size(); ++i) {
            auto& e = out[static_cast<std::size_t>(t.status[i])];
            ++e.first;
            e.second += t.area_m2[i];
        }
        break;
    case ColourBy::Flag:
        out.assign(audit::kMapClassCount, {0, 0});
        for (std::size_t i = 0; i < t.size(); ++i) {
            auto& e = out[(*in.map_class)[i]];
            ++e.first;
            e.second += t.area_m2[i];
        }
        break;
    case ColourBy::MujunClass:
        out.assign(6, {0, 0});
        for (std::size_t i = 0; i < t.size(); ++i) {
            const MujunClass c = in.audit->parcels.mujun_class[i];
            auto& e = out[c == MujunClass::None ? 5 : static_cast<std::size_t>(c) - 1];
            ++e.first;
            e.second += t.area_m2[i];
        }
        break;
    case ColourBy::Changes:
        out.assign(monitor::kChangeClassCount, {0, 0});
        if (!in.changes) break;
        for (std::size_t i = 0; i < t.size(); ++i) {
            auto& e = out[static_cast<std::size_t>(in.changes->change_class[i])];
            ++e.first;
            e.second += t.area_m2[i];
        }
        // Land gone from the data is not on the map; its row counts the earlier audit's parcels.
        if (in.before)
            for (std::size_t b = 0; b < in.before->parcels.size(); ++b)
                if (in.changes->matches[static_cast<std::size_t>(in.changes->match_of_before[b])].kind ==
                    monitor::MatchKind::Gone) {
                    auto& e = out[static_cast<std::size_t>(monitor::ChangeClass::Gone)];
                    ++e.first;
                    e.second += units::mu_to_m2(in.before->parcels.area_mu[b]);
                }
        break;
    }
    return out;
}

std::vector<LegendEntry> legend(ColourBy mode, Lang lang, const LegendCounts& counts) {
    const bool zh = lang == Lang::Zh;
    std::vector<LegendEntry> out;
    std::vector<std::size_t> row_of;  // index into counts of each row
    switch (mode) {
    case ColourBy::Status:
        for (std::size_t s = 0; s < kStatusCount; ++s) {
            const auto st = static_cast<Status>(s);
            // Incomplete parcels (status unknown) get a row only when there are any.
            if (st == Status::Unknown && (s >= counts.size() || counts[s].first == 0)) continue;
            out.push_back({status_colour(st), zh ? chinese_name(st) : to_string(st), to_string(st), 0, 0});
            row_of.push_back(s);
        }
        break;
    case ColourBy::Flag:
        for (std::size_t k = 0; k < audit::kMapClassCount; ++k) {
            const audit::MapClassInfo& c = audit::kMapClasses[k];
            out.push_back({map_class_colour(static_cast<audit::MapClass>(k)), zh ? c.title.zh : c.title.en, c.name, 0, 0});
            row_of.push_back(k);
        }
        break;
    case ColourBy::MujunClass: {
        const MujunClass order[] = {MujunClass::A, MujunClass::B, MujunClass::C, MujunClass::D, MujunClass::T,
                                    MujunClass::None};
        const char* zh_names[] = {"A 类（优先发展）", "B 类（提升发展）", "C 类（调整转型）", "D 类（整治淘汰）",
                                  "T 类（新供地暂不评价）", "不参评"};
        const char* en_names[] = {"A (priority)", "B (improve)", "C (restructure)", "D (remediate)",
                                  "T (new, not rated)", "not rated"};
        for (std::size_t k = 0; k < 6; ++k) {
            out.push_back({class_colour(order[k]), zh ? zh_names[k] : en_names[k],
                           k < 5 ? audit::class_name(order[k]) : "NONE", 0, 0});
            row_of.push_back(k);
        }
        break;
    }
    case ColourBy::Changes:
        for (std::size_t k = 0; k < monitor::kChangeClassCount; ++k) {
            const monitor::ChangeClassInfo& c = monitor::kChangeClasses[k];
            out.push_back({change_colour(static_cast<monitor::ChangeClass>(k)), std::string(zh ? c.zh : c.en),
                           std::string(c.name), 0, 0});
            row_of.push_back(k);
        }
        break;
    }
    for (std::size_t k = 0; k < out.size(); ++k)
        if (row_of[k] < counts.size()) {
            out[k].parcels = counts[row_of[k]].first;
            out[k].area_m2 = counts[row_of[k]].second;
        }
    return out;
}

}  // namespace parkcap::symbology
