#!/usr/bin/env bash
# Usage: [MODE=auto|images] scripts/bench_ocr.sh [PLANMINE [ROUNDS]]  (from the checkout; SHARED=../shared)
# OCR cost and confidence per file: CPU of `extract` with OCR on minus OCR off
# (median of N), and the OCR'd pages' confidence and words from the JSON.
BIN=${1:-./build/planmine}; N=${2:-3}
S=${SHARED:-../shared}
for f in corpus-real/ar-presentacion-cocreacion-slides.pdf corpus-real/br-pda-mp-2016-2017.pdf corpus-real/br-slides-cidade-democratica.pdf corpus-real/br-slides-participacao-social.pdf corpus-real-2/br-odi-cidades-sao-paulo-2017.pdf corpus-real/co-plan-accion-iv-2020-2022.pdf corpus-real/ar-mendoza-membership-awards-en.pdf corpus-real-2/us-public-meeting-slides-2021-11-30.pdf; do
  on=(); off=()
  for i in $(seq $N); do
    off+=($( { /usr/bin/time -f '%U %S' $BIN --ocr off extract $S/$f --format json >/dev/null; } 2>&1 | awk '{print $1+$2}'))
    on+=($( { /usr/bin/time -f '%U %S' $BIN --ocr ${MODE:-auto} extract $S/$f --format json >/tmp/ocr.json; } 2>&1 | tail -1 | awk '{print $1+$2}'))
  done
  mon=$(printf '%s\n' "${on[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  moff=$(printf '%s\n' "${off[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  python3 - "$f" "$mon" "$moff" <<'PY'
import json,sys
f,on,off=sys.argv[1],float(sys.argv[2]),float(sys.argv[3])
d=json.load(open('/tmp/ocr.json'))
pages=d.get('pages',[])
rows=[]
for p in pages:
  src=p.get('source'); 
  t=p.get('text','')
  img=[b for b in p.get('blocks',[]) if b.get('region')=='image']
  if src=='ocr' or img:
    words=len(t.split()) if src=='ocr' else sum(len(t[b['start']:b['end']].split()) for b in img)
    c=p.get('ocr_confidence')
    rows.append(f"p{p.get('number')}:{src}:conf={c:.1f}:words={words}")
print(f"{f.split('/')[-1]:45s} ocr_cpu={on-off:6.2f}s  {' '.join(rows)}")
PY
done
