#!/usr/bin/env python3
# variant.py IN OUT: the executable jar without SPI Fly and ASM, slf4j.api and logback.classic asking for no mediator
import zipfile, io, sys, re
def unfold(mf):
    lines = mf.replace('\r', '').split('\n'); out = []
    for l in lines:
        if l.startswith(' ') and out: out[-1] += l[1:]
        else: out.append(l)
    return [l for l in out if l]
def fold(headers):
    out = []
    for h in headers:
        b = h.encode()
        first = True
        while b:
            n = 72 if first else 71
            chunk, b = b[:n], b[n:]
            # don't split utf-8
            out.append((b'' if first else b' ') + chunk); first = False
    return b'\r\n'.join(out) + b'\r\n\r\n'
def fix(jarbytes, edit):
    zin = zipfile.ZipFile(io.BytesIO(jarbytes)); bio = io.BytesIO()
    zout = zipfile.ZipFile(bio, 'w', zipfile.ZIP_STORED)
    for i in zin.infolist():
        data = zin.read(i.filename)
        if i.filename == 'META-INF/MANIFEST.MF':
            data = fold(edit(unfold(data.decode())))
        zi = zipfile.ZipInfo(i.filename, i.date_time); zi.compress_type = zipfile.ZIP_STORED
        zout.writestr(zi, data)
    zout.close(); return bio.getvalue()
def set_header(hs, name, value):
    hs = [h for h in hs if not h.startswith(name + ':')]
    if value is not None: hs.append(f'{name}: {value}')
    return hs
def slf4j(hs):
    hs = set_header(hs, 'Require-Capability', 'osgi.ee;filter:="(&(osgi.ee=JavaSE)(version=1.8))"')
    return set_header(hs, 'DynamicImport-Package', 'ch.qos.logback.classic.spi')
def logback(hs):
    return set_header(hs, 'Require-Capability', 'osgi.ee;filter:="(&(osgi.ee=JavaSE)(version=11))"')
drop = re.compile(r'jar/(asm-[a-z-]*9|org\.apache\.aries\.spifly)')
zin = zipfile.ZipFile(sys.argv[1]); zout = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_STORED)
for i in zin.infolist():
    if drop.match(i.filename): continue
    data = zin.read(i.filename)
    if i.filename.startswith('jar/slf4j-api'): data = fix(data, slf4j)
    elif i.filename.startswith('jar/logback-classic'): data = fix(data, logback)
    elif i.filename == 'launcher.properties':
        t = data.decode()
        t = re.sub(r'jar/(asm-[a-z-]*9\.7\.1|org\.apache\.aries\.spifly\.dynamic\.bundle-1\.3\.7)\.jar,', '', t)
        data = t.encode()
    zi = zipfile.ZipInfo(i.filename, i.date_time); zi.compress_type = zipfile.ZIP_STORED; zi.external_attr = i.external_attr
    zout.writestr(zi, data)
zout.close()
