"""List the internal links of a PDF and check that each one lands somewhere.

Usage: pdf-links.py DECOMPRESSED.pdf  (the output of `mutool clean -d`).

Reads every page's link annotations and the document's name tree of
destinations, and prints one summary line per check in the form
    links N            link annotations that go to a named destination
    noweb N            of which to a noweb chunk (noweb.NW...)
    dangling N         whose destination is not in the name tree
    chunkpages N       distinct pages that noweb links land on
and, for each dangling link, "dangling PAGE NAME".  Exit status 0 always; the
shell test decides.  Only the standard library: it must run on the
system python3 without pypdf.
"""
import re
import sys


def objects(data):
    return {int(m.group(1)): m.group(2)
            for m in re.finditer(rb'(\d+) 0 obj(.*?)endobj', data, re.S)}


def pages(objs, n):
    o = objs[n]
    if re.search(rb'/Type\s*/Pages', o):
        kids = re.search(rb'/Kids\s*\[(.*?)\]', o, re.S).group(1)
        for k in re.findall(rb'(\d+) 0 R', kids):
            yield from pages(objs, int(k))
    else:
        yield n


def destinations(objs):
    """name -> page object number, from every /Names array of the dests tree."""
    dests = {}
    for o in objs.values():
        m = re.search(rb'/Names\s*\[(.*)\]', o, re.S)
        if not m:
            continue
        for name, ref in re.findall(rb'\(((?:[^()\\]|\\.)*)\)\s*(\d+) 0 R', m.group(1)):
            target = objs.get(int(ref), b'')
            page = re.search(rb'\[\s*(\d+) 0 R', target)
            dests[name.decode('latin-1')] = int(page.group(1)) if page else None
    return dests


def main(path):
    data = open(path, 'rb').read()
    objs = objects(data)
    root = int(re.search(rb'/Root (\d+) 0 R', data).group(1))
    top = int(re.search(rb'/Pages (\d+) 0 R', objs[root]).group(1))
    page_index = {p: i for i, p in enumerate(pages(objs, top), 1)}
    dests = destinations(objs)
    links = noweb = 0
    dangling = []
    landing = set()
    for page, number in page_index.items():
        annots = re.search(rb'/Annots\s*\[(.*?)\]', objs[page], re.S)
        if not annots:
            continue
        for ref in re.findall(rb'(\d+) 0 R', annots.group(1)):
            d = re.search(rb'/D\s*\(((?:[^()\\]|\\.)*)\)', objs.get(int(ref), b''))
            if not d:
                continue
            name = d.group(1).decode('latin-1')
            links += 1
            if name.startswith('noweb.'):
                noweb += 1
            if name not in dests:
                dangling.append((number, name))
            elif name.startswith('noweb.'):
                landing.add(page_index.get(dests[name]))
    print('links', links)
    print('noweb', noweb)
    print('dangling', len(dangling))
    print('chunkpages', len(landing))
    for number, name in dangling:
        print('dangling', number, name)


if __name__ == '__main__':
    main(sys.argv[1])
