# Aggregates experiments/sweeps/year-target-probe.java output (days.csv): per (floor, weights) the mean
# largest burden and LOW mean burden over the 28 days, their cuts against S4 (6.62 %, 3.67 %,
# reproduce-rules-year.csv) and the price of fairness as the ratio of sums.
#   python3 experiments/sweeps/year-target-probe.py days.csv [max PoF]
import csv, sys, math, collections
rows = [r for r in csv.reader(open(sys.argv[1]))]
# week,day,floor,name,largest,low,pof,pofEur,vCost
vcost = collections.defaultdict(list)
for w,d,fl,name,lb,low,pof,pe,vc in rows:
    vc=float(vc)
    if math.isfinite(vc) and abs(float(pe))>1e-4:
        vcost[(w,d)].append(vc)
vc = {k: sorted(v)[len(v)//2] for k,v in vcost.items()}
agg = collections.defaultdict(lambda: [0,0,0,0,0])
for w,d,fl,name,lb,low,pof,pe,_ in rows:
    a = agg[(fl,name)]
    a[0]+=float(lb); a[1]+=float(low); a[2]+=1
    if math.isfinite(float(pof)) and (w,d) in vc:
        a[3]+=float(pe); a[4]+=vc[(w,d)]
S4_LB, S4_LOW = 0.0662, 0.0367
out=[]
for (fl,name),a in agg.items():
    lb=a[0]/a[2]; low=a[1]/a[2]; pof=a[3]/a[4] if a[4]>0 else float('nan')
    out.append((pof, fl, name, lb, low, lb/S4_LB-1, low/S4_LOW-1))
out.sort()
print("days per setting:", next(iter(agg.values()))[2], "; days with v_cost known:", len(vc))
print("pof  floor  weights  largest  LOW  cut_largest  cut_LOW")
for o in out:
    if o[0] <= float(sys.argv[2]) if len(sys.argv)>2 else True:
        print("%.4f %s %s %.4f %.4f %+.3f %+.3f" % o)
