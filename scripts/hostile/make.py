"""Writes the hostile-input cases of issue 14 into a folder (generated, never committed): one file per
case, named for it. usage: make.py FOLDER [--small | --scale N]  (--small: each case at a tenth of
its size, for a quick look; --scale N: at 1/N, as the tests make them)."""
import gzip
import json
import os
import subprocess
import sys


def article(i, text, **extra):
    return json.dumps({"id": f"a{i}", "title": f"خبر {i}", "text": text, **extra}, ensure_ascii=False)


def main():
    folder = sys.argv[1]
    scale = 10 if "--small" in sys.argv else 1
    if "--scale" in sys.argv:
        scale = int(sys.argv[sys.argv.index("--scale") + 1])
    os.makedirs(folder, exist_ok=True)
    path = lambda name: os.path.join(folder, name)

    # Decompression bombs: zeros pack a thousand to one and more.
    zeros_xz = (3 << 30) // scale
    subprocess.run(f"head -c {zeros_xz} /dev/zero | xz -0 -T1 > '{path('bomb-3gb-zeros.jsonl.xz')}'", shell=True, check=True)
    zeros_gz = (1 << 30) // scale
    subprocess.run(f"head -c {zeros_gz} /dev/zero | gzip -1 > '{path('bomb-1gb-zeros.jsonl.gz')}'", shell=True, check=True)

    # HTML nested 100,000 deep, and a page of 9 MB (under the 10 MB article limit).
    depth = 100_000 // scale
    with open(path("nested-100k.html"), "w") as f:
        f.write("<html><body>" + "<div>" * depth + "<p>نص في العمق</p>" + "</div>" * depth + "</body></html>")
    with open(path("huge-9mb.html"), "w") as f:
        f.write("<html><head><title>صفحة كبيرة</title></head><body>")
        paragraph = "<p>" + "أعلنت الوزارة اليوم عن خطة جديدة لتطوير التعليم في المدارس الحكومية. " * 20 + "</p>\n"
        written = 0
        while written < (9 << 20) // scale:
            f.write(paragraph)
            written += len(paragraph.encode())
        f.write("</body></html>")

    # One JSON Lines record of 200 MB on a single line (over the 10 MB article limit).
    with open(path("one-line-200mb.jsonl"), "w") as f:
        f.write('{"id": "huge", "text": "')
        chunk = "كلمة " * 100_000
        written = 0
        while written < (200 << 20) // scale:
            f.write(chunk)
            written += len(chunk.encode())
        f.write('"}\n')
        f.write(article(2, "سطر عادي بعد السطر الكبير عن زيارة الرئيس.") + "\n")

    # A million tiny articles; 300,000 copies of one line.
    with open(path("tiny-1m.jsonl"), "w") as f:
        for i in range(1_000_000 // scale):
            f.write(article(i, f"خبر قصير رقم {i}.") + "\n")
    with open(path("copies-300k.jsonl"), "w") as f:
        line = "قال المتحدث باسم الوزارة إن الاجتماع سيعقد غدا في العاصمة لبحث الأوضاع الاقتصادية."
        for i in range(300_000 // scale):
            f.write(article(i, line) + "\n")

    # NUL bytes (escaped and raw), bidi controls, very long words and lines, the year 99999.
    with open(path("nul-bytes.jsonl"), "wb") as f:
        f.write((article(1, "نص\u0000فيه\u0000صفر") + "\n").encode())
        f.write(b'{"id": "raw", "text": "\xd9\x86\xd8\xb5\x00\x00\xd8\xae\xd8\xa7\xd9\x85"}\n')
        f.write(b"\x00" * 4096 + b"\n")
    with open(path("bidi-controls.txt"), "w") as f:
        f.write("\u202eأعلنت\u202c الوزارة \u2066اليوم\u2069 عن \u200fخطة\u200e جديدة \u061c\u200b.\n" * 200)
    with open(path("long-word-5mb.txt"), "w") as f:
        f.write("ب" * ((5 << 20) // 2 // scale))
    with open(path("long-line-5mb.txt"), "w") as f:
        f.write(("الرئيس قال إن الحكومة ستعمل " * ((5 << 20) // 52 // scale)).strip())
    with open(path("year-99999.jsonl"), "w") as f:
        f.write(article(1, "في عام 99999 ستنتهي الخطة، وفي 31/12/99999 تبدأ أخرى.", published="99999-01-01") + "\n")
        f.write(article(2, "اجتماع في 1 يناير 99999 الساعة 25:61.", published="+099999-13-40T99:99") + "\n")


if __name__ == "__main__":
    main()
