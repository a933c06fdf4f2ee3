#pragma once
// Many short strings in one buffer: a million parcel ids cost one allocation and
// ~4 bytes of overhead each, instead of a std::string (32 bytes + heap) each.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parkcap {

class StringColumn {
public:
    StringColumn() { offsets_.push_back(0); }

    void push_back(std::string_view s) {
        chars_.append(s);
        const uint64_t end = chars_.size();
        // The offsets keep their low 32 bits; each time the text passes another
        // 4 GiB, the row where it did is noted, so a column of any size stays exact.
        while ((end >> 32) > crossings_.size()) crossings_.push_back(offsets_.size());
        offsets_.push_back(static_cast<uint32_t>(end));
    }
    std::string_view operator[](std::size_t i) const {
        const uint64_t begin = offset(i), end = offset(i + 1);
        return std::string_view(chars_).substr(begin, end - begin);
    }
    std::size_t size() const { return offsets_.size() - 1; }
    bool empty() const { return size() == 0; }
    void reserve(std::size_t n, std::size_t chars) { offsets_.reserve(n + 1); chars_.reserve(chars); }
    std::size_t char_count() const { return chars_.size(); }
    std::size_t memory_bytes() const { return chars_.capacity() + offsets_.capacity() * sizeof(uint32_t); }

private:
    /// Where string i begins (or string i - 1 ends) in chars_.
    uint64_t offset(std::size_t i) const {
        uint64_t high = 0;
        for (std::size_t row : crossings_) {
            if (i < row) break;
            high += uint64_t{1} << 32;
        }
        return high | offsets_[i];
    }

    std::string chars_;
    std::vector<uint32_t> offsets_;   ///< low 32 bits of each string's end (offsets_[0] = 0)
    std::vector<std::size_t> crossings_;  ///< k: the first offset index at or beyond (k + 1) × 4 GiB
};

}  // namespace parkcap
