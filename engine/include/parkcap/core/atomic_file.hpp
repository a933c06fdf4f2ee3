#pragma once
// Writes that never leave a half-written file where a good one stood: write to a
// temporary sibling, then rename over the target (atomic on one filesystem).
#include <string>

namespace parkcap {

class AtomicOutput {
public:
    /// Prepares to replace `target`. Throws OutputError when its folder does not exist.
    explicit AtomicOutput(std::string target);
    /// Removes the temporary file unless commit() ran.
    ~AtomicOutput();
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;

    /// Where to write now.
    const std::string& temp_path() const { return temp_; }
    const std::string& target() const { return target_; }
    /// Moves the finished temporary file onto the target.
    void commit();

private:
    std::string target_;
    std::string temp_;
    bool committed_ = false;
};

}  // namespace parkcap
