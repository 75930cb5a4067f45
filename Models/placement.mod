/* Baseload placement model (GNU MathProg).

   Places the calls of every AI workload on token APIs, reserved capacity
   (rented GPUs, provisioned throughput units bought for whole terms),
   on-demand capacity and spend commitments, at least cost.

   Reproduce a plan outside Baseload with
       glpsol -m Models/placement.mod -d Reports/<run>/placement.dat

   Money is in the plan's currency (USD unless plan.csv says otherwise),
   time in calendar hours, demand in model calls per hour. The data section
   is written by Baseload from the input sheets; every derived parameter
   (cost and capacity load per call) is computed there from the sheets. */

/* ---------- Sets ---------- */

set W;
/* workloads (workloads.csv ids) */

set A;
/* token API offers (apis.csv ids), billed per token */

set C;
/* capacity offers (capacity.csv ids): GPUs, dedicated endpoints, provisioned units */

set R within C;
/* reserved capacity offers: paid for every hour of their term, used or not */

set K;
/* spend commitments (commitments.csv ids), savings-plan style */

set M;
/* months of the horizon, numbered 1, 2, ... in calendar order */

set T;
/* time slices: one calendar hour each (resolution hour), or one hour of a
   representative week of a month standing for several calendar hours
   (resolution week) */

set D;
/* days: the slices of one day share a day; deferred batch work stays within its day */

set P within W cross (A union C);
/* compatible workload/offer pairs (tier, region and latency class allow it);
   only these pairs get placement variables */

set KO{K} within (A union C);
/* offers whose usage commitment k covers (an offer is in at most one commitment) */

/* ---------- Time ---------- */

param month{T} in M;
/* month of slice t */

param day{T} in D;
/* day of slice t */

param hour{T} integer, >= 0, <= 23;
/* hour of day of slice t, 0..23 */

param weight{T} >= 0;
/* calendar hours that slice t stands for, h (1 for an hourly slice) */

param hours{M} > 0;
/* calendar hours in month m, h */

set TD{d in D} := {t in T: day[t] = d};
/* the slices of day d */

check{d in D}: card(TD[d]) > 0;

/* ---------- Outlook: several futures (two-stage stochastic plan) ----------

   A plan for several futures of demand stacks their slices: every future has
   its own copy of the horizon's slices (and days), so usage-billed placement
   (x, covered, short) is decided per future, while reserved units and
   commitment levels, indexed by month only, are decided once for all of them.
   A deterministic plan is the one-future case ('base', probability 1). */

set S default {'base'};
/* outlook scenarios: the futures of demand the plan is made for */

param probability{S} >= 0, <= 1, default 1;
/* probability of future s, fraction; they sum to 1 */

check: abs(sum{s in S} probability[s] - 1) <= 1e-9;

param scenario{T} symbolic in S, default 'base';
/* the future slice t belongs to */

set TS{s in S} := {t in T: scenario[t] = s};
/* the slices of future s */

check{s in S}: card(TS[s]) > 0;

check{d in D}: card(setof{t in TD[d]} scenario[t]) = 1;
/* a day (deferral window) lies within one future */

param risk_weight >= 0, <= 1, default 0;
/* lambda: weight of the tail (CVaR) in the objective, fraction; 0 = expected cost only */

param risk_alpha >= 0, < 1, default 0.9;
/* alpha: CVaR is the mean cost of the worst 1 - alpha of the futures (by probability) */

set TAIL := if risk_weight > 0 then {1} else {};
/* one element when the tail is priced (risk_weight > 0), else empty: the tail
   variables and rows exist only then */

/* ---------- Demand ---------- */

param demand{W, T} >= 0;
/* calls of workload w arriving per hour in slice t, calls/h */

param defer{W} integer, >= 0, <= 23, default 0;
/* hours a call of workload w may wait before it is served (batch work, same day) */

param tokens{W} >= 0;
/* tokens per call of workload w (input + output incl. reasoning), tokens/call */

/* ---------- Offers ---------- */

