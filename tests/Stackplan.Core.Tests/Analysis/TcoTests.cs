using Stackplan.Core.Model;
using Stackplan.Core.Pricing;
using Stackplan.Core.Analysis;

namespace Stackplan.Core.Tests.Analysis;

public sealed class TcoTests
{
    private static readonly SourceLocation Here = SourceLocation.None("test");

    private static TcoScenario Scenario(int years = 3, decimal growth = 0m, decimal discount = 0m, bool owned = false, int refresh = 3) => new(
        "s", null, years, growth, discount,
        new OnPremCosts(36_000m, refresh, owned, new MonthlyFigure(1_000m, null, Here), 500m),
        new CloudCosts(12_000m, new MonthlyFigure(700m, null, Here), 100m),
        Here);

    private static Bill NoEstimate(DeploymentRef target, int year) => throw new InvalidOperationException("no deployment is named");

    [Fact]
    public void Hardware_is_bought_again_at_each_refresh_and_not_at_the_start_when_already_owned()
    {
        Tco.Compute(Scenario(years: 6), NoEstimate).Items.Single(i => i.Item == "hardware").OnPrem.ShouldBe(72_000m);
        Tco.Compute(Scenario(years: 6, owned: true), NoEstimate).Items.Single(i => i.Item == "hardware").OnPrem.ShouldBe(36_000m);
    }

    [Fact]
    public void Growth_raises_run_rates_each_year_but_not_staff()
    {
        var years = Tco.Compute(Scenario(growth: 0.10m), NoEstimate).ByYear;

        years[0].Cloud.ShouldBe(12_000m + (12 * 700m) + (12 * 100m));
        years[1].Cloud.ShouldBe((12 * 770m) + (12 * 100m));
        years[2].OnPrem.ShouldBe((12 * 1_210m) + (12 * 500m));
    }

    [Fact]
    public void A_discount_rate_divides_year_n_by_one_plus_the_rate_to_the_n()
    {
        var plain = Tco.Compute(Scenario(), NoEstimate).ByYear;
        var discounted = Tco.Compute(Scenario(discount: 0.25m), NoEstimate).ByYear;

        discounted[0].Cloud.ShouldBe(plain[0].Cloud);
        discounted[1].Cloud.ShouldBe(plain[1].Cloud / 1.25m);
        discounted[2].OnPrem.ShouldBe(plain[2].OnPrem / 1.5625m);
    }

    [Fact]
    public void The_payback_month_is_the_first_in_which_cloud_has_cost_no_more_than_on_prem_so_far()
    {
        // Owned hardware: on-prem $1,500 a month; cloud $12,000 once then $800 a month, so $700 a month recovers $12,000 in month 18 (12,000 / 700 = 17.1).
        Tco.Compute(Scenario(owned: true), NoEstimate).PaybackMonth.ShouldBe(18);
        Tco.Compute(Scenario(years: 1, owned: true), NoEstimate).PaybackMonth.ShouldBeNull();
    }
}
