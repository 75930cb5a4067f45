/// Builds a plan's invoice, capacity use, placement rows and workload totals from the solution, in three
/// steps: every offer's charges, every commitment's fee and credit, then the rows per workload; fixed charges are
/// spread over the pairs that use them as they are billed (`allocate`).
struct AnalysisBuilder {
  let result: PlacementResult
  let data: PlacementData
  let months: [Month]
  let slices: SliceSet
  /// The pairs costs are kept on: the data's pairs (the model's columns, `result.flows`' rows, in order), then
  /// every other pair the sheets allow (`PlacementData.compatiblePairs`, no calls) — a workload the all-API
  /// baseline keeps off a signed offer could still use it, and carries its idle charge.
  let ledger: [PlacementPair]
  /// Calls per ledger pair and month.
  let calls: [[Double]]
  /// Calls per workload and month.
  let workloadCalls: [[Double]]
  var lines: [InvoiceLine] = []
  var uses: [CapacityUse] = []
  /// Cost of each pair and month: usage, plus its share of fixed charges, $.
  var pairCost: [[Double]]
  /// Fixed charges no pair could carry, $.
  var unallocated = 0.0

  init(_ result: PlacementResult) {
    self.result = result
    let data = result.data
    self.data = data
    months = data.months
    slices = data.slices
    let nM = months.count
    let modelled = Set(data.pairs.map { [$0.workload, $0.offer] })
    let ledger =
      data.pairs + data.compatiblePairs.filter { !modelled.contains([$0.workload, $0.offer]) }
    self.ledger = ledger
    var calls = [[Double]](repeating: [Double](repeating: 0, count: nM), count: ledger.count)
    for (pi, row) in result.flows.enumerated() {
      for s in data.slices.slices { calls[pi][s.monthIndex] += s.weight * row[s.index] }
    }
    self.calls = calls
    pairCost = [[Double]](repeating: [Double](repeating: 0, count: nM), count: ledger.count)
    workloadCalls = data.workloads.indices.map { wi in
      data.months.indices.map { mi in
        ledger.indices.reduce(0.0) { $0 + (ledger[$1].workload == wi ? calls[$1][mi] : 0) }
      }
    }
  }

  /// Spreads a fixed charge over ledger pairs so that every billed dollar reaches a workload: by `weights` (the
  /// month's use), else by the offer's use over the horizon, else over the workloads that could use it (the
  /// pairs of `weights`) by their calls of the month, else of the horizon, else in equal shares (no call left,
  /// as when a what-if sets their demand to zero); only an offer no workload could use is spread over every
  /// pair (by calls of the month, of the horizon, else equally). A workload that cannot use an offer never
  /// carries its charge while one that could exists.
  mutating func allocate(_ amount: Double, month mi: Int, weights: [(Int, Double)]) {
    let offerPairs = weights.map(\.0)
    let all = Array(ledger.indices)
    let candidates: [[(Int, Double)]] = [
      weights,
      offerPairs.map { ($0, calls[$0].reduce(0, +)) },
      offerPairs.map { ($0, workloadCalls[ledger[$0].workload][mi]) },
      offerPairs.map { ($0, workloadCalls[ledger[$0].workload].reduce(0, +)) },
      offerPairs.map { ($0, 1) },
      all.map { ($0, calls[$0][mi]) },
      all.map { ($0, calls[$0].reduce(0, +)) },
      all.map { ($0, 1) },
    ]
    guard let spread = candidates.first(where: { $0.reduce(0) { $0 + $1.1 } > 0 }) else {
      unallocated += amount
      return
    }
    let total = spread.reduce(0) { $0 + $1.1 }
    for (pi, w) in spread { pairCost[pi][mi] += amount * w / total }
  }

  /// The list price `p` when a negotiated discount (discounts.csv) in force makes the month's price `f` × `p`
  /// lower (FOCUS ListUnitPrice), or nil when the month is billed at list.
  func listPrice(_ p: Double, factor f: Double) -> Double? {
    f < 1 ? p : nil
  }

