#!/usr/bin/env python3
"""A second reader of the DfE's rules: casedesk's SSDA903 CSVs and CIN XML
judged against the rule text in shared/reference/dfe-rules-*.md, written
from that text alone and sharing nothing with casework/checks.c, so the
checks are held to the rules and not to themselves (tests/cli/dfe_reader.sh).
Postcodes come from $DFE_POSTCODES (the ONS sample casedesk ships).  Usage:
  dfe_reader.py 903 DIR YEAR [LA_ONS [ASOF]]  (DIR/YYYY-1 is last year if there)
  dfe_reader.py cin FILE.xml YEAR
ASOF (YYYY-MM-DD) judges a year still running as of that day where a rule
falls due by age or time; without it, at 31 March as the DfE does.
Prints one line per failing row: rule child detail; then counts by rule."""
import csv, os, sys, datetime as dt, collections, xml.etree.ElementTree as ET

D = dt.date
def pdate(s, iso=False):
    s = (s or '').strip()
    if not s:
        return None
    try:
        if iso:
            return dt.date.fromisoformat(s)
        d, m, y = s.split('/')
        if len(d) != 2 or len(m) != 2 or len(y) != 4:
            return None
        return D(int(y), int(m), int(d))
    except Exception:
        return None

def bday(dob, n):
    try:
        return dob.replace(year=dob.year + n)
    except ValueError:           # 29 February
        return D(dob.year + n, 3, 1)

OUT = []
def fail(rule, child, why=''):
    OUT.append((rule, child, why))

def load(dirn, name):
    p = os.path.join(dirn, name)
    if not os.path.exists(p):
        return None
    with open(p, newline='', encoding='utf-8-sig') as f:
        return [{k: (v or '').strip().upper() if k != 'CHILD' else v.strip()
                 for k, v in r.items()} for r in csv.DictReader(f)]

def postcodes():
    here = os.environ.get('DFE_POSTCODES', 'casework/data/postcodes.csv')
    m = {}
    with open(here) as f:
        for line in f:
            if line.startswith('#') or line.startswith('postcode,'):
                continue
            pc, la, name, e, n = line.rstrip('\n').split(',')[:5]
            m[pc.replace(' ', '').upper()] = (la, int(e), int(n))
    return m

