#pragma once
// Writes that never leave a half-written file where a good one stood: write to a
// temporary sibling, flush it to disk, then rename over the target (atomic on one
// filesystem) and flush the folder, so a crash or a power cut leaves either the
// old file or the new one.
//
// A run that writes several files (AUDIT.gpkg and its CSV tables) replaces them as
// a set: inside an OutputSet every commit() only finishes its temporary file, and
// OutputSet::commit() renames them all at the end, so an interrupted run leaves
// the previous set whole. Temporary files carry the writing process's id; the
// next run in the folder removes those of processes that no longer exist, and
// SIGINT/SIGTERM remove this process's (install_interrupt_cleanup).
#include <string>
#include <vector>

namespace parkcap {

class AtomicOutput {
public:
    /// Prepares to replace `target`. Throws OutputError when its folder does not exist.
    explicit AtomicOutput(std::string target);
    /// Removes the temporary file unless commit() ran.
    ~AtomicOutput();
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;

    /// Where to write now: `.parkcap-tmp-<pid>-<target's name>` beside the target.
    const std::string& temp_path() const { return temp_; }
    const std::string& target() const { return target_; }
    /// Flushes the finished temporary file to disk and moves it onto the target,
    /// or, inside an OutputSet, hands it to the set to move with the others.
    void commit();

private:
    std::string target_;
    std::string temp_;
    bool committed_ = false;
};

/// The outputs of one run, replaced together. While an OutputSet exists on a
/// thread, AtomicOutput::commit() on that thread defers its rename to the set.
/// Destroyed without commit(), it removes every temporary file it holds, and the
/// targets keep their previous contents.
class OutputSet {
public:
    OutputSet();
    ~OutputSet();
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    /// Renames every finished file onto its target, then flushes their folders.
    /// Throws OutputError naming the first target that could not be replaced.
    void commit();
    /// The set collecting this thread's commits, or null.
    static OutputSet* current();

private:
    friend class AtomicOutput;
    struct Pending {
        std::string temp, target;
    };
    std::vector<Pending> pending_;
    OutputSet* previous_ = nullptr;
    bool committed_ = false;
};

/// A temporary file left by a run that was killed before it finished.
struct InterruptedOutput {
    std::string temp_path;  ///< the file removed
    std::string target;     ///< the output it was to become
    long pid = 0;           ///< the process that wrote it (no longer running)
};

/// Removes, from `folder`, the temporary files of parkcap processes that no longer
/// run, and says which outputs they were meant to replace.
std::vector<InterruptedOutput> remove_interrupted_outputs(const std::string& folder);

/// An output set whose renames a killed run had begun: OutputSet::commit records
/// the renames it is about to make in a journal in the first target's folder, so
/// a run killed among them leaves the files it had fully written; this completes
/// them (each temporary file still there is renamed onto its target) and removes
/// the journal. Returns the targets it completed. Call it on every output folder
/// before remove_interrupted_outputs, which would discard those files.
std::vector<InterruptedOutput> complete_interrupted_sets(const std::string& folder);

/// Makes SIGINT and SIGTERM remove this process's temporary files before it dies
/// (the default action then runs, so the exit status still says "killed by").
void install_interrupt_cleanup();

}  // namespace parkcap