param usage_cost{P} >= 0;
/* usage-billed cost of one call of w on o, $/call: API token classes
   (uncached input, cached input, output incl. reasoning) at list price less
   the batch discount (price_factor below applies a negotiated discount); on-demand capacity unit-hours per call times the unit
   price; 0 on reserved capacity (paid per unit below) */

param fail_cost{P} >= 0, default 0;
/* human cost of failed tasks per call of w on o, $/call:
   human_cost_per_failure x (1 - success rate of w on o) / calls per task */

param load{P} >= 0, default 0;
/* capacity a call of w takes on capacity offer o, unit-hours/call:
   (uncached input + cached input x cached_input_weight) / input rate
   + output / output rate, in unit-seconds, / 3600, / utilisation cap of
   w's latency class */

param tpm{A} >= 0, default 0;
/* API rate limit, tokens per minute (input + output); 0 = no limit */

param price{C} >= 0;
/* capacity unit price, $/unit-hour */

param price_factor{A union C, M} >= 0, <= 1, default 1;
/* fraction of offer o's list price billed in month m, fraction: 1 - the
   negotiated discount (discounts.csv) in force that month, 1 where none is.
   It scales every price-based charge of o in m: usage_cost of calls in the
   slices of m and the reserved unit-hour price (not fail_cost) */

param term{R} integer, >= 1, default 1;
/* reserved term, months: units bought in month m are paid months m .. m+term-1
   (within the horizon) */

param min_units{R} >= 0, default 0;
/* fewest units of a reserved offer, signed ones included, in a month in which
   units bought here are active, units (signed units alone may be fewer: a
   contract is a fact, a vendor's minimum governs what is bought) */

param step{R} integer, >= 1, default 1;
/* reserved units come in multiples of this, units */

param max_units{C} >= 0;
/* most units of a capacity offer in use at once, units (Baseload writes a
   bound large enough for all compatible demand when the sheet sets none) */

param contract_units{R, M} >= 0, default 0;
/* units already signed (contracts.csv) and active in month m, units */

check{c in R, m in M}: contract_units[c, m] <= max_units[c];

/* ---------- Commitments ---------- */

param discount{K} >= 0, < 1;
/* discount of commitment k on covered usage, fraction */

param kterm{K} integer, >= 1, default 1;
/* commitment term, months */

param contract_usd{K, M} >= 0, default 0;
/* committed $/h already signed and active in month m, $/h */

check{o in A union C}: card({k in K: o in KO[k]}) <= 1;
/* an offer is covered by at most one commitment */

/* ---------- Baselines and what-ifs ---------- */

set ROUTED within W, default {};
/* workloads whose routing is fixed (current.csv): calls go to offers in fixed shares */

param route_share{P} >= 0, <= 1, default 0;
/* share of a routed workload's calls sent to offer o (shares of a workload sum to 1) */

param fixed_units{R, M} >= -1, default -1;
/* reserved units held fixed in month m (a locked what-if keeps the baseline's units); -1 = free */

param fixed_level{K, M} >= -1, default -1;
/* commitment level held fixed in month m, $/h; -1 = free */

check{c in R, m in M}: fixed_units[c, m] = -1 or fixed_units[c, m] >= 0;
check{k in K, m in M}: fixed_level[k, m] = -1 or fixed_level[k, m] >= 0;
/* a held amount is -1 (free) or at least 0: round-off just below 0 would free it unseen */

param new_commitments binary, default 1;
/* 0 = no new commitment may be bought (baselines price today's routing and signed levels only) */

/* ---------- Infeasibility diagnosis ---------- */

param allow_shortfall binary, default 0;
/* 1 only when Baseload explains an infeasible plan: demand may then go
   unserved at a penalty so that the shortfall can be located */

param shortfall_penalty >= 0, default 0;
/* cost of one unserved call when allow_shortfall = 1, $/call */

/* ---------- Variables ---------- */

var x{P, T} >= 0;
/* calls of workload w served by offer o per hour in slice t, calls/h */

var buy{R, M} integer, >= 0;
/* steps of reserved units bought at the start of month m, each for term months */

var units{c in R, M} >= 0, <= max_units[c];
/* reserved units active in month m (signed plus bought), units */

