#pragma once
// Many short strings in one buffer: a million parcel ids cost one allocation and
// ~8 bytes of overhead each, instead of a std::string (32 bytes + heap) each.
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
        offsets_.push_back(static_cast<uint64_t>(chars_.size()));
    }
    std::string_view operator[](std::size_t i) const {
        return std::string_view(chars_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
    }
    std::size_t size() const { return offsets_.size() - 1; }
    bool empty() const { return size() == 0; }
    void reserve(std::size_t n, std::size_t chars) { offsets_.reserve(n + 1); chars_.reserve(chars); }
    std::size_t char_count() const { return chars_.size(); }
    std::size_t memory_bytes() const { return chars_.capacity() + offsets_.capacity() * sizeof(uint64_t); }

private:
    std::string chars_;
    std::vector<uint64_t> offsets_;
};

}  // namespace parkcap
