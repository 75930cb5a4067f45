extension PlanAnalysis {
  /// `summary.json`: every headline figure, machine-readable.
  public var summaryJSON: JSON {
    let s = settings
    let monthly: [JSON] = months.map { m in
      .object([("month", .string(m.description)), ("cost", .fixed(invoice.total(in: m), 2))])
    }
    let offers: [JSON] = capacityUse.map { u in
      .object([
        ("offer", .string(u.offer)), ("month", .string(u.month.description)),
        ("units", .fixed(u.units, 4)),
        ("unit_hours", .fixed(u.paidUnitHours, 2)), ("used_unit_hours", .fixed(u.usedUnitHours, 2)),
        ("utilisation", .fixed(u.utilisation, 4)), ("cost", .fixed(u.cost, 2)),
        ("idle_cost", .fixed(u.idleCost, 2)),
      ])
    }
    let commitments: [JSON] = commitmentUse.map { u in
      .object([
        ("commitment", .string(u.commitment)), ("month", .string(u.month.description)),
        ("fee", .fixed(u.fee, 2)), ("covered", .fixed(u.covered, 2)),
        ("utilisation", .fixed(u.utilisation, 4)), ("unused_cost", .fixed(u.unusedCost, 2)),
      ])
    }
    let apiRows: [JSON] = input.apis.flatMap { a in
      months.compactMap { m -> JSON? in
        let cost = invoice.lines.filter { $0.offer == a.id && $0.month == m }.reduce(0) {
          $0 + $1.billedCost
        }
        let mtok = invoice.lines.filter { $0.offer == a.id && $0.month == m }.reduce(0) {
          $0 + $1.quantity
        }
        guard cost > 0 || mtok > 0 else { return nil }
        return .object([
          ("offer", .string(a.id)), ("month", .string(m.description)), ("mtokens", .fixed(mtok, 6)),
          ("cost", .fixed(cost, 2)),
        ])
      }
    }
    let work: [JSON] = workloads.map { w in
      .object([
        ("workload", .string(w.workload)), ("cost", .fixed(w.cost, 2)),
        ("mtokens", .fixed(w.tokens / 1e6, 6)),
        ("usd_per_mtok", .fixed(w.costPerMtok, 4)), ("tasks", .fixed(w.tasks, 2)),
        ("completed_tasks", .fixed(w.completedTasks, 2)),
        ("usd_per_task", .fixed(w.costPerTask, 4)),
        ("usd_per_completed_task", .fixed(w.costPerCompletedTask, 4)),
        ("human_cost", .fixed(w.humanCost, 2)),
      ])
    }
    let solver: JSON = .object([
      ("status", .string(solve.status.key)),
      ("path", solve.strategy.map { .string($0.path.rawValue) } ?? .null),
      ("objective", .fixed(solve.objective, 2)),
      ("mip_gap", solve.mipGap.map { .fixed($0, 6) } ?? .null),
      ("mip_gap_limit", .fixed(s.mipGap, 6)),
      ("resolution", .string((solve.certificate?.resolution ?? solve.resolution).rawValue)),
      ("certificate_slices", .int(solve.certificate?.slices ?? solve.sliceCount)),
      ("lower_bound", solve.certificate.map { .fixed($0.lowerBound, 2) } ?? .null),
      ("upper_bound", solve.certificate.map { .fixed($0.upperBound, 2) } ?? .null),
      ("certified_gap", solve.certificate.map { .fixed($0.gap, 6) } ?? .null),
    ])
    let models: [JSON] = billingModels.map {
      .object([("model", .string($0.model.title)), ("cost", .fixed($0.cost, 2))])
    }
    // The headline, then cost per completed task of the whole bill and per team, then the detail.
    let headline: [(String, JSON)] = [
      ("plan", .string(s.name)), ("start", .string(s.start.description)),
      ("months", .int(s.months)), ("currency", .string(s.currency)),
      ("resolution", .string(solve.resolution.rawValue)),
      ("slices", .int(solve.sliceCount)), ("total_cost", .fixed(invoice.total, 2)),
      ("usd_per_completed_task", costPerCompletedTaskJSON), ("teams", teamsJSON),
    ]
    let detail: [(String, JSON)] = [
      ("human_cost", .fixed(humanCost, 2)), ("objective", .fixed(solve.objective, 2)),
      ("idle_cost", .fixed(capacityUse.reduce(0) { $0 + $1.idleCost }, 2)),
      ("unused_commitment_cost", .fixed(unusedCommitmentCost, 2)),
      ("monthly", .array(monthly)), ("capacity", .array(offers)),
      ("commitments", .array(commitments)), ("apis", .array(apiRows)),
      ("workloads", .array(work)), ("billing_models", .array(models)), ("solver", solver),
    ]
    return .object(headline + detail)
  }

  /// Spend per billing model: token API, on-demand capacity, reserved capacity, commitments.
  public var billingModels: [(model: BillingModel, cost: Double)] {
    BillingModel.allCases.map { model in
      (
        model,
        invoice.lines.filter { BillingModel($0.kind) == model }.reduce(0) { $0 + $1.billedCost }
      )
    }
  }
}

extension PlanAnalysis {
  /// The whole invoice over every completed task, $/task; null when no task completes.
  var costPerCompletedTaskJSON: JSON {
    let done = workloads.reduce(0) { $0 + $1.completedTasks }
    return done > 0 ? .fixed(invoice.total / done, 4) : .null
  }

  /// Per team: allocated cost (every billed dollar), completed tasks and cost per completed task.
  var teamsJSON: JSON {
    .array(
      teams.map { t in
        .object([
          ("team", .string(t.workload)), ("cost", .fixed(t.cost, 2)),
          ("completed_tasks", .fixed(t.completedTasks, 2)),
          (
            "usd_per_completed_task",
            .fixed(t.costPerCompletedTask, 4)
          ),
        ])
      })
  }
}
