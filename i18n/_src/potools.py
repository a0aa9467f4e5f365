import re, ast, os
ODOO='/work/main/.venv/lib/python3.7/site-packages/odoo/addons'
def unq(s):
    return ast.literal_eval(s) if s.startswith('"') else s
def parse(path):
    """return list of dict(msgid, msgstr, comments(raw lines), fuzzy)"""
    out=[]; cur=None; state=None
    def flush():
        nonlocal cur
        if cur and cur.get('msgid') is not None:
            out.append(cur)
        cur=None
    with open(path,encoding='utf-8') as f:
        for line in f:
            line=line.rstrip('\n')
            s=line.strip()
            if not s:
                flush(); state=None; continue
            if s.startswith('#~'): continue
            if s.startswith('#'):
                if cur is None or state in ('msgstr',):
                    flush(); cur={'comments':[], 'fuzzy':False}
                if s.startswith('#,') and 'fuzzy' in s: cur['fuzzy']=True
                if s.startswith('#.') or s.startswith('#:'):
                    cur['comments'].append(s)
                state='c'; continue
            if cur is None: cur={'comments':[], 'fuzzy':False}
            if s.startswith('msgid '):
                if state=='msgstr': flush(); cur={'comments':[], 'fuzzy':False}
                cur['msgid']=unq(s[6:]); state='msgid'
            elif s.startswith('msgstr '):
                cur['msgstr']=unq(s[7:]); state='msgstr'
            elif s.startswith('"'):
                if state=='msgid': cur['msgid']+=unq(s)
                elif state=='msgstr': cur['msgstr']+=unq(s)
    flush()
    return [e for e in out if e['msgid']!='']
