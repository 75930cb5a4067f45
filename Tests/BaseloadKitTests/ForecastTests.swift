import Testing

@testable import BaseloadKit

@Suite struct ForecastTests {
  @Test func callsPerHourFromDriversByHand() throws {
    // 100 users × 3 sessions/day × 7 days = 2,100 sessions a week; the profile puts weight 3 on
    // Monday 10:00 out of a weekly total of 168 + 2 = 170, so share = 3/170.
    // calls/h = 2,100 × 3/170 × 2 prompts × 4 calls × 1.1 = 326.1176…
    let input = try TestFolder.load([
      "profiles.csv": "profile,day,hour,weight\np,all,*,1\np,mon,10,3\n",
      "workloads.csv": TestFolder.workloadHeader
        + ",retry_rate,cache_hit_rate,reasoning_tokens_per_call\nw1,mid,standard,100,3,2,4,1000,200,p,0.1,0.25,300\n",
    ])
    let f = Forecast(input: input)
    let expected = 2100.0 * 3 / 170 * 2 * 4 * 1.1
    #expect(abs(f.callsPerHour[0][0][10] - expected) < 1e-9)
    let r = DemandRates(calls: expected, workload: input.workloads[0])
    #expect(abs(r.tasks - expected / 4.4) < 1e-9)
    #expect(abs(r.sessions - 2100.0 * 3 / 170) < 1e-9)
    #expect(abs(r.uncachedInputTokens - expected * 750) < 1e-6)
    #expect(abs(r.cachedInputTokens - expected * 250) < 1e-6)
    #expect(abs(r.outputTokens - expected * 500) < 1e-6)
  }

  @Test func growthCompoundsMonthly() throws {
    let input = try TestFolder.load([
      "plan.csv": "key,value\nstart,2027-01\nmonths,3\n",
      "workloads.csv": TestFolder.workloadHeader
        + ",user_growth_pct_per_month\nw1,mid,standard,1000,1,1,1,1000,100,flat,10\n",
    ])
    let f = Forecast(input: input)
    // flat profile: 1000 users × 7 sessions a week / 168 h per hour-of-week
    #expect(abs(f.callsPerHour[0][0][0] - 1000.0 * 7 / 168) < 1e-9)
    #expect(abs(f.callsPerHour[0][2][0] - 1210.0 * 7 / 168) < 1e-9)
  }

  /// The README's rule: the profile shares out a week (users × sessions × 7), and a month's total follows its
  /// calendar. Every session on Monday 00:00: 700 tasks each Monday, 3,500 in March 2027 (five Mondays), 2,800
  /// in April (four) — not users × sessions × days (3,100 and 3,000).
  @Test func aMonthTotalFollowsTheCalendarOfItsWeekdays() throws {
    let input = try TestFolder.load([
      "plan.csv": "key,value\nstart,2027-03\nmonths,2\n",
      "profiles.csv": "profile,day,hour,weight\nm,mon,0,1\n",
      "workloads.csv": TestFolder.workloadHeader + "\nw1,mid,standard,100,1,1,1,1000,100,m\n",
    ])
    let f = Forecast(input: input)
    let monthly = f.monthly(SliceSet(months: input.settings.horizon, resolution: .week))
    #expect(monthly.map(\.totals.tasks) == [3500, 2800])
  }

  @Test func calendarWeekdaysAndHours() {
    #expect(Month("2027-01")!.firstWeekday == 4)  // 2027-01-01 is a Friday
    #expect(Month("2026-11")!.firstWeekday == 6)  // 2026-11-01 is a Sunday
    #expect(Month("2028-02")!.hours == 29 * 24)
    let slices = SliceSet(months: [Month("2027-01")!], resolution: .week)
    #expect(slices.slices.count == 168)
    // January 2027 has five Fridays, Saturdays and Sundays and four of every other day.
    #expect(slices.slices[4 * 24].weight == 5)
    #expect(slices.slices[0].weight == 4)
    #expect(slices.slices.reduce(0) { $0 + $1.weight } == 744)
  }

  @Test func weekResolutionGivesTheHourlyMonthlyTotals() throws {
    let input = try TestFolder.load([
      "plan.csv": "key,value\nstart,2027-01\nmonths,3\n",
      "profiles.csv":
        "profile,day,hour,weight\nflat,all,*,1\np,weekday,*,2\np,weekend,*,0.5\np,mon,9,7\np,fri,17,3\n",
      "workloads.csv": TestFolder.workloadHeader
        + ",user_growth_pct_per_month,cache_hit_rate\nw1,mid,standard,1234,2.5,3,1.7,1500,400,p,3,0.4\nw2,mid,standard,50,1,1,1,100,10,flat,-2,0\n",
    ])
    let f = Forecast(input: input)
    let hourly = f.monthly(SliceSet(months: input.settings.horizon, resolution: .hour))
    let weekly = f.monthly(SliceSet(months: input.settings.horizon, resolution: .week))
    #expect(hourly.count == 6)
    for (h, w) in zip(hourly, weekly) {
      #expect(abs(h.totals.calls - w.totals.calls) <= 1e-9 * h.totals.calls)
      #expect(abs(h.totals.tokens - w.totals.tokens) <= 1e-9 * h.totals.tokens)
      #expect(abs(h.totals.tasks - w.totals.tasks) <= 1e-9 * h.totals.tasks)
      #expect(h.peakTokensPerHour == w.peakTokensPerHour)
    }
    // Closed form for w2 in January: 50 users × 1 session × 31 days.
    #expect(abs(hourly[3].totals.sessions - 50 * 31) < 1e-9)
  }

  @Test func profileSpecificityMostSpecificWins() throws {
    let input = try TestFolder.load([
      "profiles.csv": "profile,day,hour,weight\nflat,all,*,1\nflat,weekend,*,2\nflat,sun,3,9\n"
    ])
    let w = input.profiles["flat"]!.weights
    #expect(w[0] == 1)
    #expect(w[5 * 24] == 2)
    #expect(w[6 * 24 + 3] == 9)
  }
}
