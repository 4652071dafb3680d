#!/usr/bin/env python3
"""Summarise compare-java.sh output folders as markdown tables: ours vs Java Lucene per corpus size.

usage: summarize-compare.py RESULTS_DIR   (holding dotnet-N/scale.json, dotnet-N/scale-details.json, java-N/*.log, *.time)
"""
import json, os, re, sys

root = sys.argv[1]
sizes = sorted(int(d.split('-')[1]) for d in os.listdir(root) if d.startswith('dotnet-') and os.path.exists(os.path.join(root, d, 'scale.json')))

def java(n, log='search.log'):
    d = os.path.join(root, f'java-{n}')
    if not os.path.exists(os.path.join(d, log)):
        return None
    idx, srch = open(os.path.join(d, 'index.log')).read(), open(os.path.join(d, log)).read()
    num = lambda pat, s: float(re.search(pat, s).group(1))
    def cpu(f):
        t = open(os.path.join(d, f)).read()
        return num(r'User time \(seconds\): ([\d.]+)', t) + num(r'System time \(seconds\): ([\d.]+)', t)
    lat = re.search(r'latency_ms\s+p50 ([\d.]+)\s+p95 ([\d.]+)\s+p99 ([\d.]+)', srch)
    return dict(docs_s=num(r'docs_per_s\s+([\d.]+)', idx), secs=num(r'seconds\s+([\d.]+)', idx), bytes=num(r'index_bytes\s+(\d+)', idx),
                rss_idx=num(r'peak_rss_bytes\s+(\d+)', idx), rss_srch=num(r'peak_rss_bytes\s+(\d+)', srch), cpu_idx=cpu('index.time'),
                p50=float(lat.group(1)), p95=float(lat.group(2)), p99=float(lat.group(3)),
                qps1=num(r'qps_threads_1\s+([\d.]+)', srch), qps2=num(r'qps_threads_2\s+([\d.]+)', srch))