# ---------------------------------------------------------------- SSDA903
def ssda903(dirn, year, la_ons, asof=None):
    S, E = D(year - 1, 4, 1), D(year, 3, 31)
    # A year still running is judged as of asof for what falls due by age
    # or time (casedesk's reading: the return so far claims nothing not
    # yet due); at 31 March otherwise.
    AE = min(E, asof) if asof else E
    T = {n: load(dirn, n + '.csv') or [] for n in
         ('header', 'episodes', 'uasc', 'reviews', 'oc2', 'oc3', 'ad1',
          'placed_for_adoption', 'previous_permanence', 'missing',
          'sw_episodes', 'DoLo')}
    last = os.path.join(dirn, str(year - 1))
    L = {n: load(last, n + '.csv') for n in
         ('header', 'episodes', 'placed_for_adoption', 'oc3', 'missing')} \
        if os.path.isdir(last) else None
    PC = postcodes()
    hdr = {r['CHILD']: r for r in T['header']}
    eps = collections.defaultdict(list)
    for r in T['episodes']:
        r['_DECOM'], r['_DEC'] = pdate(r['DECOM']), pdate(r['DEC'])
        eps[r['CHILD']].append(r)
    for c in eps:
        eps[c].sort(key=lambda r: r['_DECOM'] or D(1900, 1, 1))
    dob = {c: pdate(h['DOB']) for c, h in hdr.items()}
    uasc = {r['CHILD'] for r in T['uasc']}
    if L and L['header'] is not None:
        luasc = {r['CHILD'] for r in (load(last, 'uasc.csv') or [])}
    else:
        luasc = set()

    def cont12(c):
        es = eps.get(c, [])
        if not any(e['_DECOM'] and e['_DECOM'] <= E and (e['_DEC'] is None or e['_DEC'] >= S) for e in es):
            return False
        for e in es:
            if e['_DECOM'] and S < e['_DECOM'] <= E and e['RNE'] == 'S':
                return False
            if e['_DEC'] and S <= e['_DEC'] < E and e['REC'] not in ('X1', ''):
                return False
            if e['LS'] in ('V3', 'V4') and e['_DECOM'] and e['_DECOM'] <= E and (e['_DEC'] is None or e['_DEC'] >= S):
                return False
        return True

    def la_of(pc):
        x = PC.get(pc.replace(' ', ''))
        return x[0] if x else None

    def dist(a, b):
        x, y = PC.get(a.replace(' ', '')), PC.get(b.replace(' ', ''))
        if not x or not y:
            return None
        return round(((x[1] - y[1]) ** 2 + (x[2] - y[2]) ** 2) ** .5 / 1000 / 1.6093, 1)

    # Header
    for c, h in hdr.items():
        d = dob[c]
        if h['SEX'] not in ('M', 'F', 'U'): fail('101', c)
        if d is None: fail('102', c)
        if h['ETHNIC'] not in 'WBRI WIRI WOTH WIRT WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH REFU NOBT'.split(): fail('103', c)
        u = h['UPN']
        if u and not (u in ('UN1', 'UN2', 'UN3', 'UN4', 'UN5') or (len(u) == 13 and u[0].isalpha() and u[0] not in 'IOS' and u[1:12].isdigit() and (u[12].isdigit() or u[12].isalpha()))):
            fail('168', c, u)
        es = eps.get(c, [])
        inyear = [e for e in es if e['LS'] not in ('V3', 'V4')]
        if h['MOTHER'] and h['MOTHER'] not in ('0', '1'): fail('165', c)
        if h['MOTHER'] and h['SEX'] == 'M': fail('165', c, 'male mother')
        if not h['MOTHER'] and h['SEX'] == 'F' and inyear: fail('165', c, 'female blank MOTHER')
        if h['MC_DOB'] and not pdate(h['MC_DOB']): fail('171', c)
        if h['SEX'] == 'M' and h['MC_DOB']: fail('174', c)
        if u == 'UN1' and d and bday(d, 4) <= D(year - 2, 8, 31): fail('209', c)
        if u == 'UN4' and es:
            # intent: current period of care started before 24 March
            starts = [e['_DECOM'] for e in es if e['RNE'] == 'S' and e['_DECOM']]
            if (starts and max(starts) < D(year, 3, 24)) or (not starts and es[0]['_DECOM'] and es[0]['_DECOM'] < D(year, 3, 24)):
                if es[-1]['_DEC'] is None: fail('210', c)
        if c in uasc and d and d > bday(E, -11): fail('231', c)
        if h['SEX'] == 'U': fail('232', c)
        if d and d > E: fail('301', c)
        if d and bday(d, 25) < S: fail('351', c)
        if h['SEX'] == 'F' and inyear and not h['MOTHER']: fail('393', c)
        if inyear and not u: fail('442', c)
        for e in inyear:
            if e['_DEC'] and S <= e['_DEC'] <= E and e['REC'] not in ('', 'X1') and h['SEX'] == 'F' and not h['MOTHER']:
                fail('607', c)
        if h['MOTHER'] == '1' and not h['MC_DOB']: fail('611', c)
        if h['SEX'] == 'F' and h['MOTHER'] in ('0', '') and h['MC_DOB']: fail('612', c)
        if h['MOTHER'] == '1' and d and bday(d, 11) > S: fail('620', c)
        mc = pdate(h['MC_DOB'])
        if h['MC_DOB'] and (d is None or (mc and mc <= d)): fail('621', c)
        if mc:
            ended = [e['_DEC'] for e in es if e['_DEC']]
            if mc > E or (ended and mc > max(ended)): fail('625', c)
    ups = collections.Counter(h['UPN'] for h in hdr.values() if h['UPN'] and not h['UPN'].startswith('UN'))
    for c, h in hdr.items():
        if ups.get(h['UPN'], 0) > 1: fail('444', c)
    ids = collections.Counter(r['CHILD'] for r in T['header'])
    for c, n in ids.items():
        if n > 1: fail('INT32', c)
    oc3 = {r['CHILD']: r for r in T['oc3']}
    for c in hdr:
        if c not in eps and c not in oc3: fail('EPI', c)
        if c not in eps and c in oc3 and any(oc3[c][k] for k in ('IN_TOUCH', 'ACTIV', 'ACCOM')) and hdr[c]['MOTHER']:
            fail('628', c)
    # last year's header
    if L and L['header'] is not None:
        lh = {r['CHILD']: r for r in L['header']}
        for c, h in hdr.items():
            if c not in lh: continue
            o = lh[c]
            if o['SEX'] != h['SEX']: fail('202', c)
            if o['DOB'] != h['DOB']: fail('203', c)
            if o['ETHNIC'] != h['ETHNIC']: fail('204', c)
            if c in uasc and c not in luasc: fail('205D', c)
            if eps.get(c) and o['MOTHER'] == '1' and h['MOTHER'] != '1': fail('207', c)
            a, b = o['UPN'], h['UPN']
            if a != b and not ((a in ('UN1', '') and b in ('UN2', 'UN3', 'UN4', 'UN5')) or ((a.startswith('UN') or not a) and len(b) == 13)):
                fail('208', c, a + '->' + b)
            if o['MC_DOB'] and o['MC_DOB'] != h['MC_DOB']: fail('624', c)
            mc = pdate(h['MC_DOB'])
            if mc and mc < S and h['MOTHER'] == '1' and o['MOTHER'] == '0': fail('626', c)

    # Episodes
    PLACES = 'A3 A4 A5 A6 K1 K2 K3 P1 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z11 Z12 Z13 Z14'.split()
    TEMP = ('T0', 'T1', 'T2', 'T3', 'T4')
    NOPROV = ('T0', 'T1', 'T2', 'T3', 'Z11', 'Z12', 'Z13', 'Z14')
    URNEX = ('P1', 'P3', 'R1', 'R2', 'R5') + TEMP + ('Z11', 'Z12', 'Z13', 'Z14')
    FOSTADO = ('A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6')
    LEAVE = 'E2 E3 E4A E4B E5 E6 E7 E8 E9 E11 E12 E13 E14 E15 E16 E17 E41 E45 E46 E47 E48'.split()
    pa = collections.defaultdict(list)
    for r in T['placed_for_adoption']:
        r['_DP'], r['_DPC'] = pdate(r['DATE_PLACED']), pdate(r['DATE_PLACED_CEASED'])
        pa[r['CHILD']].append(r)
    for c, es in eps.items():
        d = dob.get(c)
        if c not in hdr: fail('INT03', c)
        for i, e in enumerate(es):
            prev = es[i - 1] if i else None
            nxt = es[i + 1] if i + 1 < len(es) else None
            dc, de = e['_DECOM'], e['_DEC']
            if e['DECOM'] and not dc: fail('141', c)
            if nxt and dc and (not e['DEC'] or not e['REC']): fail('142', c, e['DECOM'])
            if e['RNE'] and e['RNE'] not in 'S P L T U B'.split(): fail('143', c)
            if e['LS'] and e['LS'] not in 'C1 C2 D1 E1 V2 V3 V4 J1 J2 J3 L1 L2 L3'.split(): fail('144', c)
            if e['CIN'] and e['CIN'] not in ['N%d' % k for k in range(1, 9)]: fail('145', c)
            if e['PLACE'] and e['PLACE'] not in PLACES: fail('146', c, e['PLACE'])
            if e['DEC'] and not de: fail('147', c)
            if bool(e['DEC']) != bool(e['REC']): fail('148', c)
            if e['REC'] and e['REC'] not in 'E11 E12 E2 E3 E4A E4B E13 E41 E45 E46 E47 E48 E5 E6 E7 E8 E9 E14 E15 E16 E17 X1'.split(): fail('149', c)
            if e['LS'] not in ('V3', 'V4') and not la_of(e['PL_POST']): fail('169', c, e['PL_POST'])
            pp = e['PLACE_PROVIDER']
            if pp and (pp not in ('PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5') or e['PLACE'] in NOPROV): fail('178', c)
            if e['PLACE'] in TEMP + ('Z11', 'Z12', 'Z13', 'Z14') and pp: fail('213', c)
            if e['LS'] in ('V3', 'V4') and (e['PL_POST'] or e['URN']): fail('214', c)
            if e['PLACE'] in ('A3', 'A5') and dc and dc >= D(2015, 4, 1) and e['RNE'] not in ('S', 'T', 'U'): fail('217', c)
            pla = la_of(e['PL_POST'])
            if not e['URN'] and (de is None or de >= S) and e['PLACE'] not in URNEX and pla not in ('CON', 'NIR', 'SCO', 'WAL', 'NUK'):
                fail('218', c, e['PLACE'])
            if e['PLACE'] in URNEX and e['URN'] and e['URN'] != 'XXXXXXX': fail('222', c, e['PLACE'] + ' ' + e['URN'])
            if nxt and e['REC'] == 'X1' and not e['REASON_PLACE_CHANGE'] and e['PLACE'] not in TEMP and nxt['RNE'] in ('P', 'B', 'T', 'U') and nxt['PLACE'] not in TEMP:
                fail('225', c, e['DECOM'])
            if e['PLACE'] in TEMP and (e['REASON_PLACE_CHANGE'] or (prev and prev['REASON_PLACE_CHANGE'])): fail('226', c)
            if not e['DEC'] and e['REASON_PLACE_CHANGE']: fail('233', c)
            if e['REASON_PLACE_CHANGE'] == 'CUSTOD' and d and dc and bday(d, 10) > dc: fail('234', c)
            if i == 0 and d and dc and dc < d: fail('302', c)
            if e['PLACE'] in ('A3', 'A4') and prev and prev['PLACE'] not in FOSTADO: fail('336', c)
            if e['RNE'] == 'S' and d and dc and dc >= bday(d, 18): fail('352', c)
            if dc and dc < D(1991, 10, 14): fail('353', c)
            if dc and dc > E: fail('354', c)
            if e['DECOM'] == e['DEC']: fail('355', c)
            if de and dc and de < dc: fail('356', c)
            if i == 0 and dc and dc >= S and e['RNE'] != 'S': fail('357', c)
            if e['LS'] in ('J1', 'J2', 'J3') and d and dc and bday(d, 10) >= dc: fail('358', c)
            if d and bday(d, 18) < AE and not e['DEC'] and not (e['LS'] == 'V2' and e['PLACE'] == 'K2'): fail('359', c)
            if e['LS'] == 'V3' and dc and ((de or AE) - dc).days > 17: fail('365', c)
            if e['LS'] == 'V3' and e['RNE'] != 'S': fail('366', c)
            for pl, age, r in (('K3', 16, '371'), ('R5', 10, '372'), ('S1', 4, '373'), ('P3', 14, '374')):
                if e['PLACE'] == pl and d and dc and dc < bday(d, age): fail(r, c, '%s at %s dob %s' % (pl, e['DECOM'], hdr[c]['DOB']))
            for pl, lim, r in (('T1', 42, '375'), ('T3', 21, '376'), ('T4', 7, '379')):
                if e['PLACE'] == pl and de and dc and (de - dc).days > lim: fail(r, c)
            if e['PLACE'] == 'P1' and e['LS'] == 'V2': fail('378', c)
            if e['PLACE'] in TEMP and e['RNE'] not in ('P', 'B'): fail('380', c)
            if e['PLACE'] in TEMP and e['REC'] and e['REC'] != 'X1': fail('381', c)
            if e['LS'] in ('V3', 'V4') and e['PLACE'] in TEMP: fail('382', c)
            if i >= 2 and prev['PLACE'] in TEMP:
                norm = es[i - 2]
                if e['RNE'] != 'P' or e['PLACE'] != norm['PLACE'] or e['PL_POST'] != norm['PL_POST']: fail('383', c)
            if e['LS'] in ('V3', 'V4') and e['PLACE'] in ('U1', 'U4'): fail('384', c)
            if de and de > E: fail('385', c)
            if e['REC'] in ('E11', 'E12') and d and de and de >= bday(d, 18): fail('386', c)
            if e['REC'] in ('E5', 'E6') and de and (d is None or de < bday(d, 14)): fail('387', c)
            if nxt and e['REC'] == 'X1' and e['DEC'] != nxt['DECOM']: fail('388', c, '1')
            if nxt and e['REC'] and e['REC'] != 'X1' and e['DEC'] == nxt['DECOM']: fail('388', c, '2')
            if not nxt and e['DEC'] and e['REC'] == 'X1': fail('388', c, '3')
            if e['REC'] == 'E7' and (de is None or d is None or de < bday(d, 16)): fail('389', c)
            if e['REC'] in ('E11', 'E12') and e['PLACE'] not in ('A3', 'A4', 'A5', 'A6'): fail('390', c)
            if c not in uasc and c not in luasc:
                if e['LS'] not in ('V3', 'V4') and dist(e['HOME_POST'], e['PL_POST']) is None: fail('392a', c)
                if e['LS'] not in ('V3', 'V4') and (not e['HOME_POST'] or not e['PL_POST']): fail('392b', c)
                dd = dist(e['HOME_POST'], e['PL_POST'])
                if dd is not None and (dd < 0 or dd > 999.9): fail('164', c)
            for p in (e['HOME_POST'], e['PL_POST']):
                if p and p.replace(' ', '') not in PC: fail('392c', c, p)
            if e['PLACE'] != 'P1' and e['HOME_POST'] and e['HOME_POST'] == e['PL_POST']: fail('392d', c)
            if e['LS'] in ('V3', 'V4') and (e['HOME_POST'] or e['PL_POST']): fail('398', c)
            if (c in uasc or c in luasc) and dist(e['HOME_POST'], e['PL_POST']) is not None: fail('406', c)
            if e['REC'] in ('E45', 'E46', 'E47', 'E48') and d and de and de > bday(d, 18): fail('407', c)
            if e['PLACE'] in ('A5', 'A6') and e['LS'] != 'E1': fail('408', c)
            if e['LS'] in ('V3', 'V4') and pla: fail('420', c)
            if prev and e['RNE'] == 'S' and dc and prev['_DEC'] and dc <= prev['_DEC']: fail('431', c)
            if prev and prev['REC'] in LEAVE and e['RNE'] != 'S': fail('432', c)
            if prev and e['RNE'] in ('P', 'L', 'T', 'U', 'B') and (not prev['DEC'] or prev['DEC'] != e['DECOM']): fail('433', c)
            if prev:
                same4 = all(e[k] == prev[k] for k in ('PLACE', 'PL_POST', 'URN', 'PLACE_PROVIDER'))
                if e['RNE'] == 'L' and (e['LS'] == prev['LS'] or not same4): fail('434', c)
                if e['RNE'] in ('P', 'T') and (e['LS'] != prev['LS'] or same4): fail('435', c)
                if e['RNE'] in ('U', 'B') and (e['LS'] == prev['LS'] or same4): fail('436', c)
            if e['REC'] in ('E2', 'E15') and nxt: fail('437', c)
            if e['LS'] == 'E1' and dc and dc < D(2005, 12, 1): fail('446', c)
            dd = dist(e['HOME_POST'], e['PL_POST'])
            if dd is not None and dd > 350 and dd != 999.9: fail('454', c)
            if e['REC'] == 'E17' and d and de and de < bday(d, 18): fail('460', c)
            if prev and dc and prev['_DEC'] and dc < prev['_DEC']: fail('501', c)
            if prev and prev['REC'] == 'X1' and prev['DEC'] == e['DECOM'] and e['CIN'] != prev['CIN']: fail('504', c)
            if e['REC'] in ('E45', 'E46') and e['PLACE'] not in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6'): fail('516', c)
            if not pp and e['PLACE'] not in TEMP + ('Z11', 'Z12', 'Z13', 'Z14'): fail('526', c)
            if e['PLACE'] in ('P1', 'R2', 'R5') and pp == 'PR1': fail('527', c)
            if e['PLACE'] in ('P1', 'R2', 'R5') and pp == 'PR2': fail('528', c)
            if pp == 'PR3' and e['PLACE'] in 'A3 A4 A5 A6 K1 K2 P1 U1 U2 U3 U4 U5 U6'.split(): fail('529', c)
            if e['PLACE'] == 'P1' and pp == 'PR4': fail('530', c)
            if e['PLACE'] == 'P1' and pp == 'PR5': fail('531', c)
            if pp == 'PR0' and e['PLACE'] != 'P1': fail('550', c)
            if e['PLACE'] in ('A3', 'A4', 'A5', 'A6') and not any(r['DATE_PLACED'] for r in pa.get(c, [])): fail('551', c)
            if e['REASON_PLACE_CHANGE'] and e['REASON_PLACE_CHANGE'] not in 'CARPL CLOSE ALLEG STAND APPRR CREQB CREQO CHILD LAREQ PLACE CUSTOD OTHER'.split(): fail('1009', c)
            if pp == 'PR1' and e['PLACE'] and e['PLACE'] not in FOSTADO and e['LS'] and e['LS'] not in ('V3', 'V4') and la_ons and pla != la_ons:
                fail('1015', c, '%s %s la %s' % (e['PLACE'], e['PL_POST'], pla))
            if (e['PLACE'] in ('A3', 'A4', 'A5', 'A6') or e['LS'] == 'E1') and e['REC'] and e['REC'] not in ('E11', 'E12', 'X1'):
                if not pa.get(c) or any(not r['DATE_PLACED_CEASED'] or not r['REASON_PLACED_CEASED'] for r in pa[c]): fail('557', c)
        if any(e['LS'] == 'E1' for e in es) and not pa.get(c): fail('553', c, 'a')
        if any(e['LS'] == 'E1' and not e['DEC'] for e in es) and any(r['DATE_PLACED_CEASED'] or r['REASON_PLACED_CEASED'] for r in pa.get(c, [])): fail('553', c, 'b')
        if sum(e['PLACE'] == 'T3' for e in es) > 2: fail('377', c)
        lss = {e['LS'] for e in es}
        if 'V3' in lss and 'V4' in lss: fail('426', c)
        v3 = sum(max(0, ((min(e['_DEC'] or AE, AE)) - max(e['_DECOM'], S)).days) for e in es if e['LS'] == 'V3' and e['_DECOM'])
        if v3 > 75: fail('367', c)
        if all(e['LS'] in ('V3', 'V4') for e in es) and (hdr.get(c, {}).get('MOTHER') or any(r['CHILD'] == c and (r['REVIEW'] or r['REVIEW_CODE']) for r in T['reviews'])):
            fail('399', c)
        for ls, lim, r in (('L1', 3, '361'), ('L2', 21, '362')):
            j = 0
            while j < len(es):
                if es[j]['LS'] != ls: j += 1; continue
                k = j
                while k + 1 < len(es) and es[k + 1]['LS'] == ls and es[k]['DEC'] == es[k + 1]['DECOM']: k += 1
                if ((es[k]['_DEC'] or E) - es[j]['_DECOM']).days > lim: fail(r, c)
                j = k + 1
        # 199 (this year only unless last supplied)
        adopted = False
        for e in es:
            if adopted: fail('199', c)
            if e['REC'] in ('E11', 'E12'): adopted = True
    # OC2 / 12-month cohort
    oc2 = {r['CHILD']: r for r in T['oc2']}
    EIGHT = ('CONVICTED', 'HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED')
    FOUR = ('IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE')
    for c in eps:
        if cont12(c) and c not in oc2: fail('191', c, 'no OC2 row (first DECOM %s)' % eps[c][0]['DECOM'])
    for c, r in oc2.items():
        d = pdate(r['DOB']); lac = cont12(c)
        sc, rs = r['SDQ_SCORE'], r['SDQ_REASON']
        if c not in hdr: fail('INT05', c)
        if d and lac and bday(d, 4) <= S and bday(d, 16) >= E and not sc and rs == 'SDQ1': fail('157', c)
        if r['INTERVENTION_RECEIVED'] == '1' and r['INTERVENTION_OFFERED']: fail('158', c)
        if r['SUBSTANCE_MISUSE'] == '1' and r['INTERVENTION_RECEIVED'] == '0' and not r['INTERVENTION_OFFERED']: fail('159', c)
        if sc and not (sc.isdigit() and 0 <= int(sc) <= 40): fail('180', c)
        if any(r[k] and r[k] not in ('0', '1') for k in EIGHT): fail('181', c)
        if any(not r[k] for k in FOUR) and any(r[k] for k in ('CONVICTED', 'HEALTH_CHECK', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED')): fail('182', c)
        if sc and not lac: fail('185', c)
        if d and bday(d, 4) <= min(S, AE) and bday(d, 17) > E and lac and not sc and not rs: fail('186', c)
        if d and bday(d, 4) > E and (sc or rs): fail('188', c, 'dob %s' % r['DOB'])
        if d and bday(d, 17) < S and (sc or rs): fail('189', c, 'dob %s' % r['DOB'])
        if not lac and any(r[k] for k in EIGHT): fail('190', c)
        if lac and any(not r[k] for k in FOUR): fail('191', c, 'blank field')
        if r['SUBSTANCE_MISUSE'] == '1' and not r['INTERVENTION_RECEIVED']: fail('192', c)
        if r['SUBSTANCE_MISUSE'] in ('', '0') and (r['INTERVENTION_RECEIVED'] or r['INTERVENTION_OFFERED']): fail('193', c)
        if rs and rs not in ('SDQ1', 'SDQ2', 'SDQ3', 'SDQ4', 'SDQ5'): fail('196', c)
        if d and lac and (S <= bday(d, 4) <= AE or S <= bday(d, 17) <= E) and not sc and not rs: fail('197B', c)
        if sc and rs: fail('197a', c)
        if rs and not lac: fail('198', c)
        if d and bday(d, 10) > E and r['CONVICTED']: fail('542', c)
        if d and bday(d, 10) < AE and lac and not r['CONVICTED']: fail('543', c)
        if r['CONVICTED'] == '1' and any(not r[k] for k in FOUR): fail('544', c)
        if d and bday(d, 5) > AE and lac and not r['HEALTH_CHECK']: fail('545', c)
        if d and bday(d, 5) <= AE and lac and r['HEALTH_CHECK']: fail('546', c)
        if r['HEALTH_CHECK'] == '1' and any(not r[k] for k in FOUR): fail('547', c)
        if c in oc3 and any(oc3[c][k] for k in ('IN_TOUCH', 'ACTIV', 'ACCOM')) and any(r[k] for k in EIGHT): fail('215', c)
        if hdr.get(c) and d and dob.get(c) and d != dob[c]: fail('INT14', c)
    # OC3
    for c, r in oc3.items():
        d = pdate(r['DOB'])
        f = [r['IN_TOUCH'], r['ACTIV'], r['ACCOM']]
        if r['IN_TOUCH'] not in ('YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM'): fail('131', c, r['IN_TOUCH'])
        if r['ACTIV'] not in 'F1 P1 F2 P2 F4 P4 F5 P5 G4 G5 G6 0'.split(): fail('132', c, r['IN_TOUCH'] + '/' + r['ACTIV'])
        if r['ACCOM'] not in 'B1 B2 C1 C2 D1 D2 E1 E2 G1 G2 H1 H2 K1 K2 R1 R2 S2 T1 T2 U1 U2 V1 V2 W1 W2 X2 Y1 Y2 Z1 Z2 0'.split(): fail('133', c, r['IN_TOUCH'] + '/' + r['ACCOM'])
        if any(f) and not all(f): fail('153', c)
        if r['IN_TOUCH'] in ('DIED', 'RHOM') and (r['ACTIV'] != '0' or r['ACCOM'] != '0'): fail('344', c)
        if r['IN_TOUCH'] == 'YES' and (r['ACTIV'] == '0' or r['ACCOM'] == '0'): fail('345', c)
        if r['ACCOM'] in ('T1', 'T2') and d and bday(d, 18) > S: fail('347', c)
        if d and bday(d, 17) > E and any(f): fail('391', c)
        es = eps.get(c, [])
        if any(e['REC'] == 'E2' for e in es): fail('1000', c)
        if d and bday(d, 17) <= E < bday(d, 19) and any(f):
            lb = max(bday(d, 17), bday(d, 18)) if bday(d, 18) <= E else bday(d, 17)
            for e in es:
                if e['_DECOM'] and e['_DECOM'] <= lb and (e['_DEC'] is None or e['_DEC'] > lb): fail('1007', c); break
        if es and es[-1]['REC'] == 'E3' and any(f): fail('1011', c)
        if any(f) and d:
            if bday(d, 17) <= E < bday(d, 18) and any(e['_DEC'] and e['_DEC'] >= bday(d, 17) for e in es): fail('1016', c)
            if bday(d, 18) <= E < bday(d, 19) and any(e['_DEC'] and e['_DEC'] >= bday(d, 18) for e in es): fail('1016', c)
        if d and r['ACCOM'] in ('Z1', 'Z2') and S <= bday(d, 17) <= E: fail('3001', c)
        if c not in hdr: fail('INT06', c)
        if hdr.get(c) and d != dob.get(c): fail('INT15', c)
    # AD1
    ad1 = {r['CHILD']: r for r in T['ad1']}
    SIX = ('DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR')
    for c, r in ad1.items():
        es = eps.get(c, [])
        if any(r[k] for k in SIX) and not all(r[k] for k in SIX): fail('151', c)
        if r['FOSTER_CARE'] not in ('', '0', '1'): fail('114', c)
        if r['NB_ADOPTR'] not in ('', '1', '2'): fail('175', c)
        if r['SEX_ADOPTR'] not in ('', 'M1', 'F1', 'MM', 'FF', 'MF'): fail('176', c)
        if r['LS_ADOPTR'] not in ('', 'L0', 'L11', 'L12', 'L2', 'L3', 'L4'): fail('177', c)
        if cont12(c) and any(r[k] for k in SIX): fail('187', c)
        di, dm = pdate(r['DATE_INT']), pdate(r['DATE_MATCH'])
        if (r['DATE_MATCH'] and not r['DATE_INT']) or (di and dm and di > dm): fail('333', c)
        sts = [e['_DECOM'] for e in es if e['RNE'] == 'S' and e['_DECOM']]
        if di and sts and di < max(sts): fail('334', c)
        for e in es:
            if e['REC'] in ('E11', 'E12') and dm and e['_DECOM'] and dm > e['_DECOM']: fail('331', c)
            if e['REC'] in ('E11', 'E12') and e['DEC'] == r['DATE_MATCH']: fail('582', c)
            if e['REC'] in ('E11', 'E12') and ((e['PLACE'] in ('A3', 'A5') and r['FOSTER_CARE'] == '0') or (e['PLACE'] in ('A4', 'A6') and r['FOSTER_CARE'] == '1')): fail('335', c)
            if e['PLACE'] in ('A3', 'A4', 'A5', 'A6') and di and e['_DECOM'] and e['_DECOM'] < di: fail('521', c)
        if r['NB_ADOPTR'] == '2' and r['SEX_ADOPTR'] in ('M1', 'F1'): fail('511', c)
        ls, sx = r['LS_ADOPTR'], r['SEX_ADOPTR']
        if ls == 'L0' and sx not in ('M1', 'F1'): fail('514', c)
        if ls == 'L3' and sx != 'MF': fail('517', c)
        if ls == 'L4' and sx not in ('MM', 'FF'): fail('518', c)
        if ls == 'L2' and sx not in ('MM', 'FF', 'MF'): fail('519', c)
        if ls == 'L11' and sx != 'MF': fail('520', c)
        if ls == 'L12' and sx not in ('MM', 'FF'): fail('524', c)
        adin = [e for e in es if e['REC'] in ('E11', 'E12') and e['_DEC'] and S <= e['_DEC'] <= E]
        if adin and any(not r[k] for k in SIX): fail('601', c)
        if any(r[k] for k in SIX) and not adin: fail('602', c)
        if c in oc3 and any(r[k] for k in SIX) and any(oc3[c][k] for k in ('IN_TOUCH', 'ACTIV', 'ACCOM')): fail('134', c)
    # Placed for adoption
    for c, rows in pa.items():
        es = eps.get(c, [])
        for r in rows:
            if r['DATE_PLACED'] and not r['_DP']: fail('115', c)
            if r['DATE_PLACED_CEASED'] and not r['_DPC']: fail('116', c)
            nonx = [e for e in es if e['REC'] != 'X1']
            le = nonx[-1] if nonx else None
            for x in (r['_DP'], r['_DPC']):
                if x and (x > E or (le and le['_DEC'] and x > le['_DEC'])): fail('117', c)
            first = [e['_DECOM'] for e in es if e['LS'] not in ('V3', 'V4') and e['_DECOM']]
            if r['_DPC'] and (r['_DPC'] < S or (first and r['_DPC'] < min(first))): fail('118', c)
            if bool(r['DATE_PLACED_CEASED']) != bool(r['REASON_PLACED_CEASED']): fail('119', c)
            if r['REASON_PLACED_CEASED'] and r['REASON_PLACED_CEASED'] not in ('RD1', 'RD2', 'RD3', 'RD4'): fail('120', c)
            if r['DATE_PLACED'] and (not dob.get(c) or (r['_DP'] and r['_DP'] < dob[c])): fail('184', c)
            if r['_DPC'] and r['_DP'] and r['_DPC'] < r['_DP']: fail('522', c)
            if c in ad1 and r['DATE_PLACED'] and ad1[c]['DATE_INT'] and r['DATE_PLACED'] != ad1[c]['DATE_INT']: fail('523', c)
            if r['DATE_PLACED_CEASED'] and c in ad1 and any(ad1[c][k] for k in SIX): fail('525', c)
            if r['REASON_PLACED_CEASED'] and r['DATE_PLACED_CEASED'] and not r['DATE_PLACED']: fail('563', c)
            ss = [e['_DECOM'] for e in es if e['RNE'] == 'S' and e['_DECOM']]
            if r['_DP'] and ss and r['_DP'] < min(ss): fail('1003', c, r['DATE_PLACED'])
            if c not in hdr: fail('INT02', c)
        a36 = [e for e in es if e['PLACE'] in ('A3', 'A4', 'A5', 'A6') and e['_DECOM']]
        dps = [r['_DP'] for r in rows if r['_DP']]
        if a36 and dps and a36[0]['_DECOM'] < max(dps): fail('552', c)
        e1 = [e for e in es if e['LS'] == 'E1' and e['_DECOM']]
        if e1 and any(r['_DP'] and r['_DP'] > e1[0]['_DECOM'] for r in rows): fail('554', c)
        srt = sorted(rows, key=lambda r: r['_DP'] or D(1900, 1, 1))
        for i in range(1, len(srt)):
            if not srt[i - 1]['DATE_PLACED_CEASED'] or (srt[i]['_DP'] and srt[i - 1]['_DPC'] and srt[i]['_DP'] < srt[i - 1]['_DPC']): fail('579', c)
        if len(srt) > 1 and any(not r['DATE_PLACED_CEASED'] for r in srt[:-1]): fail('583', c)
        if any(e['REC'] in ('E11', 'E12') for e in es) and srt and srt[-1]['DATE_PLACED_CEASED']: fail('558', c)
    if L and L['placed_for_adoption'] is not None:
        lpa = collections.defaultdict(list)
        for r in L['placed_for_adoption']: lpa[r['CHILD']].append(r)
        for c, rows in pa.items():
            for r in rows:
                if r['_DP'] and r['_DP'] < S and not any(o['DATE_PLACED'] for o in lpa.get(c, [])): fail('559', c)
                for o in lpa.get(c, []):
                    if o['DATE_PLACED'] and not o['DATE_PLACED_CEASED'] and r['DATE_PLACED'] != o['DATE_PLACED']: fail('560', c)
                    if r['DATE_PLACED'] == o['DATE_PLACED'] and (o['DATE_PLACED_CEASED'] or o['REASON_PLACED_CEASED']): fail('561', c)
    # Prev perm
    pp_ = {r['CHILD']: r for r in T['previous_permanence']}
    for c, es in eps.items():
        for e in es:
            if e['RNE'] == 'S' and e['_DECOM'] and e['_DECOM'] >= S:
                r = pp_.get(c)
                if not r or not r['PREV_PERM'] or (r['PREV_PERM'] != 'Z1' and (not r['LA_PERM'] or not r['DATE_PERM'])): fail('630', c)
    for c, r in pp_.items():
        if r['PREV_PERM'] and r['PREV_PERM'] not in ('P1', 'P2', 'P3', 'P4', 'Z1'): fail('631', c)
        es = eps.get(c, [])
        if any(r[k] for k in ('PREV_PERM', 'LA_PERM', 'DATE_PERM')) and es and max(e['_DECOM'] for e in es if e['_DECOM']) < S: fail('634', c, 'latest DECOM before 1 April')
        if (r['LA_PERM'] or r['DATE_PERM']) and r['PREV_PERM'] in ('', 'Z1'): fail('635', c)
        if c not in hdr: fail('INT07', c)
    # Reviews
    for r in T['reviews']:
        c = r['CHILD']; rv = pdate(r['REVIEW']); d = pdate(r['DOB'])
        if not rv: fail('166', c)
        if not ((r['REVIEW'] and r['REVIEW_CODE'] in ['PN%d' % k for k in range(8)]) or (not r['REVIEW'] and not r['REVIEW_CODE'])): fail('167', c)
        if r['REVIEW_CODE'] == 'PN0' and d and rv and rv > bday(d, 4): fail('440', c)
        if r['REVIEW_CODE'] in ['PN%d' % k for k in range(1, 8)] and d and rv and rv < bday(d, 4): fail('441', c)
        if c not in hdr: fail('INT08', c)
        if d and dob.get(c) and d != dob[c]: fail('INT17', c)
    # 1012
    for t in ('placed_for_adoption', 'missing', 'reviews', 'ad1', 'previous_permanence', 'oc2'):
        for r in T[t]:
            if r['CHILD'] not in eps: fail('1012', r['CHILD'], t)
    # SW episodes
    sw = collections.defaultdict(list)
    for r in T['sw_episodes']:
        r['_A'], r['_B'] = pdate(r['SW_DECOM']), pdate(r['SW_DEC'])
        sw[r['CHILD']].append(r)
    REAS = 'MANAGE FCONTA LEFTRL ORGRST TSPROC ABSENC CHCHAN PCCHAN SWDIED OTHERS'.split()
    for c, rows in sw.items():
        rows.sort(key=lambda r: (r['_A'] or D(1900, 1, 1), r['_B'] or D(9999, 1, 1)))
        for i, r in enumerate(rows):
            if not r['_A'] or (r['_A'] < D(2023, 4, 1) and not r['SW_ID']): fail('SW01aSTG1', c)
            if not r['_A'] or (r['_A'] >= D(2023, 4, 1) and (not r['SW_ID'] or not r['SW_REASON'])): fail('SW01bSTG1', c, r['SW_DECOM'])
            if not (r['SW_ID'].startswith('SW') or r['SW_ID'].startswith('XX')): fail('SW02STG1', c)
            if r['_A'] and r['_A'] > E: fail('SW06STG2', c)
            if r['_B'] and (r['_B'] < D(year - 2, 4, 1) or r['_B'] > E): fail('SW07STG2', c, r['SW_DEC'])
            if i + 1 < len(rows) and not r['SW_DEC']: fail('SW08STG2', c)
            if r['SW_DEC'] and r['SW_DEC'] == r['SW_DECOM']: fail('SW09STG2', c)
            if i and r['SW_REASON'] != 'FCONTA':
                p = rows[i - 1]
                if not p['_B'] or (r['_A'] and abs((r['_A'] - p['_B']).days) > 7): fail('SW10STG2', c)
            if r['_B'] and D(year, 3, 26) <= r['_B'] <= E and i + 1 == len(rows): fail('SW11bSTG2', c)
            if (r['SW_REASON'] and r['SW_REASON'] not in REAS) or (not r['SW_REASON'] and r['_A'] and r['_A'] >= D(2023, 4, 1)): fail('SW13STG1', c, r['SW_DECOM'])
        if rows and rows[-1]['SW_DEC']: fail('SW17STG2', c)
    # SW12 intent: child looked after at 31 March covered by SW episodes over the year
    for c, es in eps.items():
        if es[-1]['_DEC'] is None and es[-1]['LS'] not in ('V3', 'V4'):
            rows = sw.get(c, [])
            day = S
            rows2 = sorted([r for r in rows if r['_A']], key=lambda r: r['_A'])
            ok = bool(rows2)
            # coverage from max(S, first care start of current period) to E
            st = max([e['_DECOM'] for e in es if e['RNE'] == 'S' and e['_DECOM']] or [S])
            day = max(S, st)
            for r in rows2:
                if r['_A'] > day + dt.timedelta(days=7): ok = False; break
                day = max(day, r['_B'] or E)
            if day < E: ok = False
            if not ok: fail('SW12STG2', c)
    # Missing
    for r in T['missing']:
        c = r['CHILD']; a, b = pdate(r['MIS_START']), pdate(r['MIS_END'])
        if r['MISSING'] in ('M', 'A') and not r['MIS_START']: fail('564', c)
        if r['MIS_START'] and not r['MISSING']: fail('565', c)
        if r['MIS_END'] and not r['MISSING']: fail('566', c)
        if a and b and b < a: fail('567', c)
        if a and a > E: fail('570', c)
        if b and (b < S or b > E): fail('571', c)
        if not a: fail('1004', c)
        if r['MIS_END'] and not b: fail('1005', c)
        if r['MISSING'] and r['MISSING'] not in ('M', 'A'): fail('1006', c)
        d = pdate(r['DOB'])
        if a and d and a <= d: fail('586', c)
        es = eps.get(c, [])
        if es and (not a or not any(e['_DECOM'] and e['_DECOM'] <= a and (e['_DEC'] is None or a <= e['_DEC']) for e in es)): fail('581', c)
        if not b and a and any(e['_DEC'] and e['_DECOM'] <= a <= e['_DEC'] for e in es): fail('575', c)
    # Integrity: each table's children in the Header, with its DOB; once
    for t, ik, dk, once in (('ad1', 'INT01', 'INT11', 'INT31'),
                            ('placed_for_adoption', 'INT02', 'INT12', None),
                            ('missing', 'INT04', 'INT13', None),
                            ('previous_permanence', None, 'INT16', 'INT35'),
                            ('uasc', 'INT09', 'INT18', 'INT36'),
                            ('oc2', None, None, 'INT33'),
                            ('oc3', None, None, 'INT34')):
        cnt = collections.Counter(r['CHILD'] for r in T[t])
        for r in T[t]:
            c = r['CHILD']
            if ik and c not in hdr: fail(ik, c)
            if dk and c in hdr and pdate(r['DOB']) and dob.get(c) and pdate(r['DOB']) != dob[c]: fail(dk, c)
            if once and cnt[c] > 1: fail(once, c)
    for r in T['uasc']:
        if r['CHILD'] in hdr and r['SEX'] and hdr[r['CHILD']]['SEX'] and r['SEX'] != hdr[r['CHILD']]['SEX']: fail('INT21', r['CHILD'])
    for r in T['ad1']:
        if r['DATE_INT'] and not pdate(r['DATE_INT']): fail('112', r['CHILD'])
        if r['DATE_MATCH'] and not pdate(r['DATE_MATCH']): fail('113', r['CHILD'])
    LAS = set('800 889 822 301 304 303 330 825 837 302 846 370 350 890 867 380 305 801 351 873 823 895 896 381 909 202 908 331 306 841 830 831 878 371 835 332 840 307 308 811 881 845 390 916 203 876 850 311 204 884 312 205 313 805 919 310 309 420 921 206 207 886 810 382 314 340 888 208 856 383 855 209 925 341 201 821 352 806 887 826 315 929 812 391 926 892 813 802 928 891 392 316 815 353 931 879 836 851 874 807 354 317 870 318 372 857 333 935 343 803 373 342 893 356 355 871 394 334 933 882 936 861 852 319 860 808 393 866 210 357 894 883 880 358 211 937 869 320 359 865 384 335 336 212 868 872 885 344 877 213 938 816 999 WAL SCO NUK NIR'.split())
    def zzdate(v):
        try:
            d_, m_, y_ = v.split('/')
            y_ = 2000 if y_ == 'ZZZZ' else int(y_)
            m_ = 12 if m_ == 'ZZ' else int(m_)
            if d_ == 'ZZ':
                nxt = D(y_ + (m_ == 12), m_ % 12 + 1, 1)
                return nxt - dt.timedelta(days=1)
            return D(y_, m_, int(d_))
        except Exception:
            return None
    for r in T['previous_permanence']:
        c = r['CHILD']
        if r['LA_PERM'] and r['LA_PERM'] not in LAS: fail('633', c, r['LA_PERM'])
        if r['DATE_PERM']:
            dp = zzdate(r['DATE_PERM']); es = eps.get(c, [])
            if dp is None or (es and es[0]['_DECOM'] and dp >= es[0]['_DECOM']): fail('632', c, r['DATE_PERM'])
    for c, rows in sw.items():
        for r in rows:
            if r['SW_DECOM'] and not zzdate(r['SW_DECOM']): fail('SW04STG1', c)
            if r['SW_DEC'] and not zzdate(r['SW_DEC']): fail('SW05STG1', c)
    for t, a_, b_, code in (('missing', 'MIS_START', 'MIS_END', '574'), ('DoLo', 'DOLO_START', 'DOLO_END', '705')):
        byc = collections.defaultdict(list)
        for r in T[t]: byc[r['CHILD']].append((pdate(r[a_]), pdate(r[b_])))
        for c, ps in byc.items():
            ps.sort(key=lambda p: ((p[1] or p[0] or D(1900, 1, 1)), p[0] or D(1900, 1, 1)))
            for i in range(1, len(ps)):
                if ps[i - 1][1] is None or (ps[i][0] and ps[i][0] < ps[i - 1][1]): fail(code, c)
    for r in T['uasc']:
        c = r['CHILD']
        if c not in eps or any(e['_DECOM'] and e['_DECOM'] <= E and (e['_DEC'] is None or e['_DEC'] >= S) for e in eps[c]):
            continue
        if c in oc3 and any(oc3[c][k] for k in ('IN_TOUCH', 'ACTIV', 'ACCOM')): fail('1014', c)
    # UASC
    for r in T['uasc']:
        c = r['CHILD']; du = pdate(r['DUC']); d = pdate(r['DOB'])
        if r['DUC'] and (not du or du < S): fail('104', c)
        if du and d and du > bday(d, 18): fail('304', c)
    # DoLo
    for r in T['DoLo']:
        c = r['CHILD']; a, b = pdate(r['DOLO_START']), pdate(r['DOLO_END'])
        if not a: fail('700', c)
        if r['DOLO_END'] and not b: fail('701', c)
        if a and b and b <= a: fail('702', c)
        if a and a > E: fail('703', c)
        if b and (b < S or b > E): fail('704', c)
        d = pdate(r['DOB'])
        if a and d and a <= d: fail('708', c)
        for e in eps.get(c, []):
            if a and (e['_DEC'] is None or a <= e['_DEC']) and (b or E) >= e['_DECOM']:
                if e['PLACE'] not in ('K2', 'Z12', 'Z13'): fail('709', c)
                if e['PLACE'] in ('K1', 'P1', 'R5', 'K3'): fail('710', c)
    # Last-year episode comparisons
    if L and L['episodes'] is not None:
        le = collections.defaultdict(list)
        for r in L['episodes']:
            r['_DECOM'], r['_DEC'] = pdate(r['DECOM']), pdate(r['DEC'])
            le[r['CHILD']].append(r)
        for c in le: le[c].sort(key=lambda r: r['_DECOM'] or D(1900, 1, 1))
        for c, es in eps.items():
            f = es[0]
            if f['_DECOM'] and f['_DECOM'] < S and c not in le: fail('NoE', c)
            if c in le:
                o = le[c][-1]
                if not o['DEC']:
                    for k, r in (('RNE', '503A'), ('LS', '503B'), ('CIN', '503C'), ('PLACE', '503D'), ('PLACE_PROVIDER', '503E'), ('URN', '503F')):
                        if f[k] != o[k] and not (r == '503D' and year == 2026 and o[k] == 'Z1' and f[k].startswith('Z1')): fail(r, c, '%s %s->%s' % (k, o[k], f[k]))
                    if f['DECOM'] != o['DECOM']: fail('502', c)
                    if la_of(f['PL_POST']) != la_of(o['PL_POST']): fail('503H', c)
            early = [e for e in es if e['_DECOM'] and e['_DECOM'] < S]
            if early and (c not in le or le[c][-1]['DECOM'] != early[0]['DECOM']): fail('562', c)
    if L and L['oc3'] is not None:
        lo = {r['CHILD']: r for r in L['oc3']}
        for c, r in oc3.items():
            if c in lo and lo[c]['IN_TOUCH'] == 'DIED' and r['IN_TOUCH'] != 'DIED': fail('348', c)
        le_children = set(r['CHILD'] for r in (L['episodes'] or []))
        for c in oc3:
            if c not in eps and c not in le_children: fail('1002', c)


# ---------------------------------------------------------------- CIN
def cin(path, year):
    S, E = D(year - 1, 4, 1), D(year, 3, 31)
    root = ET.parse(path).getroot()
    def t(el, name):
        x = el.find(name)
        return (x.text or '').strip() if x is not None and x.text else ''
    def dd(el, name):
        return pdate(t(el, name), iso=True)
    hdr = root.find('Header')
    if t(hdr.find('CollectionDetails'), 'ReferenceDate') != '%d-03-31' % year: fail('100', 'LA')
    sn = t(hdr.find('Source'), 'SerialNo')
    if not (len(sn) == 3 and sn.isdigit()): fail('SerialNo', 'LA', sn)
    lea = t(hdr.find('Source'), 'LEA')
    if not (len(lea) == 3 and lea.isdigit()): fail('LEA', 'LA', lea)
    NFA = lambda v: v.lower() in ('true', '1')
    allcodes = collections.Counter(); multi = False
    plans_in = 0; confs_in = 0; ids = collections.Counter()
    upns = collections.Counter(); nchild = 0; unknown_sex = 0
    for ch in root.find('Children').findall('Child'):
        ci = ch.find('ChildIdentifiers')
        c = t(ci, 'LAchildID'); ids[c] += 1
        dob = dd(ci, 'PersonBirthDate'); edob = dd(ci, 'ExpectedPersonBirthDate'); dod = dd(ci, 'PersonDeathDate')
        sex = t(ci, 'Sex')
        if not c: fail('8500', c)
        if len(c) > 20: fail('1570', c)
        if not all(ch_.isascii() and ch_.isalnum() for ch_ in c): fail('1580', c)
        if sex not in ('M', 'F', 'U'): fail('4180', c)
        if dob and dob > E: fail('8520', c)
        if bool(dob) == bool(edob): fail('8525Q', c)
        if not dob and edob and sex != 'U': fail('8750', c)
        upn = t(ci, 'UPN'); unk = t(ci, 'UPNunknown')
        nchild += 1
        unknown_sex += sex in ('', 'U') and not edob
        if upn: upns[upn] += 1
        if len(upn) == 13 and not (upn[12].isdigit() or (upn[12].isalpha() and upn[12] not in 'IOS')): fail('1550', c)
        fu = t(ci, 'FormerUPN')
        if fu and not (len(fu) == 13 and fu[0].isalpha() and fu[1:].isdigit()): fail('1560Q', c)
        if dod and (not dob or dob > dod): fail('8535Q', c)
        if dod and not (S <= dod <= E): fail('8545Q', c)
        if edob and (edob <= E - dt.timedelta(days=30) or edob >= D(year, 12, 31)): fail('8530Q', c)
        if upn:
            if len(upn) == 13 and upn[1:13].isdigit():
                s = sum(int(upn[p - 1]) * p for p in range(2, 14)) % 23
                if upn[0] != 'ABCDEFGHJKLMNPQRTUVWXYZ'[s]: fail('1510', c)
            if len(upn) == 13 and upn[1:13].isdigit() is False and not upn[1:4].isdigit(): fail('1530', c)
            if len(upn) < 12 or not upn[4:12].isdigit(): fail('1540', c)
        cc = ch.find('ChildCharacteristics')
        eth = t(cc, 'Ethnicity')
        if eth not in 'ABAN AIND AOTH APKN BAFR BCRB BOTH CHNE MOTH MWAS MWBA MWBC NOBT OOTH REFU WBRI WIRI WIRT WOTH WROM'.split(): fail('4220', c)
        dis = [(x.text or '').strip().upper() for x in cc.iter('Disability')]
        allcodes.update(dis)
        if len([x for x in dis if x != 'NONE']) > 1: multi = True
        if 'NONE' in dis and len(dis) > 1: fail('8790', c)
        if len(set(dis)) != len(dis): fail('8794', c)
        eps = ch.findall('CINdetails')
        if not eps: fail('8590', c)
        notnfa = [e for e in eps if not NFA(t(e, 'ReferralNFA'))]
        if dob and notnfa and (not dis or any(x not in 'NONE MOB HAND PC INC COMM LD HEAR VIS BEH CON AUT DDA'.split() for x in dis)): fail('8540', c, 'no disability' if not dis else ','.join(dis))
        if dob and notnfa and not upn and unk not in ('UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7') and dob <= D(year - 6, 8, 31): fail('8770Q', c)
        if unk == 'UN7' and (not eps or any(not NFA(t(e, 'ReferralNFA')) for e in eps)): fail('8772', c)
        cpc_details = []; cpc_s47 = []
        opens = []
        allplans = []
        cinplans = []
        for i, e in enumerate(eps):
            rd = dd(e, 'CINreferralDate'); cd = dd(e, 'CINclosureDate'); rsn = t(e, 'ReasonForClosure')
            nfa = t(e, 'ReferralNFA')
            dcpc = dd(e, 'DateOfInitialCPC')
            if dcpc: cpc_details.append(dcpc)
            if dcpc and S <= dcpc <= E: confs_in += 1
            if nfa.lower() not in ('1', '0', 'true', 'false'): fail('8568', c)
            if dod and rd and rd > dod: fail('8555Q', c)
            if not rd or rd > E: fail('8600', c)
            if rd and dob and (dob - rd).days > 280: fail('8606', c)
            if not NFA(nfa) and not t(e, 'PrimaryNeedCode'): fail('8610', c)
            if cd and not (S <= cd <= E): fail('8620', c)
            if cd and rd and cd < rd: fail('8630', c)
            if rsn and rsn not in ['RC%d' % k for k in range(1, 10)]: fail('8640', c)
            pn = t(e, 'PrimaryNeedCode')
            if pn and pn not in ['N%d' % k for k in range(10)]: fail('8650', c)
            if cd and not rsn: fail('8805', c)
            if rsn and not cd: fail('8810', c)
            if rsn == 'RC2' and not dod: fail('8585Q', c)
            if rd and rd >= D(2013, 4, 1) and t(e, 'ReferralSource') not in '1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10'.split(): fail('8866', c)
            if not cd and not NFA(nfa): opens.append((rd, e))
            ass = e.findall('Assessments'); s47 = e.findall('Section47'); cpp = e.findall('ChildProtectionPlans'); cpl = e.findall('CINPlanDates')
            if rsn in ('RC8', 'RC9') and (dcpc or cpp or s47 or cpl): fail('2990', c)
            if rsn in ('RC8', 'RC9') and not ass: fail('8825Q', c)
            if NFA(nfa) and (dcpc or any(t(s, 'S47ActualStartDate') for s in s47) or any(t(a, 'AssessmentActualStartDate') or t(a, 'AssessmentAuthorisationDate') for a in ass)): fail('8831', c)
            if NFA(nfa) and cpl: fail('4000', c)
            if NFA(nfa) and cpp: fail('8832', c)
            if s47 and not ass: fail('2991Q', c)
            if cd:
                for x in [dcpc] + [dd(a, 'AssessmentActualStartDate') for a in ass] + [dd(a, 'AssessmentAuthorisationDate') for a in ass] + [dd(s, 'S47ActualStartDate') for s in s47] + [dd(s, 'DateOfInitialCPC') for s in s47] + [dd(p, 'CPPendDate') for p in cpp] + [dd(p, 'CINPlanStartDate') for p in cpl] + [dd(p, 'CINPlanEndDate') for p in cpl]:
                    if x and x > cd: fail('8565', c); break
            nopen_ass = 0
            factors_all = []
            for a in ass:
                st = dd(a, 'AssessmentActualStartDate'); au = dd(a, 'AssessmentAuthorisationDate')
                fs = [(x.text or '').strip() for x in a.iter('AssessmentFactors')]
                factors_all.append(fs)
                if st and rd and st < rd: fail('1103', c)
                if st and au and st > au: fail('8608', c)
                if fs and not au: fail('8614', c)
                if au and not (S <= au <= E): fail('8696', c)
                if not au and (not st or not (S <= st <= E)): fail('8736', c)
                if cd and not au: fail('8867', c)
                if not au: nopen_ass += 1
                if '21' in fs and len(fs) > 1: fail('8869', c)
                if au and au >= S and (not fs or any(f not in '1A 1B 1C 2A 2B 2C 3A 3B 3C 4A 4B 4C 5A 5B 5C 6A 6B 6C 7A 8B 8C 8D 8E 8F 9A 10A 11A 12A 13A 14A 15A 16A 17A 18A 18B 18C 19A 19B 19C 20 21 22A 23A 24A'.split() for f in fs)): fail('8897Q', c)
                if len(set(fs)) != len(fs): fail('8898', c)
                if '18A' in fs: fail('8945Q', c)
                if '19A' in fs: fail('8950Q', c)
            if nopen_ass >= 2: fail('8896', c)
            if len(ass) == 1 and any('21' in f for f in factors_all[0]) and rsn not in ('RC8', 'RC9'): fail('8873Q', c, rsn or 'open')
            nopen47 = 0
            for s in s47:
                st = dd(s, 'S47ActualStartDate'); sc = dd(s, 'DateOfInitialCPC'); nr = t(s, 'ICPCnotRequired')
                if sc: cpc_s47.append(sc)
                if sc and S <= sc <= E: confs_in += 1
                if sc and rd and sc < rd: fail('1104', c)
                if st and rd and st < rd: fail('2889', c)
                if (st and sc and st > sc) or (sc and not st): fail('8615', c)
                if sc and not (S <= sc <= E): fail('8715', c, t(s, 'DateOfInitialCPC'))
                if not sc and nr.lower() in ('0', 'false') and st and not (S <= st <= E): fail('8740', c)
                if not sc and nr.lower() not in ('1', 'true'): nopen47 += 1
                tg = dd(s, 'InitialCPCtarget')
                if tg and tg.weekday() >= 5: fail('8870Q', c)
                if sc and sc.weekday() >= 5: fail('8875', c)
                if cd and ((not sc and nr.lower() not in ('1', 'true')) or (sc and nr.lower() in ('1', 'true'))): fail('8868', c)
            if nopen47 >= 2: fail('8839', c)
            for p in cpp:
                ps, pe = dd(p, 'CPPstartDate'), dd(p, 'CPPendDate')
                allplans.append((ps, pe))
                if ps and S <= ps <= E:
                    plans_in += 1
                    keep = [s for s in s47 if t(s, 'ICPCnotRequired').lower() not in ('1', 'true')]
                    if keep:
                        if ps not in [dd(s, 'DateOfInitialCPC') for s in keep]: fail('2885', c)
                    elif ps != dcpc: fail('2885', c)
                if ps and rd and ps < rd: fail('1105', c)
                if not ps or ps > E: fail('8720', c)
                n = t(p, 'NumberOfPreviousCPP')
                if not n or not n.lstrip('-').isdigit() or int(n) < 0: fail('8730', c)
                if ps and pe and ps == pe: fail('8840', c)
                if t(p, 'InitialCategoryOfAbuse') not in ('NEG', 'PHY', 'SAB', 'EMO', 'MUL'): fail('8905', c)
                if t(p, 'LatestCategoryOfAbuse') not in ('NEG', 'PHY', 'SAB', 'EMO', 'MUL'): fail('8910', c)
                if pe and ps and pe < ps: fail('8925', c)
                if pe and not (S <= pe <= E): fail('8930', c)
                if dod and ps and ps > dod: fail('8915', c)
                if dod and pe and pe > dod: fail('8920', c)
                rvs = p.find('Reviews')
                if rvs is not None and any(not (x.text or '').strip() for x in rvs.iter('CPPreviewDate')): fail('8842Q', c)
                for rv in p.iter('CPPreviewDate'):
                    r = pdate((rv.text or '').strip(), iso=True)
                    if r and ps and r <= ps: fail('8841', c)
            nopen_cpl = 0
            for p in cpl:
                a, b = dd(p, 'CINPlanStartDate'), dd(p, 'CINPlanEndDate')
                cinplans.append((a, b))
                if not a or a > E: fail('4010', c)
                if a and b and b < a: fail('4011', c)
                if a and b and a == b: fail('4012Q', c)
                if b and not (S <= b <= E): fail('4013', c)
                if a and rd and a < rd: fail('4015', c)
                if not b: nopen_cpl += 1
                if dod and a and a > dod: fail('4008', c)
                if dod and b and b > dod: fail('4009Q', c)
                if not b and any(not dd(q, 'CPPendDate') for q in cpp): fail('4001', c)
            if nopen_cpl > 1: fail('4004', c)
        if len(opens) > 1: fail('8815', c)
        spans = [(dd(e, 'CINreferralDate'), dd(e, 'CINclosureDate'), NFA(t(e, 'ReferralNFA'))) for e in eps]
        for i, (ra, ca, na) in enumerate(spans):
            for j, (rb, cb, nb) in enumerate(spans):
                if i != j and ra and rb and ra >= rb and ((cb and ra < cb) or (not cb and not nb and ra < E)): fail('8820', c)
        for e in eps:
            for kind, st_, en_, code in (('Assessments', 'AssessmentActualStartDate', 'AssessmentAuthorisationDate', '8863Q'),
                                          ('Section47', 'S47ActualStartDate', 'DateOfInitialCPC', '8890')):
                xs = [(dd(a, st_), dd(a, en_), t(a, 'ICPCnotRequired').lower() in ('1', 'true')) for a in e.findall(kind)]
                for i, (a1, b1, n1) in enumerate(xs):
                    for j, (a2, b2, n2) in enumerate(xs):
                        if i == j or (a1 == a2 and b1 == b2) or (b1 is None and b2 is None and a1 == a2): continue
                        if a1 and a2 and a1 >= a2 and ((b2 and a1 <= b2) or (not b2 and not n2 and a1 <= E)): fail(code, c)
        if opens:
            latest = max(dd(e, 'CINreferralDate') or D(1900, 1, 1) for e in eps)
            for rd_, e in opens:
                if (rd_ or D(1900, 1, 1)) != latest: fail('8816', c)
        for x in cpc_details:
            if x in cpc_s47: fail('2884', c, str(x))
        if sum(1 for (ps, pe) in allplans if pe is None) > 1: fail('8935', c)
        for i, (a, b) in enumerate(allplans):
            for j, (a2, b2) in enumerate(allplans):
                if i != j and a and a2 and a >= a2 and ((b2 and a <= b2) or (not b2 and a <= E)): fail('8940', c)
        for i, (a, b) in enumerate(cinplans):
            for j, (a2, b2) in enumerate(cinplans):
                if i != j and a and a2 and a >= a2 and ((b2 and a <= b2) or (not b2 and a <= E)): fail('4014', c)
            for (ps, pe) in allplans:
                if a and ps and a >= ps and ((pe and a < pe) or (not pe and a <= E)): fail('4016', c)
        for (ps, pe) in allplans:
            for (a, b) in cinplans:
                if ps and a and ps >= a and ((b and ps < b) or (not b and ps <= E)): fail('4017', c)
    for c, n in ids.items():
        if n > 1: fail('8510', c)
    for u, n in upns.items():
        if n > 1: fail('1520', u)
    if nchild and unknown_sex * 100 > 2 * nchild: fail('2886Q', 'LA')
    if plans_in > confs_in: fail('2883', 'LA', '%d plans %d conferences' % (plans_in, confs_in))
    if len([k for k in allcodes if k != 'NONE']) < 8: fail('2887Q', 'LA', '%d codes' % len([k for k in allcodes if k != 'NONE']))
    if allcodes and not multi: fail('2888Q', 'LA')


if __name__ == '__main__':
    kind, path, year = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if kind == '903':
        ssda903(path, year, sys.argv[4] if len(sys.argv) > 4 else 'E09000007',
                dt.date.fromisoformat(sys.argv[5]) if len(sys.argv) > 5 else None)
    else:
        cin(path, year)
    for r, c, w in OUT:
        print('%-10s #%-7s %s' % (r, c, w))
    n = collections.Counter(r for r, c, w in OUT)
    print('by rule:', ' '.join('%s=%d' % kv for kv in sorted(n.items())) or 'none', '| total', len(OUT))
