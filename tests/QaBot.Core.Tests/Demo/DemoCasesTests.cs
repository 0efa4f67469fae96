using QaBot.Core.Cases;
using QaBot.Demo;

namespace QaBot.Core.Tests.Demo;

[Trait("Category", "Fast")]
public sealed class DemoCasesTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 20);

    [Fact]
    public void Create_DemoCouncil_OpenCasesForEveryIroAndTheComplaintsManagerAllInThePast()
    {
        var council = DemoCouncil.Create();

        var rows = DemoCases.Create(council, AsOf);

        var iros = council.People.Where(p => p.Roles.Contains("iro-cp-chair", StringComparison.Ordinal)).Select(p => p.Upn).ToHashSet();
        Assert.NotEmpty(iros);
        Assert.All(iros, upn => Assert.Contains(rows, r => r.ResponsibleUpn == upn && r.Rule == "cla-review"));
        var manager = council.People.Single(p => p.Roles.Contains("qa-complaints-manager", StringComparison.Ordinal)).Upn;
        Assert.Contains(rows, r => r.ResponsibleUpn == manager && r.Rule == "complaint-stage-1");
        Assert.All(rows, r => Assert.True(DateOnly.Parse(r.EventDate, System.Globalization.CultureInfo.InvariantCulture) <= AsOf));
        var pattern = new CaseReferencePattern(CaseReferencePattern.Default);
        Assert.All(rows, r => Assert.True(pattern.TryParse(r.CaseReference, out _, out _)));
        Assert.Equal(Enumerable.Range(2, rows.Count), rows.Select(r => r.Line));
    }
}
