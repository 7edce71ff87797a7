"""The viewer's revision switcher and "reveal hidden text" on the demo's edited pay stub."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reviewer.documents.forensics.analysis import analyse
from reviewer.review.forensics import report_findings
from tests.documents import forensics_corpus as corpus
from tests.ui.test_viewer import _doc, pane, renderer

__all__ = ["pane", "renderer"]

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture(scope="module")
def edited_stub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    (data,) = [d for spec, d in corpus.demo_documents("APP-1002") if spec.incremental_edits]
    return corpus.write(tmp_path_factory.mktemp("stub"), "stub.pdf", data)


def _open_with_findings(qtbot, pane, path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(path)
    findings = report_findings(doc, analyse(path))
    with qtbot.waitSignal(pane.target_painted, timeout=30000):
        pane.show_document(doc, path, [], 1)
    pane.forensics.show_findings(doc.document_id, findings)


def test_the_switcher_flips_to_the_original_revision_and_back(qtbot, pane, edited_stub) -> None:
    _open_with_findings(qtbot, pane, edited_stub)
    bar = pane.forensics
    assert bar.isVisible()
    assert "Revision 2 of 2" in bar.label.text()
    qtbot.waitUntil(lambda: pane._image_for(0) is not None, timeout=20000)
    submitted = pane._image_for(0)
    qtbot.mouseClick(bar.earlier, Qt.MouseButton.LeftButton)
    assert "Revision 1 of 2" in bar.label.text()
    assert not bar.earlier.isEnabled()
    qtbot.waitUntil(lambda: pane._image_for(0) is not None, timeout=20000)
    original = pane._image_for(0)
    assert original is not None and submitted is not None
    assert original.size() == submitted.size()
    assert original != submitted  # the net pay differs between the two revisions
    # the place the next revision changed is outlined: three places on page 1
    assert [c.page for c in bar.view.changes if c.to_revision == 2] == [1, 1, 1]
    qtbot.keyClick(pane.pages, Qt.Key.Key_BracketRight)
    assert "Revision 2 of 2" in bar.label.text()
    qtbot.waitUntil(lambda: pane._image_for(0) is not None, timeout=20000)
    assert pane._image_for(0) == submitted


def test_reveal_draws_the_masked_figure_over_the_page(qtbot, pane, edited_stub) -> None:
    _open_with_findings(qtbot, pane, edited_stub)
    bar = pane.forensics
    assert {h.text for h in bar.view.hidden} == {"$1,709.78"}
    qtbot.waitUntil(lambda: pane._image_for(0) is not None, timeout=20000)
    before = pane.pages.viewport().grab().toImage()
    qtbot.keyClick(pane.pages, Qt.Key.Key_V)
    assert bar.reveal.isChecked()
    after = pane.pages.viewport().grab().toImage()
    assert before != after