mib = lambda b: f'{b / 2**20:,.0f} MiB'
ratio = lambda a, b: f'{a / b:.2f}×' if b else '–'
out = []
for n in sizes:
    s = json.load(open(os.path.join(root, f'dotnet-{n}', 'scale.json')))
    d = json.load(open(os.path.join(root, f'dotnet-{n}', 'scale-details.json')))
    j = java(n)
    jt = java(n, 'search-topk.log')
    b, sv, ex = d['build'], d['serve'], d.get('extra_builds', {})
    out.append(f'\n### {n:,} documents\n')
    out.append('| build | threads | docs/s (wall) | CPU ms/doc | index size | build peak RSS | other processes (cores) |')
    out.append('|---|---|---|---|---|---|---|')
    def row(name, x):
        out.append(f"| {name} | {x['threads']} | {x['docs_per_second']:,.0f} | {x['cpu']['own_cpu_seconds'] * 1000 / n:.2f} | {mib(x['index_bytes'])} | {mib(x['peak_rss_bytes'])} | {x['cpu']['other_processes_cores_average']:.2f} |")
    row('library (normalise + SmartCn words + bigrams, stored)', b)
    fm = b.get('force_merge')
    if fm: out.append(f"| then `ForceMergeAsync({fm['max_segments']})` (timed apart) | | {fm['seconds']:.1f} s; with the build {n / (b['seconds'] + fm['seconds']):,.0f} docs/s | | {mib(fm['index_bytes'])} | | |")
    if 'lib1' in ex: row('library', ex['lib1'])
    if 'raw1' in ex: row('raw Lucene.Net 4.8 SmartCn, 3 fields (Java-like)', ex['raw1'])
    if 'raw2' in ex: row('raw Lucene.Net 4.8 SmartCn, 3 fields (Java-like)', ex['raw2'])
    if j: out.append(f"| Java Lucene 8.7 SmartCn, 3 fields (peer default) | 1 | {j['docs_s']:,.0f} | {j['cpu_idx'] * 1000 / n:.2f} (process) | {mib(j['bytes'])} | {mib(j['rss_idx'])} | |")
    out.append('')
    out.append('| serving | p50 ms | p95 ms | p99 ms | QPS 1 caller | QPS 2 callers | 2 callers p50/p99 ms | serve peak RSS |')
    out.append('|---|---|---|---|---|---|---|---|')
    for name, k in (('ours: retrieval (BM25 ranker, top 100)', 'retrieve'), ('ours: full match (learned, 200 reranked, top 20)', 'match')):
        a, c = sv[f'{k}_1'], sv[f'{k}_2']
        out.append(f"| {name} | {a['p50_ms']:.2f} | {a['p95_ms']:.2f} | {a['p99_ms']:.2f} | {a['qps']:.0f} | {c['qps']:.0f} | {c['p50_ms']:.1f} / {c['p99_ms']:.1f} | {mib(sv['serve_peak_rss_bytes'])} |")
    if 'retrieve_exhaustive_1' in sv:
        a = sv['retrieve_exhaustive_1']
        out.append(f"| ours: retrieval scored exhaustively (pruning off, the before) | {a['p50_ms']:.2f} | {a['p95_ms']:.2f} | {a['p99_ms']:.2f} | {a['qps']:.0f} | | | |")
    if j: out.append(f"| Java: exhaustive, top 100 + ids | {j['p50']:.2f} | {j['p95']:.2f} | {j['p99']:.2f} | {j['qps1']:.0f} | {j['qps2']:.0f} | | {mib(j['rss_srch'])} |")
    if jt: out.append(f"| Java: default top-k (block-max WAND), top 100 + ids | {jt['p50']:.2f} | {jt['p95']:.2f} | {jt['p99']:.2f} | {jt['qps1']:.0f} | {jt['qps2']:.0f} | | {mib(jt['rss_srch'])} |")
    if 'retrieve_pruned_vs_exhaustive_mismatching_queries' in sv:
        out.append(f"\nPruned vs exhaustive retrieval: {sv['retrieve_pruned_vs_exhaustive_mismatching_queries']} of {sv['distinct_queries']} distinct queries differ (hits or scores).")
    out.append(f"\nSegments served: {sv['segments']}.")
    out.append(f"\nStart-up (open index + SmartCn dictionaries + model + first query): {s['startup_ms']:.0f} ms. "
               f"Other processes used {sv['cpu']['other_processes_cores_average']:.2f} cores on average while serving.")
    if j:
        lib1 = ex.get('lib1')
        out.append('\n| ratio ours / Java | value |\n|---|---|')
        out.append(f"| build docs/s, library default threads (wall) | {ratio(b['docs_per_second'], j['docs_s'])} |")
        if lib1: out.append(f"| build docs/s, library 1 thread (wall) | {ratio(lib1['docs_per_second'], j['docs_s'])} |")
        if 'raw1' in ex: out.append(f"| build docs/s, raw Lucene.Net SmartCn 1 thread (wall) | {ratio(ex['raw1']['docs_per_second'], j['docs_s'])} |")
        one = lib1 or b
        out.append(f"| build docs per CPU-second, library {one['threads']} thread(s) | {ratio(n / one['cpu']['own_cpu_seconds'], n / j['cpu_idx'])} |")
        out.append(f"| retrieval p50 / p99 (vs Java exhaustive) | {ratio(sv['retrieve_1']['p50_ms'], j['p50'])} / {ratio(sv['retrieve_1']['p99_ms'], j['p99'])} |")
        if jt: out.append(f"| retrieval p50 / p99 (vs Java default top-k, block-max WAND) | {ratio(sv['retrieve_1']['p50_ms'], jt['p50'])} / {ratio(sv['retrieve_1']['p99_ms'], jt['p99'])} |")
        out.append(f"| full match p50 / p99 (vs Java retrieval) | {ratio(sv['match_1']['p50_ms'], j['p50'])} / {ratio(sv['match_1']['p99_ms'], j['p99'])} |")
        if fm: out.append(f"| build docs/s including the merge (wall) | {ratio(n / (b['seconds'] + fm['seconds']), j['docs_s'])} |")
        out.append(f"| index size, library / raw Lucene.Net SmartCn | {ratio((fm or b)['index_bytes'], j['bytes'])}" + (f" / {ratio(ex['raw1']['index_bytes'], j['bytes'])}" if 'raw1' in ex else '') + ' |')
        out.append(f"| peak RSS: build / serving | {ratio(b['peak_rss_bytes'], j['rss_idx'])} / {ratio(sv['serve_peak_rss_bytes'], j['rss_srch'])} |")
print('\n'.join(out))
