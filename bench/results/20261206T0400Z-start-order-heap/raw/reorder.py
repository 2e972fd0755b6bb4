import sys, zipfile
src, dst, last = sys.argv[1], sys.argv[2], sys.argv[3].split(',')
zin = zipfile.ZipFile(src)
zout = zipfile.ZipFile(dst, 'w', zipfile.ZIP_STORED)
for info in zin.infolist():
    data = zin.read(info.filename)
    if info.filename == 'launcher.properties':
        lines = data.decode('latin-1').split('\n')
        for i, l in enumerate(lines):
            if l.startswith('launch.bundles='):
                b = l[len('launch.bundles='):].split(',')
                tail = [x for x in b if any(x.startswith('jar/' + p + '-') for p in last)]
                head = [x for x in b if x not in tail]
                print('moved', tail, file=sys.stderr)
                lines[i] = 'launch.bundles=' + ','.join(head + tail)
        data = '\n'.join(lines).encode('latin-1')
    zi = zipfile.ZipInfo(info.filename, info.date_time); zi.compress_type = info.compress_type; zi.external_attr = info.external_attr
    zout.writestr(zi, data)
zout.close()