var active{c in R, M} binary;
/* 1 when units bought of reserved offer c are active in month m (needed only
   for min_units) */

var spent{k in K, M} >= 0;
/* hourly commitment level of k bought at the start of month m, $/h, for kterm months */

var level{K, M} >= 0;
/* commitment level of k active in month m (signed plus bought), $/h */

var covered{K, T} >= 0;
/* discounted usage covered by commitment k per hour in slice t, $/h */

var short{W, T} >= 0;
/* calls of w left unserved per hour in slice t (diagnosis only), calls/h */

var tail_threshold{TAIL};
/* eta: value at risk of the plan's cost at level alpha, $ (free) */

var excess{s in S: risk_weight > 0} >= 0;
/* cost of future s above tail_threshold, $ */

/* ---------- Objective ---------- */

minimize TotalCost:
    (1 - risk_weight) * (
      sum{(w, o) in P, t in T} probability[scenario[t]] * weight[t] * (price_factor[o, month[t]] * usage_cost[w, o] + fail_cost[w, o]) * x[w, o, t]
    + sum{c in R, m in M} price_factor[c, m] * price[c] * hours[m] * units[c, m]
    + sum{k in K, m in M} hours[m] * level[k, m]
    - sum{k in K, t in T} probability[scenario[t]] * weight[t] * covered[k, t] / (1 - discount[k])
    + sum{w in W, t in T} probability[scenario[t]] * weight[t] * shortfall_penalty * short[w, t])
  + sum{i in TAIL} risk_weight * (
      tail_threshold[i] + sum{s in S} probability[s] * excess[s] / (1 - risk_alpha));
/* $ over the horizon: usage-billed API and on-demand charges, human cost of
   failures, reserved units for every hour of their months (usage and reserved
   charges at the price in force in their month), commitment fees;
   usage covered by a commitment is billed at the discounted rate instead of
   list, which the covered term credits back. Usage is weighted by the
   probability of its future (the expected cost); with risk_weight > 0 the
   objective is (1 - risk_weight) x expected cost + risk_weight x CVaR, CVaR in
   its linear form tail_threshold + sum of probability x excess / (1 - alpha)
   (Rockafellar and Uryasev). With one future it is the plan's cost. */

/* ---------- Constraints ---------- */

/* Demand: every call is served; batch work may wait up to defer[w] hours
   within its day. */

s.t. Serve{w in W, t in T: defer[w] = 0}:
    sum{(w, o) in P} x[w, o, t] + short[w, t] = demand[w, t];
/* calls/h: served as they arrive */

s.t. NoServeBeforeArrival{w in W, t in T: defer[w] > 0}:
    sum{t2 in TD[day[t]]: hour[t2] <= hour[t]} (sum{(w, o) in P} x[w, o, t2])
    <= sum{t2 in TD[day[t]]: hour[t2] <= hour[t]} demand[w, t2];
/* calls/h, cumulative within the day: nothing is served before it arrives */

s.t. ServeWithinWindow{w in W, t in T: defer[w] > 0}:
    sum{t2 in TD[day[t]]: hour[t2] <= hour[t]} (sum{(w, o) in P} x[w, o, t2] + short[w, t2])
    >= sum{t2 in TD[day[t]]: hour[t2] <= hour[t] - defer[w]} demand[w, t2];
/* calls/h, cumulative: what arrived defer[w] hours ago has been served */

s.t. ServeByEndOfDay{w in W, d in D: defer[w] > 0}:
    sum{t2 in TD[d]} (sum{(w, o) in P} x[w, o, t2] + short[w, t2]) = sum{t2 in TD[d]} demand[w, t2];
/* calls/h summed over the day: the day's work is done within the day */

s.t. NoShortfall{w in W, t in T: allow_shortfall = 0}:
    short[w, t] = 0;
/* calls/h: no unserved demand in a real plan */

s.t. FixedRouting{(w, o) in P, t in T: w in ROUTED}:
    x[w, o, t] = route_share[w, o] * (demand[w, t] - short[w, t]);
