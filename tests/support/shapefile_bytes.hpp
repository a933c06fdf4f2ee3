#pragma once
// A Shapefile's files damaged byte by byte, the way a crashed export or a hand
// edit damages them: a .dbf's record count, its records and cells, and the
// lengths and offsets in a .shp/.shx header. Tests write a good Shapefile with
// GDAL (support/city_writer.hpp) and then break it with these.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace parkcap::test {

/// A file's bytes, read whole and written back by save().
struct FileBytes {
    std::string path;
    std::vector<char> bytes;

    explicit FileBytes(std::string p) : path(std::move(p)) {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
        REQUIRE(bytes.size() >= 32);
    }
    void save() const {
        std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    uint32_t u32(std::size_t at) const {
        uint32_t v = 0;
        std::memcpy(&v, bytes.data() + at, 4);
        return v;
    }
    uint16_t u16(std::size_t at) const {
        uint16_t v = 0;
        std::memcpy(&v, bytes.data() + at, 2);
        return v;
    }
    /// Big-endian 32-bit integers: the .shp/.shx header and record headers.
    uint32_t be32(std::size_t at) const {
        const auto* b = reinterpret_cast<const unsigned char*>(bytes.data() + at);
        return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | uint32_t{b[3]};
    }
    void set_be32(std::size_t at, uint32_t v) {
        for (int k = 0; k < 4; ++k) bytes[at + static_cast<std::size_t>(k)] = static_cast<char>((v >> (24 - 8 * k)) & 0xFF);
    }
};

/// A .dbf file (dBASE III: a 32-byte header, 32 bytes per field, a 0x0D
/// terminator, then fixed-width records led by a deletion flag).
struct Dbf : FileBytes {
    explicit Dbf(std::string p) : FileBytes(std::move(p)) {}

    uint32_t records() const { return u32(4); }
    std::size_t header_size() const { return u16(8); }
    std::size_t record_size() const { return u16(10); }
    std::size_t record_at(std::size_t r) const { return header_size() + r * record_size(); }

    void set_record_count(uint32_t n) { std::memcpy(bytes.data() + 4, &n, 4); }
    /// Cuts the file after n records (the header's count is left as it was).
    void keep_records(std::size_t n) { bytes.resize(record_at(n)); }
    void mark_deleted(std::size_t r) { bytes[record_at(r)] = '*'; }
    /// Appends a copy of record r (the header's count is left as it was).
    void append_copy_of(std::size_t r) {
        const std::vector<char> copy(bytes.begin() + static_cast<std::ptrdiff_t>(record_at(r)),
                                     bytes.begin() + static_cast<std::ptrdiff_t>(record_at(r + 1)));
        // A 0x1A end-of-file marker, when the writer left one, stays last.
        const bool eof_marker = !bytes.empty() && bytes.back() == 0x1A && bytes.size() == record_at(records()) + 1;
        if (eof_marker) bytes.pop_back();
        bytes.insert(bytes.end(), copy.begin(), copy.end());
        if (eof_marker) bytes.push_back(0x1A);
    }
    /// The language-driver byte (LDID): 0x4D declares CP936, 0 nothing.
    void set_language_driver(unsigned char ldid) { bytes[29] = static_cast<char>(ldid); }

    /// Offset of `field` inside a record, and its width.
    std::pair<std::size_t, std::size_t> field(const std::string& name) const {
        std::size_t offset = 1;  // the deletion flag
        for (std::size_t d = 32; d + 32 <= header_size() && bytes[d] != 0x0D; d += 32) {
            const std::string n(bytes.data() + d, strnlen(bytes.data() + d, 11));
            const auto width = static_cast<unsigned char>(bytes[d + 16]);
            if (n == name) return {offset, width};
            offset += width;
        }
        FAIL("no field " << name << " in " << path);
        return {0, 0};
    }
    /// Writes `text` right-aligned into record r's `name`, as dBASE stores numbers.
    void set(std::size_t r, const std::string& name, const std::string& text) {
        const auto [offset, width] = field(name);
        REQUIRE(text.size() <= width);
        std::string cell(width - text.size(), ' ');
        cell += text;
        std::memcpy(bytes.data() + record_at(r) + offset, cell.data(), width);
    }
    /// Writes `text` left-aligned (padded with spaces), as dBASE stores text.
    void set_text(std::size_t r, const std::string& name, const std::string& text) {
        const auto [offset, width] = field(name);
        REQUIRE(text.size() <= width);
        std::string cell = text + std::string(width - text.size(), ' ');
        std::memcpy(bytes.data() + record_at(r) + offset, cell.data(), width);
    }
};

/// A .shp or .shx file: a 100-byte header whose bytes 24..27 hold the file's
/// length in 16-bit words, big-endian; a .shx then has one 8-byte entry (offset,
/// length) per shape.
struct ShapeHeader : FileBytes {
    explicit ShapeHeader(std::string p) : FileBytes(std::move(p)) {}

    std::size_t length_words() const { return be32(24); }
    void set_length_words(std::size_t words) { set_be32(24, static_cast<uint32_t>(words)); }
    /// For a .shx: the number of shapes it indexes.
    std::size_t shx_entries() const { return (bytes.size() - 100) / 8; }
    /// For a .shx: keeps the first n entries, the header saying so.
    void keep_shx_entries(std::size_t n) {
        bytes.resize(100 + 8 * n);
        set_length_words(bytes.size() / 2);
    }
};

}  // namespace parkcap::test
