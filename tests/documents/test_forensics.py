"""Document forensics on real generated files: what each check finds, and what it must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.documents.forensics.analysis import analyse
from reviewer.documents.forensics.types import ForensicsReport
from tests.documents import forensics_corpus as corpus


def _analysed(tmp_path: Path, label: str, kind: str) -> ForensicsReport:
    (data,) = [d for spec, d in corpus.demo_documents(label) if spec.kind == kind][-1:]
    return analyse(corpus.write(tmp_path, f"{label}.pdf", data))


def _checks(report: ForensicsReport) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for clue in report.clues:
        out.setdefault(clue.check, []).append(clue.summary)
    return out


def test_incremental_update_gives_back_the_original_net_pay(tmp_path: Path) -> None:
    report = _analysed(tmp_path, "APP-1002", "paystub")
    assert [r.kind for r in report.revisions] == ["original", "edit"]
    assert report.revisions[1].producer and "Acrobat" in report.revisions[1].producer
    changed = [c for c in report.clues if c.check == "revision.changed_text"]
    assert changed, report.clues
    headline = next(c for c in changed if c.values["field"] == "NET PAY")
    assert headline.summary.startswith(
        "Revision 1 of 2 said 1,709.78 where revision 2 of 2 shows 2,709.78"
    )
    assert headline.severity == "high"
    assert headline.hidden_text == "$1,709.78"
    x0, y0, x1, y1 = headline.rects[0]
    assert 440 < x0 < x1 < 575 and 150 < y0 < y1 < 200  # the NET PAY box, top right


def test_white_box_hides_the_original_figure_and_the_retyped_one_is_in_a_foreign_subset(
    tmp_path: Path,
) -> None:
    report = _analysed(tmp_path, "APP-1002", "paystub")
    masked = [c for c in report.clues if c.check == "masking.covered_text"]
    assert {c.hidden_text for c in masked} == {"$1,709.78"}
    assert all(c.values["covered_by"] == "a white box" for c in masked)
    assert all(c.values["shown"] == "$2,709.78" for c in masked)
    fonts = [c for c in report.clues if c.check == "fonts.foreign_font"]
    assert len(fonts) == 3
    assert all(c.values["subset"] and c.values["value"] == "$2,709.78" for c in fonts)


def test_scan_text_layer_that_disagrees_with_its_picture_is_found(tmp_path: Path) -> None:
    report = _analysed(tmp_path, "APP-1005", "w2")
    disagree = [c for c in report.clues if c.check == "text_layer.disagrees"]
    assert disagree
    assert {(c.values["text_layer"], c.values["picture"]) for c in disagree} == {
        ("$41,870.00", "$31,870.00")
    }


def test_invisible_text_without_a_picture_is_hidden_text(tmp_path: Path) -> None:
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Gross pay $3,000.00", fontname="helv", fontsize=11)
    page.insert_text((72, 130), "$5,000.00", fontname="helv", fontsize=11, render_mode=3)
    page.insert_text((72, 160), "secret", fontname="helv", fontsize=11, color=(1, 1, 1))
    path = corpus.write(tmp_path, "hidden.pdf", doc.tobytes())
    report = analyse(path)
    hidden = {
        c.hidden_text: c.values["how"] for c in report.clues if c.check == "masking.hidden_text"
    }
    assert hidden == {
        "$5,000.00": "drawn invisibly (render mode 3)",
        "secret": "white on white paper",
    }


@pytest.mark.parametrize("label", corpus.CLEAN_LABELS)
def test_clean_demo_documents_raise_nothing_at_high_severity(tmp_path: Path, label: str) -> None:
    for index, (spec, data) in enumerate(corpus.demo_documents(label)):
        report = analyse(corpus.write(tmp_path, f"{index}.pdf", data))
        high = [c.summary for c in report.clues if c.severity == "high"]
        assert high == [], (label, spec.document_id)
        assert report.could_not == ()


def test_exif_of_a_photo_names_camera_and_software(tmp_path: Path) -> None:
    report = analyse(corpus.write(tmp_path, "photo.jpg", corpus.jpeg_with_exif()))
    assert report.timeline.camera == "Apple iPhone 13"
    assert "Adobe Photoshop 25.1" in report.timeline.tools
    assert report.timeline.modified == "2026-11-09T08:00:00"


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (lambda: corpus.deep_chain(10_000), "saved 10,001 times"),
        (corpus.prev_loop, "/Prev link loops back on itself"),
        (corpus.xref_outside, "points outside the file"),
        (corpus.huge_xmp, "XMP metadata packet is"),
        (corpus.xmp_bomb, "inflates past 1 MB"),
    ],
    ids=["chain-10000", "prev-loop", "xref-outside", "huge-xmp", "xmp-bomb"],
)
def test_hostile_structure_is_reported_in_words(tmp_path: Path, build, words: str) -> None:  # type: ignore[no-untyped-def]
    report = analyse(corpus.write(tmp_path, "hostile.pdf", build()))
    assert any(
        line.startswith("could not analyse: ") and words in line for line in report.could_not
    ), report.could_not


def test_not_a_document_is_a_could_not_analyse_line(tmp_path: Path) -> None:
    report = analyse(corpus.write(tmp_path, "junk.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 1000))
    assert report.clues == () or report.could_not


def test_the_fingerprint_tells_a_renamed_copy_from_the_same_template_with_other_figures(
    tmp_path: Path,
) -> None:
    # APP-1016's stub is APP-1017's middle stub with another name; APP-1017's other stubs
    # come from the same template with other figures (a later period: other YTD amounts)
    (copy,) = [d for spec, d in corpus.demo_documents("APP-1016") if spec.kind == "paystub"]
    theirs = [d for spec, d in corpus.demo_documents("APP-1017") if spec.kind == "paystub"]
    prints = [
        analyse(corpus.write(tmp_path, f"{n}.pdf", data)).fingerprint
        for n, data in enumerate([copy, *theirs])
    ]
    renamed, first, middle, last = prints
    assert copy != theirs[1]  # another file (another name printed on it) ...
    assert (renamed.template, renamed.figures) == (middle.template, middle.figures)  # ... alike
    assert renamed.figures is not None
    assert first.template == middle.template == last.template  # one generator's layout
    assert len({first.figures, middle.figures, last.figures}) == 3
