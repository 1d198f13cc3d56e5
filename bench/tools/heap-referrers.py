#!/usr/bin/env python3
"""What holds the strings of a heap dump: parses an HPROF file (jcmd <pid> GC.heap_dump), keeps one referrer per
object (the first seen) and groups every java.lang.String by its referrer chain up to the first object of an
io.innopoints (or Kafka) class. Usage: bench/tools/heap-referrers.py DUMP.hprof [TOP]. Needs about 8 GB of memory and
1.5 minutes for the 1 GB dump of a 500,000-enterprise catch-up (BENCH_APP_HEAP_DUMP=1, see bench/README.md)."""
import sys, mmap, struct, collections
path = sys.argv[1]
f = open(path, 'rb'); m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
end = m.find(b'\0')
idsize = struct.unpack('>I', m[end+1:end+5])[0]
assert idsize == 8
pos = end + 1 + 4 + 8
names = {}; classname = {}; layouts = {}; supers = {}
TS = {2: 8, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
segments = []
while pos < len(m):
    tag = m[pos]; length = struct.unpack('>I', m[pos+5:pos+9])[0]; body = pos + 9
    if tag == 0x01:
        names[struct.unpack('>Q', m[body:body+8])[0]] = m[body+8:body+length].decode('utf8', 'replace')
    elif tag == 0x02:
        cid = struct.unpack('>Q', m[body+4:body+12])[0]; nid = struct.unpack('>Q', m[body+16:body+24])[0]
        classname[cid] = nid
    elif tag in (0x0C, 0x1C):
        segments.append((body, body + length))
    pos = body + length
classname = {k: names.get(v, '?') for k, v in classname.items()}
print('classes', len(classname), 'segments', len(segments), file=sys.stderr)
Q = struct.Struct('>Q'); I = struct.Struct('>I')
def walk(handler_inst, handler_arr, handler_class):
    for s, e in segments:
        p = s
        while p < e:
            t = m[p]; p += 1
            if t == 0xFF: p += 8
            elif t == 0x01: p += 16
            elif t == 0x02: p += 16
            elif t == 0x03: p += 16
            elif t == 0x04: p += 12
            elif t == 0x05: p += 8
            elif t == 0x06: p += 12
            elif t == 0x07: p += 8
            elif t == 0x08: p += 16
            elif t == 0x20:
                start = p
                cid = Q.unpack_from(m, p)[0]; sup = Q.unpack_from(m, p+12)[0]
                p += 8+4+8*6+4
                n = struct.unpack_from('>H', m, p)[0]; p += 2
                for _ in range(n):
                    ty = m[p+2]; p += 3 + TS[ty]
                n = struct.unpack_from('>H', m, p)[0]; p += 2
                for _ in range(n):
                    ty = m[p+8]; p += 9 + TS[ty]
                n = struct.unpack_from('>H', m, p)[0]; p += 2
                fields = []
                for _ in range(n):
                    fid = Q.unpack_from(m, p)[0]; ty = m[p+8]; p += 9
                    fields.append((names.get(fid, '?'), ty))
                if handler_class: handler_class(cid, sup, fields)
            elif t == 0x21:
                oid = Q.unpack_from(m, p)[0]; cid = Q.unpack_from(m, p+12)[0]; n = I.unpack_from(m, p+20)[0]
                if handler_inst: handler_inst(oid, cid, p+24)
                p += 24 + n
            elif t == 0x22:
                oid = Q.unpack_from(m, p)[0]; n = I.unpack_from(m, p+12)[0]; cid = Q.unpack_from(m, p+16)[0]
                if handler_arr: handler_arr(oid, cid, p+24, n)
                p += 24 + 8*n
            elif t == 0x23:
                oid = Q.unpack_from(m, p)[0]; n = I.unpack_from(m, p+12)[0]; ty = m[p+16]
                if handler_arr: handler_arr(oid, -ty, None, n)
                p += 17 + TS[ty]*n
            else:
                raise Exception('tag %x at %d' % (t, p))
def on_class(cid, sup, fields):
    layouts[cid] = fields; supers[cid] = sup
walk(None, None, on_class)
# object field offsets per class, own fields first then the superclass's (HPROF order)
offs = {}
def offsets(cid):
    if cid in offs: return offs[cid]
    res = []; o = 0; c = cid
    while c and c in layouts:
        for name, ty in layouts[c]:
            if ty == 2: res.append((o, classname.get(c, '?').split('/')[-1] + '.' + name))
            o += TS[ty]
        c = supers[c]
    offs[cid] = res; return res
cls = {}
def inst1(oid, cid, p): cls[oid] = cid
def arr1(oid, cid, p, n): cls[oid] = cid
walk(inst1, arr1, None)
print('objects', len(cls), file=sys.stderr)
strcid = [c for c, n in classname.items() if n == 'java/lang/String'][0]
parent = {}
def inst2(oid, cid, p):
    for o, fname in offsets(cid):
        t = Q.unpack_from(m, p + o)[0]
        if t and t not in parent: parent[t] = (oid, fname)
def arr2(oid, cid, p, n):
    if p is None: return
    for i in range(n):
        t = Q.unpack_from(m, p + 8*i)[0]
        if t and t not in parent: parent[t] = (oid, '[]')
walk(inst2, arr2, None)
def cname(oid):
    c = cls.get(oid)
    return classname.get(c, '?') if c is not None and c >= 0 else 'prim'
groups = collections.Counter()
for oid, c in cls.items():
    if c != strcid: continue
    chain = []; cur = oid
    for _ in range(12):
        pr = parent.get(cur)
        if pr is None: chain.append('ROOT?'); break
        cur, fname = pr
        n = cname(cur)
        chain.append(fname)
        if n.startswith('io/innopoints') or ('kafka' in n and 'Map' not in n and 'Node' not in n):
            break
    groups[' <- '.join(chain)] += 1
total = sum(groups.values())
print('strings', total)
top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
for k, v in groups.most_common(top): print(f'{v:9d} {k}')
