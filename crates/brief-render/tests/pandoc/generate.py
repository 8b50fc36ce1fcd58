#!/usr/bin/env python3
"""Writes expected/<brief>.<style>.json: what Pandoc 3's citeproc makes of the citations in
inputs/<brief>.md, with the sources in inputs/<brief>.json (CSL-JSON, from
`Source::to_csl_json`) and the style in styles/<style>.csl (hayagriva's bundled style, written
back to XML). The Rust test `pandoc::citations_match_pandoc` compares brief's output with these.

The inputs are written by `BRIEF_UPDATE_PANDOC=1 cargo test -p brief-render pandoc`.

Run (Pandoc comes from the `pypandoc-binary` wheel, which ships a pandoc binary):

    python3 -m venv /tmp/pandoc-venv
    /tmp/pandoc-venv/bin/pip install pypandoc-binary==1.17
    /tmp/pandoc-venv/bin/python crates/brief-render/tests/pandoc/generate.py

For each brief and style it runs:

    pandoc --citeproc --csl styles/<style>.csl --bibliography inputs/<brief>.json \
           --from markdown --to html --wrap=none --metadata lang=en-US inputs/<brief>.md
"""

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
STYLES = ["chicago-notes", "chicago-author-date", "apa"]


def pandoc_binary() -> str:
    try:
        import pypandoc  # type: ignore

        return pypandoc.get_pandoc_path()
    except Exception:  # noqa: BLE001 - fall back to the PATH
        return "pandoc"


class Extract(HTMLParser):
    """Collects the `C<n>:` paragraphs, the footnotes and the bibliography entries as text,
    with italics between `*` and bold between `**`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[dict] = []
        self.notes: dict[str, str] = {}
        self.bibliography: dict[str, str] = {}
        self.stack: list[tuple[str, dict]] = []
        self.target: list[str] | None = None
        self.skip_depth = 0
        self.current_note: str | None = None
        self.current_ref: str | None = None
        self.in_paragraph = False
        self.paragraph_notes: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.stack.append((tag, attrs))
        cls = attrs.get("class") or ""
        if self.skip_depth:
            self.skip_depth += 1
            return
        if tag == "a" and ("footnote-ref" in cls or "footnote-back" in cls):
            if "footnote-ref" in cls:
                self.paragraph_notes.append(attrs.get("href", "").lstrip("#"))
            self.skip_depth = 1
            return
        if tag == "li" and (attrs.get("id") or "").startswith("fn"):
            self.current_note = attrs["id"]
            self.target = []
        elif tag == "div" and "csl-entry" in cls:
            self.current_ref = (attrs.get("id") or "")[len("ref-"):]
            self.target = []
        elif tag == "p" and self.current_note is None and self.current_ref is None:
            self.in_paragraph = True
            self.paragraph_notes = []
            self.target = []
        elif tag in ("em", "i") and self.target is not None:
            self.target.append("*")
        elif tag in ("strong", "b") and self.target is not None:
            self.target.append("**")

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if tag in ("em", "i") and self.target is not None:
            self.target.append("*")
        elif tag in ("strong", "b") and self.target is not None:
            self.target.append("**")
        elif tag == "li" and self.current_note is not None:
            self.notes[self.current_note] = clean("".join(self.target or []))
            self.current_note = None
            self.target = None
        elif tag == "div" and self.current_ref is not None and self.target is not None:
            self.bibliography[self.current_ref] = clean("".join(self.target))
            self.current_ref = None
            self.target = None
        elif tag == "p" and self.in_paragraph:
            text = clean("".join(self.target or []))
            self.paragraphs.append({"text": text, "notes": list(self.paragraph_notes)})
            self.in_paragraph = False
            self.target = None

    def handle_data(self, data):
        if not self.skip_depth and self.target is not None:
            self.target.append(data)


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def run(brief: str, style: str) -> dict:
    command = [
        pandoc_binary(),
        "--citeproc",
        "--csl", str(HERE / "styles" / f"{style}.csl"),
        "--bibliography", str(HERE / "inputs" / f"{brief}.json"),
        "--from", "markdown",
        "--to", "html",
        "--wrap=none",
        "--metadata", "lang=en-US",
        str(HERE / "inputs" / f"{brief}.md"),
    ]
    html = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    parser = Extract()
    parser.feed(html)
    citations = []
    for paragraph in parser.paragraphs:
        match = re.match(r"C(\d+):\s*(.*)", paragraph["text"])
        if not match:
            continue
        note = None
        if paragraph["notes"]:
            note = parser.notes.get(paragraph["notes"][0])
        citations.append({"text": match.group(2), "note": note})
    return {"citations": citations, "bibliography": parser.bibliography}


def main() -> int:
    briefs = sorted(p.stem for p in (HERE / "inputs").glob("*.md"))
    version = subprocess.run([pandoc_binary(), "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    for brief in briefs:
        for style in STYLES:
            result = run(brief, style)
            result = {"pandoc": version, **result}
            out = HERE / "expected" / f"{brief}.{style}.json"
            out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"wrote {out.relative_to(HERE)}: {len(result['citations'])} citations, {len(result['bibliography'])} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
