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
    index-clash    NAME FILE:LINE FILE:LINE...  an identifier that @ %def defines
                               in chunks of different programs (roots): noweb's
                               index merges them into one entry, and a reader
                               who follows it lands in the wrong program
    prose-identifier FILE:LINE NAME  a code identifier in the prose outside
                               [[...]]: print the value (a program's macro), or
                               quote the name as code when the text points at it
    pending-...    the same, in a chapter whose fix is pending (PENDING below):
                               reported, not counted
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
        elif line.startswith('@ %def '):
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


# Chapters that others are still rewriting (issue 18: pending): their
# index-clash and prose-identifier problems are printed as pending-KIND, which
# tests/build.t reports without failing.  Remove a chapter once it is fixed.
PENDING = set()   # every chapter is held to both rules now


def report(kind, f, *rest):
    """Print a problem found in file f, marked pending if f's fix is."""
    if f.split('/')[-1] in PENDING:
        kind = 'pending-' + kind
    print(kind, *rest)


def chunks(files):
    """The chunks of all files: {name: [(file, first line, [lines])]}, and the
    @ %def lines: [(file, line, chunk, [names])].  Consecutive @ %def lines
    belong to the chunk just closed."""
    defs, body = [], {}
    for f in files:
        current = last = None
        for n, line in enumerate(open(f).read().split('\n'), 1):
            m = re.match(r'^<<(.*)>>=\s*$', line)
            if m:
                current = last = m.group(1)
                body.setdefault(current, []).append((f, n, []))
            elif line.startswith('@ %def '):
                defs.append((f, n, last, line.split()[2:]))
                current = None
            elif current and (line.startswith('@ ') or line == '@'):
                current = None
            elif current:
                body[current][-1][2].append(line)
    return body, defs


def roots_of(body):
    """{chunk: the set of roots whose tangled file it reaches}."""
    uses = {c: set(u for _, _, lines in parts for line in lines
                   for u in re.findall(r'<<(.*?)>>', line) if u in body)
            for c, parts in body.items()}
    used = set().union(*uses.values()) if uses else set()
    reach = {c: set() for c in body}
    for root in (c for c in body if c not in used):
        todo = [root]
        while todo:
            c = todo.pop()
            if root not in reach[c]:
                reach[c].add(root)
                todo.extend(uses[c])
    return reach


def index_clashes(defs, reach):
    """An identifier defined by @ %def in chunks that reach different roots.
    A chunk shared by two programs defines its names once: what is compared is
    where each @ %def stands."""
    where = {}
    for f, n, chunk, names in defs:
        for name in names:
            where.setdefault(name, []).append((f, n, frozenset(reach.get(chunk, ()))))
    for name, places in sorted(where.items()):
        if len(set(r for _, _, r in places)) > 1:
            report('index-clash', places[0][0], name,
                   *('%s:%d' % (f, n) for f, n, _ in places))


def looks_like_code(name, code):
    """Whether a name is one a reader would only meet in code: it has an
    underscore, or is ALL_CAPS with two letters or more, or some chunk calls
    or declares it as a function.  Returns 'word' for a function named by a
    plain lowercase word (sweep, mean, rate): English uses those too, so the
    prose names the function only when it writes a call, sweep(...)."""
    if '_' in name:
        return True
    if re.fullmatch(r'[A-Z][A-Z0-9]*', name) and len(re.findall('[A-Z]', name)) >= 2:
        return True
    if any(re.search(r'\b%s\(' % re.escape(name), line)
           for parts in code.values() for _, _, lines in parts for line in lines):
        return 'word' if re.fullmatch('[a-z]+', name) else True
    return False


def blank(m):
    """A match's text blanked, its line breaks kept (problems name lines)."""
    return re.sub(r'[^\n]', ' ', m.group(0))


# Arguments that name things rather than say them.
NAME_ARGS = r'ref|autoref|pageref|eqref|label|cite[tp]?|citep|citet|input|include|' \
            r'includegraphics|url|href|nwanchorto|hyperref|bibliography|bibliographystyle'


def prose_words(tex):
    """The documentation's words outside [[code]], <<chunk names>>, math,
    LaTeX command names and the arguments that name things."""
    tex = re.sub(r'\[\[.*?\]\]+', blank, tex, flags=re.S)
    tex = re.sub(r'<<.*?>>', blank, tex)
    tex = re.sub(r'\\\[.*?\\\]|\\\(.*?\\\)|\$\$.*?\$\$|(?<!\\)\$.*?(?<!\\)\$', blank, tex,
                 flags=re.S)
    tex = re.sub(r'\\begin\{(equation|align|gather|multline|eqnarray)(\*?)\}.*?'
                 r'\\end\{\1\2\}', blank, tex, flags=re.S)
    tex = re.sub(r'\\(?:%s)\*?(\[[^]]*\])?\{[^}]*\}' % NAME_ARGS, blank, tex)
    tex = re.sub(r'\\begin\{[^}]*\}|\\end\{[^}]*\}', ' ', tex)
    tex = tex.replace('\\_', '_')
    tex = re.sub(r'\\[A-Za-z@]+', ' ', tex)
    return tex


def prose_identifiers(docs, defs, code):
    """Code identifiers that the prose names outside [[...]]."""
    names = set(name for _, _, _, ns in defs for name in ns)
    kind = {name: looks_like_code(name, code) for name in names}
    for f, tex in docs.items():
        for n, line in enumerate(prose_words(tex).split('\n'), 1):
            for m in re.finditer(r'(?<![\w.-])[A-Za-z_][A-Za-z0-9_]*(?![\w-])', line):
                word = m.group(0)
                if kind.get(word) is True or \
                        (kind.get(word) == 'word' and line[m.end():m.end() + 1] == '('):
                    report('prose-identifier', f, '%s:%d' % (f, n), word)


def main(files):
    for f in files:
        code_shape(f, open(f).read())
    code, defs = chunks(files)
    index_clashes(defs, roots_of(code))
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
    prose_identifiers(docs, defs, code)


if __name__ == '__main__':
    main(sys.argv[1:])
