"""Structural checks of the book's LaTeX, read from the chapters themselves.

Usage: book-structure.py chapters/*.nw

Prints one line per problem, prefixed by its kind, and nothing when all is
well; tests/build.t counts the lines of each kind:
    float-caption  FILE ENV  a figure or table without \\caption
    float-label    FILE ENV  ... without \\label
    unreferenced   FILE LABEL  a float whose label no \\ref in the prose names
    figure-input   FILE NAME   a figure that does not \\input exactly one fig-*.tex
    figure-root    FILE NAME   an \\input{fig-NAME.tex} with no <<fig-NAME.gp>> root
    heading-code   FILE TEXT   [[...]] in a chapter, section or caption title
    code-wide      FILE:LINE   a code line wider than CODE_COLUMNS characters
    chunk-long     FILE:LINE   a chunk longer than CHUNK_LINES lines
    chunk-bare     FILE:LINE   a chunk with no prose before it (it follows the
                               previous chunk's @ line, or a heading, directly)
Code chunks are skipped by the LaTeX checks: only documentation is LaTeX.
"""
import re
import sys


def documentation(text):
    """The documentation parts of a noweb file, code chunks blanked out."""
    out, in_code = [], False
    for line in text.split('\n'):
        if re.match(r'^<<.*>>=\s*$', line):
            in_code = True
            out.append('')
        elif in_code and (line.startswith('@ ') or line == '@'):
            in_code = False
            out.append('')
        else:
            out.append('' if in_code else line)
    return '\n'.join(out)


def strip_comments(tex):
    return re.sub(r'(?<!\\)%.*', '', tex)


def balanced(text, start):
    """The text of the {...} group opening at text[start], or None."""
    if start >= len(text) or text[start] != '{':
        return None
    depth = 0
    for i in range(start, len(text)):
        if text[i] == '{' and text[i - 1] != '\\':
            depth += 1
        elif text[i] == '}' and text[i - 1] != '\\':
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
    return None


# Code is set in footnotesize typewriter: 88 characters fill the text width
# (14.5 cm) beside the chunk's margin tag; a wider line runs into the margin.
CODE_COLUMNS = 88
# A chunk is read on one screen, and on one page with its prose.
CHUNK_LINES = 45


def code_shape(f, text):
    """Problems with the code chunks' width and length."""
    start, previous = None, ''
    for n, line in enumerate(text.split('\n'), 1):
        if re.match(r'^<<.*>>=\s*$', line):
            if re.match(r'^@( |$)', previous) or re.match(r'^\\(sub)*section', previous):
                print('chunk-bare', '%s:%d' % (f, n))
            start = n
        elif start and (line.startswith('@ ') or line == '@'):
            if n - start - 1 > CHUNK_LINES:
                print('chunk-long', '%s:%d' % (f, start))
            start = None
        elif start and len(line.expandtabs()) > CODE_COLUMNS:
            print('code-wide', '%s:%d' % (f, n))
        if line.strip():
            previous = line


def main(files):
    for f in files:
        code_shape(f, open(f).read())
    docs = {f: strip_comments(documentation(open(f).read())) for f in files}
    roots = set()
    for f in files:
        roots.update(re.findall(r'^<<(fig-[^>]*)\.gp>>=', open(f).read(), re.M))
    floats = []  # (file, env, body)
    for f, tex in docs.items():
        for m in re.finditer(r'\\begin\{(figure|table)\*?\}(.*?)\\end\{\1\*?\}', tex, re.S):
            floats.append((f, m.group(1), m.group(2)))
    # \ref anywhere in the prose outside the float that carries the label
    float_bodies = [body for _, _, body in floats]
    prose = '\n'.join(docs.values())
    for body in float_bodies:
        prose = prose.replace(body, '')
    referenced = set(re.findall(r'\\(?:ref|autoref|pageref)\{([^}]*)\}', prose))
    for f, env, body in floats:
        if '\\caption' not in body:
            print('float-caption', f, env)
        labels = re.findall(r'\\label\{([^}]*)\}', body)
        if not labels:
            print('float-label', f, env)
        for label in labels:
            if label not in referenced:
                print('unreferenced', f, label)
        if env == 'figure':
            inputs = re.findall(r'\\input\{(fig-[^}]*)\.tex\}', body)
            if len(inputs) != 1:
                print('figure-input', f, ','.join(inputs) or '-')
            for name in inputs:
                if name not in roots:
                    print('figure-root', f, name)
    for f, tex in docs.items():
        for m in re.finditer(r'\\(?:chapter|section|subsection|subsubsection|paragraph|caption)\*?', tex):
            i = m.end()
            while i < len(tex) and tex[i] in ' \n':
                i += 1
            if i < len(tex) and tex[i] == '[':
                j = tex.index(']', i)
                if '[[' in tex[i:j + 1].replace('[', '', 1):
                    print('heading-code', f, tex[i:j + 1][:60])
                i = j + 1
            title = balanced(tex, i)
            if title and '[[' in title:
                print('heading-code', f, title[:60].replace('\n', ' '))


if __name__ == '__main__':
    main(sys.argv[1:])
