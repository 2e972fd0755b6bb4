import sys, collections, re
# owners.py <collapsed cpu profile> <calls in the window>: CPU samples (1 ms) by who does the work, innermost owner
# frame of each sample (JVM threads by thread), as ms per call
f, calls = sys.argv[1], int(sys.argv[2])
rules = [
    (r'^org/h2/', 'H2 (the store)'),
    (r'^org/switchboard/store/', 'recorder: our store code'),
    (r'^org/switchboard/sip/internal/(CallRecorder|SipMessages)', 'recorder: capturing records'),
    (r'^ch/qos/logback|^org/slf4j', 'logging'),
    (r'^org/switchboard/sip/internal/(FrontDoor|RawMessage|GuardedParser)', 'front door (pre-parse checks)'),
    (r'^org/switchboard/media/', 'media (RTP sessions)'),
    (r'^org/switchboard/flow/', 'flow runtime'),
    (r'^io/prometheus|^org/switchboard/.*/(Metrics|metrics)', 'metrics'),
    (r'^gov/nist/|^javax/sip/|^org/switchboard/jainsip/', 'JAIN-SIP RI'),
    (r'^org/switchboard/', 'Switchboard other (SIP processors, routing, calls)'),
]
by = collections.Counter(); total = 0
for line in open(f):
    stack, n = line.rstrip().rsplit(' ', 1); n = int(n); total += n
    parts = stack.split(';')
    th = parts[0]
    owner = None
    if 'CompilerThre' in th: owner = 'JIT compilers'
    elif 'GC Thread' in th or 'G1 ' in th or 'VM Thread' in th: owner = 'GC and VM'
    else:
        for p in reversed(parts[1:]):
            for pat, name in rules:
                if re.match(pat, p): owner = name; break
            if owner: break
    by[owner or 'other (JDK, kernel, threads outside any owner)'] += n
print(f'samples {total} ({total/calls:.3f} ms per call over {calls} calls)')
for k, n in by.most_common(): print(f'{n/calls:7.3f} ms/call {100*n/total:5.1f}% {k}')
