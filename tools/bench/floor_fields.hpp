#pragma once
// What both benchmark floors do to every attribute: read it through its typed
// accessor, as any reader of the data must.
#include <cstdint>

#include <ogrsf_frmts.h>

namespace floor_bench {
/// Every attribute through its typed accessor (text, number, date), as any reader
/// of the data must touch them; returns a checksum so nothing is optimised away.
inline uint64_t touch_fields(OGRFeature& f, int fields) {
    uint64_t sum = 0;
    for (int i = 0; i < fields; ++i) {
        if (!f.IsFieldSetAndNotNull(i)) continue;
        switch (f.GetFieldDefnRef(i)->GetType()) {
            case OFTString: sum += static_cast<unsigned char>(f.GetFieldAsString(i)[0]); break;
            case OFTReal: sum += static_cast<uint64_t>(f.GetFieldAsDouble(i) >= 0); break;
            case OFTInteger: case OFTInteger64: sum += static_cast<uint64_t>(f.GetFieldAsInteger64(i) & 1); break;
            case OFTDate: case OFTDateTime: {
                int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
                float ss = 0;
                f.GetFieldAsDateTime(i, &y, &m, &d, &hh, &mm, &ss, &tz);
                sum += static_cast<uint64_t>(d);
                break;
            }
            default: sum += static_cast<unsigned char>(f.GetFieldAsString(i)[0]); break;
        }
    }
    return sum;
}
}  // namespace floor_bench