  /// Every offer's charges per month: API tokens by class and batch, reserved and on-demand unit-hours, each
  /// month at the price in force that month (list × `PlacementData.priceFactor`).
  mutating func billOffers() {
    for (oi, offer) in data.offers.enumerated() {
      let pairs = ledger.indices.filter { ledger[$0].offer == oi }
      for (mi, month) in months.enumerated() {
        let f = data.priceFactor(offer.id, month: mi)
        switch offer {
        case .api(let a):
          for batch in [false, true] {
            let ps = pairs.filter {
              (data.workloads[ledger[$0].workload].latency == .batch) == batch
            }
            let discount = batch ? a.batchDiscountPct / 100 : 0
            let classes: [(ChargeKind, Double, (Workload) -> Double)] = [
              (.inputTokens, a.usdPerMtokInput, { $0.uncachedInputTokens }),
              (.cachedInputTokens, a.usdPerMtokCachedInput, { $0.cachedInputTokens }),
              (.outputTokens, a.usdPerMtokOutput, { $0.outputTokens }),
            ]
            for (kind, price, perCall) in classes {
              let mtok =
                ps.reduce(0.0) {
                  $0 + calls[$1][mi] * perCall(data.workloads[ledger[$1].workload])
                } / 1e6
              guard mtok > 0 else { continue }
              let list = price * (1 - discount)
              let unit = list * f
              var line = InvoiceLine(
                month: month, provider: a.vendor, offer: a.id, service: a.model, kind: kind,
                variant: batch && discount > 0 ? "batch" : "", pricingUnit: "1M tokens",
                quantity: mtok,
                unitPrice: unit, billedCost: mtok * unit)
              line.listUnitPrice = listPrice(list, factor: f)
              lines.append(line)
            }
          }
          for pi in pairs { pairCost[pi][mi] += calls[pi][mi] * ledger[pi].usageCost * f }
        case .capacity(let c):
          let used = pairs.reduce(0.0) { $0 + calls[$1][mi] * ledger[$1].load }
          let busy = pairs.reduce(0.0) {
            $0 + calls[$1][mi]
              * PlacementData.unitSeconds(data.workloads[ledger[$1].workload], c) / 3600
          }
          var peak = 0.0
          for s in slices.slices(inMonth: mi) where s.weight > 0 {
            peak = max(
              peak,
              pairs.reduce(0.0) {
                $0 + ($1 < result.flows.count ? result.flows[$1][s.index] * ledger[$1].load : 0)
              })
          }
          let hours = Double(month.hours)
          let unitPrice = c.usdPerUnitHour * f
          if c.billing == .reserved {
            let units = result.units[c.id]?[mi] ?? 0
            let cost = units * hours * unitPrice
            uses.append(
              CapacityUse(
                offer: c.id, month: month, units: units, bought: result.bought[c.id]?[mi] ?? 0,
                signed: data.contractUnits[c.id]?[mi] ?? 0, paidUnitHours: units * hours,
                usedUnitHours: used, busyUnitHours: busy, cost: cost, peakLoad: peak))
            if units > 0 {
              var l = InvoiceLine(
                month: month, provider: c.vendor, offer: c.id, service: c.model,
                kind: .reservedUnits,
                pricingUnit: "\(c.unit)-hour", quantity: units * hours, unitPrice: unitPrice,
                billedCost: cost)
              l.capacityUnits = units
              l.usedQuantity = used
              l.listUnitPrice = listPrice(c.usdPerUnitHour, factor: f)
              lines.append(l)
            }
            allocate(
              cost, month: mi, weights: pairs.map { ($0, calls[$0][mi] * ledger[$0].load) })
          } else {
            let cost = used * unitPrice
            uses.append(
              CapacityUse(
                offer: c.id, month: month, units: used / hours, bought: 0, signed: 0,
                paidUnitHours: used,
                usedUnitHours: used, busyUnitHours: busy, cost: cost, peakLoad: peak))
            if used > 0 {
              var l = InvoiceLine(
                month: month, provider: c.vendor, offer: c.id, service: c.model,
                kind: .onDemandUnits,
                pricingUnit: "\(c.unit)-hour", quantity: used, unitPrice: unitPrice,
                billedCost: cost)
              l.listUnitPrice = listPrice(c.usdPerUnitHour, factor: f)
              lines.append(l)
            }
            for pi in pairs { pairCost[pi][mi] += calls[pi][mi] * ledger[pi].usageCost * f }
          }
        }
      }
    }
  }

