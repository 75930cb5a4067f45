/// The commented, runnable input folder written by `baseload init`.
public enum Template {
  /// File name → contents.
  public static let files: [(name: String, text: String)] = [
    (
      "plan.csv",
      """
      # plan.csv — the horizon and solver settings (key,value).
      # start: first month (YYYY-MM); months: 1..36; resolution: week (exact, fast) or hour.
      # util_cap_*: how full capacity may run for each latency class (0..1].
      key,value
      name,my-plan
      start,2027-01
      months,3
      currency,USD
      resolution,week
      time_limit_s,60
      mip_gap,0.0001
      util_cap_interactive,0.6
      util_cap_standard,0.8
      util_cap_batch,0.95

      """
    ),
    (
      "workloads.csv",
      """
      # workloads.csv — one row per workflow. Demand per hour = users × sessions/day × 7 × profile share
      # × prompts/session × calls/prompt × (1 + retry_rate). Tokens are per call; reasoning tokens bill as output.
      # cache_hit_rate moves that share of input tokens to the cached class. defer_hours: batch only.
      id,name,team,tier,latency,region,users,user_growth_pct_per_month,sessions_per_user_per_day,prompts_per_session,calls_per_prompt,input_tokens_per_call,output_tokens_per_call,reasoning_tokens_per_call,retry_rate,cache_hit_rate,success_rate,human_cost_per_failure,profile,defer_hours
      support-bot,Support assistant,Customer care,mid,interactive,,2000,5,3,4,2,3000,400,0,0.05,0.5,0.9,0.30,business-hours,0
      nightly-summaries,Nightly summaries,Operations,small,batch,,1,0,2000,1,1,6000,500,0,0,0.2,0.98,0,nights,4

      """
    ),
    (
      "profiles.csv",
      """
      # profiles.csv — relative arrivals per hour of week. day: mon..sun, weekday, weekend or all;
      # hour 0..23 (or * for every hour). The most specific row wins; missing hours weigh 0.
      profile,day,hour,weight
      business-hours,all,*,1
      business-hours,weekday,8,3
      business-hours,weekday,9,5
      business-hours,weekday,10,5
      business-hours,weekday,11,5
      business-hours,weekday,12,4
      business-hours,weekday,13,5
      business-hours,weekday,14,5
      business-hours,weekday,15,5
      business-hours,weekday,16,4
      business-hours,weekday,17,3
      nights,all,0,1
      nights,all,1,1
      nights,all,2,1
      nights,all,3,1

      """
    ),
    (
      "apis.csv",
      """
      # apis.csv — pay-per-token APIs. Prices in USD per million tokens; batch_discount_pct applies to
      # batch workloads; rate_limit_tpm: tokens per minute (empty = no limit). tiers/regions/latency: ; lists, * = any.
      id,vendor,model,tiers,regions,latency,usd_per_mtok_input,usd_per_mtok_cached_input,usd_per_mtok_output,batch_discount_pct,rate_limit_tpm
      big-api,ExampleAI,large-model,frontier;mid,*,*,2.00,0.50,8.00,50,
      small-api,ExampleAI,small-model,small,*,*,0.15,0.075,0.60,50,

      """
    ),
    (
      "capacity.csv",
      """
      # capacity.csv — capacity bought in units (GPUs, provisioned throughput). billing: reserved (paid every hour
      # of term_months) or on_demand (paid per unit-hour used). Throughput per unit: input (prefill) and
      # output (decode) tokens per second; cached_input_weight: capacity cost of a cached input token (0..1).
      id,vendor,model,tiers,regions,latency,unit,usd_per_unit_hour,billing,term_months,min_units,unit_step,max_units,input_tok_per_s_per_unit,output_tok_per_s_per_unit,cached_input_weight
      gpu-reserved,ExampleCloud,open-70b,mid;small,*,*,GPU,1.85,reserved,1,0,1,,12000,1500,0.1
      gpu-on-demand,ExampleCloud,open-70b,mid;small,*,*,GPU,2.99,on_demand,1,0,1,,12000,1500,0.1

      """
    ),
  ]
}
