// session::prepare_outputs for a folder of PNG charts (`parkcap series --charts`):
// made when absent, refused when it is a file, holds an input image or receives
// another output's PNG; it may share its folder with the CSV tables.
#include <catch2/catch.hpp>

#include <filesystem>

#include "parkcap/core/error.hpp"
#include "parkcap/session/outputs.hpp"
#include "support/fixtures.hpp"

namespace parkcap::test {

using session::OutputKind;
using session::OutputTarget;

TEST_CASE("outputs: a folder of PNG charts", "[session][outputs]") {
    ScratchDir dir("outputs-png-folder");
    session::Options options;
    write_text_file(dir / "AUDIT.gpkg", "an input");
    options.other_inputs = {dir / "AUDIT.gpkg"};
    const OutputTarget charts{dir / "charts", "--charts", OutputKind::PngFolder, true};

    CHECK(session::prepare_outputs(options, {charts}).empty());
    CHECK(std::filesystem::is_directory(dir / "charts"));
    // Existing, it is reused: its images are replaced on every run.
    CHECK_NOTHROW(session::prepare_outputs(options, {charts}));
    // The CSV tables and the charts may go to one folder: their files never share a name.
    CHECK_NOTHROW(session::prepare_outputs(options, {{dir / "charts", "--csv", OutputKind::CsvFolder, true}, charts}));

    write_text_file(dir / "file", "x");
    CHECK_THROWS_WITH(session::prepare_outputs(options, {{dir / "file", "--charts", OutputKind::PngFolder, true}}),
                      Catch::Contains("--charts") && Catch::Contains("is a file, not a folder"));
    CHECK_THROWS_AS(session::prepare_outputs(options, {charts, {dir / "charts/idle_mu.png", "--png", OutputKind::Png, true}}),
                    UsageError);

    options.other_inputs.push_back(dir / "charts/logo.png");
    write_text_file(dir / "charts/logo.png", "an input image");
    CHECK_THROWS_WITH(session::prepare_outputs(options, {charts}),
                      Catch::Contains("holds the input") && Catch::Contains("PNG images"));
    CHECK(read_text_file(dir / "charts/logo.png") == "an input image");
}

}  // namespace parkcap::test