  /// Every commitment's fee for its level and credit for covered usage (billed at the discount instead of list).
  mutating func billCommitments() {
    for k in data.input.commitments {
      let d = k.discountPct / 100
      let eligible = ledger.indices.filter {
        k.appliesTo.contains(data.offers[ledger[$0].offer].id)
      }
      for (mi, month) in months.enumerated() {
        let level = result.levels[k.id]?[mi] ?? 0
        let hours = Double(month.hours)
        let coveredDiscounted = slices.slices(inMonth: mi).reduce(0.0) {
          $0 + $1.weight * (result.covered[k.id]?[$1.index] ?? 0)
        }
        let coveredList = d < 1 ? coveredDiscounted / (1 - d) : 0
        if level > 0 {
          var fee = InvoiceLine(
            month: month, provider: k.vendor, offer: k.id, service: "commitment \(k.id)",
            kind: .commitmentFee,
            pricingUnit: "\(data.input.settings.currency)-hour", quantity: level * hours,
            unitPrice: 1,
            billedCost: level * hours, commitment: k.id)
          fee.capacityUnits = level
          fee.usedQuantity = coveredDiscounted
          lines.append(fee)
        }
        if coveredList > 1e-9 {
          lines.append(
            InvoiceLine(
              month: month, provider: k.vendor, offer: k.id, service: "commitment \(k.id)",
              kind: .commitmentCoverage,
              pricingUnit: data.input.settings.currency, quantity: coveredList, unitPrice: -1,
              billedCost: -coveredList,
              commitment: k.id))
        }
        let net = level * hours - coveredList
        allocate(
          net, month: mi,
          weights: eligible.map {
            let o = data.offers[ledger[$0].offer].id
            return ($0, calls[$0][mi] * ledger[$0].usageCost * data.priceFactor(o, month: mi))
          })
      }
    }
  }

  /// Placement rows (workload × offer × month) and totals per workload, every allocated dollar counted.
  func placementRows() -> (rows: [PlacementRow], totals: [WorkloadTotals]) {
    var rows: [PlacementRow] = []
    var totals: [WorkloadTotals] = []
    for (wi, w) in data.workloads.enumerated() {
      var t = WorkloadTotals(
        workload: w.id, cost: 0, tokens: 0, tasks: 0, completedTasks: 0, humanCost: 0)
      let pairs = ledger.indices.filter { ledger[$0].workload == wi }
      for (mi, month) in months.enumerated() {
        let all = pairs.reduce(0.0) { $0 + calls[$1][mi] }
        for pi in pairs where calls[pi][mi] == 0 && abs(pairCost[pi][mi]) < Format.halfCentUSD {
          // Round-off of an allocation to a pair with no calls: counted, not listed.
          t.cost += pairCost[pi][mi]
        }
        for pi in pairs where calls[pi][mi] > 0 || abs(pairCost[pi][mi]) >= Format.halfCentUSD {
          let c = calls[pi][mi]
          let offer = data.offers[ledger[pi].offer].id
          let tasks = w.callsPerTask > 0 ? c / w.callsPerTask : 0
          let done = tasks * data.input.successRate(w, on: offer)
          let human = c * ledger[pi].failCost
          rows.append(
            PlacementRow(
              workload: w.id, offer: offer, month: month, calls: c, tokens: c * w.tokensPerCall,
              tasks: tasks,
              completedTasks: done, share: all > 0 ? c / all : 0, cost: pairCost[pi][mi],
              humanCost: human))
          t.cost += pairCost[pi][mi]
          t.tokens += c * w.tokensPerCall
          t.tasks += tasks
          t.completedTasks += done
          t.humanCost += human
        }
      }
      totals.append(t)
    }
    return (rows, totals)
  }
}