/* calls/h: a routed workload's calls follow its shares as they arrive */

s.t. FixedUnits{c in R, m in M: fixed_units[c, m] >= 0}:
    units[c, m] = fixed_units[c, m];
/* units: held at the baseline's level */

s.t. FixedLevel{k in K, m in M: fixed_level[k, m] >= 0}:
    level[k, m] = fixed_level[k, m];
/* $/h: held at the baseline's level */

s.t. NoNewCommitments{k in K, m in M: new_commitments = 0}:
    spent[k, m] = 0;
/* $/h: only signed commitment levels */

/* Capacity: load of the calls placed on a capacity offer fits its units. */

s.t. ReservedCapacity{c in R, t in T}:
    sum{(w, c) in P} load[w, c] * x[w, c, t] <= units[c, month[t]];
/* unit-hours per hour: load (already divided by the utilisation cap) within active units */

s.t. OnDemandCapacity{c in C diff R, t in T}:
    sum{(w, c) in P} load[w, c] * x[w, c, t] <= max_units[c];
/* unit-hours per hour: on-demand units in use within the offer's limit */

s.t. RateLimit{a in A, t in T: tpm[a] > 0}:
    sum{(w, a) in P} tokens[w] * x[w, a, t] / 60 <= tpm[a];
/* tokens per minute through API a */

/* Reserved units: signed units plus whole terms of bought steps. */

s.t. UnitsActive{c in R, m in M}:
    units[c, m] = contract_units[c, m]
                + step[c] * sum{m2 in M: m2 <= m and m2 > m - term[c]} buy[c, m2];
/* units: a purchase stays active for its whole term */

s.t. MinUnitsWhenActive{c in R, m in M: min_units[c] > 0}:
    units[c, m] >= min_units[c] * active[c, m];
/* units: an active offer has at least min_units, signed ones included */

s.t. ActiveWhenUsed{c in R, m in M: min_units[c] > 0}:
    units[c, m] - contract_units[c, m] <= max_units[c] * active[c, m];
/* units: any unit bought makes the offer active (signed units alone do not,
   so buying nothing is always a plan) */

s.t. NoActiveFlag{c in R, m in M: min_units[c] = 0}:
    active[c, m] = 0;
/* the flag is unused where there is no minimum */

/* Commitments: a committed $/h is paid every hour of its term and covers up
   to that much discounted usage of its offers each hour. */

s.t. LevelActive{k in K, m in M}:
    level[k, m] = contract_usd[k, m] + sum{m2 in M: m2 <= m and m2 > m - kterm[k]} spent[k, m2];
/* $/h: signed level plus bought levels within their terms */

s.t. CoverWithinLevel{k in K, t in T}:
    covered[k, t] <= level[k, month[t]];
/* $/h: coverage is at most the commitment */

s.t. CoverWithinUsage{k in K, t in T}:
    covered[k, t] <= (1 - discount[k]) * (
        sum{(w, o) in P: o in KO[k]} price_factor[o, month[t]] * usage_cost[w, o] * x[w, o, t]
      + sum{c in KO[k] inter R} price_factor[c, month[t]] * price[c] * units[c, month[t]]);
/* $/h: coverage is at most the eligible usage (at the price in force in the
   slice's month) at the discounted rate */

/* Outlook tail: with risk_weight > 0, each future's whole cost (capacity
   once, its own usage) above tail_threshold is its excess. */

s.t. TailExcess{s in S, i in TAIL}:
    excess[s] >= sum{(w, o) in P, t in TS[s]} weight[t] * (price_factor[o, month[t]] * usage_cost[w, o] + fail_cost[w, o]) * x[w, o, t]
               + sum{c in R, m in M} price_factor[c, m] * price[c] * hours[m] * units[c, m]
               + sum{k in K, m in M} hours[m] * level[k, m]
               - sum{k in K, t in TS[s]} weight[t] * covered[k, t] / (1 - discount[k])
               + sum{w in W, t in TS[s]} weight[t] * shortfall_penalty * short[w, t]
               - tail_threshold[i];
/* $: cost of future s beyond the threshold */

end;
