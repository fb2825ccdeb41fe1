"""Speed of PDF reading (pages per second) and the candidate libraries compared.

    .venv/bin/python benchmarks/pdf.py [PDF ...] [--repeat 3]

Default inputs: the PDF test documents (tests/data/documents/*.pdf). For each file it prints
the pages, then the median time of `--repeat` runs and pages per second of:

- reportcheck's reader (read/pdf.py on pypdfium2: characters with geometry, columns, headers
  and footers, footnotes, paragraphs);
- each candidate library that is installed, doing the least it would have to do (every
  character with its position, or plain text where that is all it gives): pypdfium2's
  per-character calls, pdfplumber's `chars` (pdfminer.six), pypdf's `extract_text`.

The text quality of the reader (figures kept against the text version, findings, pages) is
measured by tests/test_documents.py.
"""
from __future__ import annotations

import sys
from pathlib import Path

# this folder holds a numbers.py, which would shadow the standard library's module
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402


def _time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def reportcheck_reader(path: Path):
    from reportcheck.read.pdf import read_pdf

    data = path.read_bytes()
    return lambda: read_pdf(path, data)


def pypdfium2_chars(path: Path):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    def run():
        pdf = pdfium.PdfDocument(str(path))
        for page in pdf:
            tp = page.get_textpage()
            box = raw.FS_RECTF()
            for k in range(tp.count_chars()):
                raw.FPDFText_GetUnicode(tp.raw, k)
                raw.FPDFText_GetLooseCharBox(tp.raw, k, box)
                raw.FPDFText_GetFontSize(tp.raw, k)
        pdf.close()
    return run


def pdfplumber_chars(path: Path):
    import pdfplumber

    def run():
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                _ = [(c["text"], c["x0"], c["top"], c["size"]) for c in page.chars]
    return run


def pypdf_text(path: Path):
    import pypdf

    def run():
        reader = pypdf.PdfReader(str(path))
        for page in reader.pages:
            page.extract_text()
    return run


CANDIDATES = {
    "reportcheck (pypdfium2)": reportcheck_reader,
    "pypdfium2 chars": pypdfium2_chars,
    "pdfplumber chars": pdfplumber_chars,
    "pypdf text": pypdf_text,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    pdfs = args.pdfs or sorted((ROOT / "tests" / "data" / "documents").glob("*.pdf"))
    import pypdfium2 as pdfium

    total: dict[str, list[float]] = {}
    pages_all = 0
    for path in pdfs:
        pdf = pdfium.PdfDocument(str(path))
        pages = len(pdf)
        pdf.close()
        pages_all += pages
        print(f"{path.name}: {pages} pages")
        for name, make in CANDIDATES.items():
            try:
                fn = make(path)
                seconds = _time(fn, args.repeat)
            except ImportError:
                print(f"  {name:26s} not installed")
                continue
            total.setdefault(name, []).append(seconds)
            print(f"  {name:26s} {seconds:7.3f} s  {pages / seconds:7.1f} pages/s")
    print(f"all: {pages_all} pages")
    for name, secs in total.items():
        if len(secs) == len(pdfs):
            print(f"  {name:26s} {sum(secs):7.3f} s  {pages_all / sum(secs):7.1f} pages/s")


if __name__ == "__main__":
    main()
